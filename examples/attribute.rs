//! Prints the claims of each input as one JSON object per line:
//! `{"document": NAME, "claims": [...], "sources": [...], "anonymous_share": x}`.
//!
//! ```text
//! cargo run --release --example attribute -- FILE... (or - for stdin)
//! ```
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match common::parse_args() {
        Ok(a) if !a.rest.is_empty() => a,
        Ok(_) => {
            eprintln!("usage: attribute [--models models.toml] [--model NAME] FILE... (- for stdin)");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("attribute: {e}");
            return ExitCode::from(2);
        }
    };
    let extractor = match args.extractor() {
        Ok(x) => x,
        Err(e) => return common::fail("attribute", &e),
    };
    // a document that cannot be read or processed is reported and skipped: the rest
    // of the corpus is not lost, and the exit status says that something failed
    let mut failed = 0usize;
    for path in &args.rest {
        let name = std::path::Path::new(path).file_stem().map_or("-".into(), |s| s.to_string_lossy().into_owned());
        match common::read_input(path).and_then(|text| extractor.extract(&text)) {
            Ok(article) => {
                let doc = serde_json::json!({
                    "document": name,
                    "claims": article.claims,
                    "sources": article.sources,
                    "anonymous_share": article.anonymous_share,
                });
                println!("{doc}");
            }
            Err(e) => {
                failed += 1;
                common::report("attribute", path, &e);
            }
        }
    }
    if failed > 0 {
        eprintln!("attribute: {failed} of {} documents failed", args.rest.len());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
