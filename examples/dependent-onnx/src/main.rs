//! Prints the claims of an article as JSON, with the crate's default model on ONNX
//! Runtime. The model must have been built into the cache before (`attribution`
//! with feature `model` builds it); when it is not, the error says how.
use attribution::{Extractor, IfMissing};

fn main() {
    if let Err(e) = run() {
        // the message, not its Debug form: it names the command that fixes it
        eprintln!("consumer-onnx: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: consumer-onnx ARTICLE.txt")?;
    let text = std::fs::read_to_string(&path)?;
    let extractor = Extractor::default_model(IfMissing::Fail)?;
    eprintln!("[consumer-onnx] engine {:?}, precision {:?}", extractor.ner().engine(), extractor.ner().precision());
    let article = extractor.extract(&text)?;
    println!("{}", serde_json::to_string_pretty(&article.claims)?);
    Ok(())
}
