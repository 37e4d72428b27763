//! Prints the named entities of a file, one JSON object per line:
//! `{"kind","start","end","text","score"}` with byte offsets.
//!
//! ```text
//! cargo run --release --example ner -- FILE (or - for stdin)
//! ```
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match common::parse_args() {
        Ok(a) if a.rest.len() == 1 => a,
        _ => {
            eprintln!("usage: ner [--models models.toml] [--model NAME] FILE (- for stdin)");
            return ExitCode::from(2);
        }
    };
    let run = || -> Result<(), attribution::Error> {
        let text = common::read_input(&args.rest[0])?;
        let model = args.ner()?;
        for e in model.recognize(&text)? {
            let line = serde_json::json!({"kind": e.kind, "start": e.start, "end": e.end, "text": e.text, "score": e.score});
            println!("{line}");
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::fail("ner", &e),
    }
}
