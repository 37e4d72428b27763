//! Prints the claims of an article as JSON, with the crate's default model (built
//! into the cache on first use).
use attribution::{Extractor, IfMissing};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: consumer ARTICLE.txt")?;
    let text = std::fs::read_to_string(&path)?;
    let extractor = Extractor::default_model(IfMissing::Build)?;
    let article = extractor.extract(&text)?;
    println!("{}", serde_json::to_string_pretty(&article.claims)?);
    Ok(())
}
