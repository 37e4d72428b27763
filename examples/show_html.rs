//! Writes the HTML page of one article (`attribution::html::article_html`), with
//! the claims the model and rules find in it.
//!
//! ```text
//! cargo run --release --example show_html -- ARTICLE.txt PAGE.html [--models FILE] [--model NAME]
//! ```
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match common::parse_args() {
        Ok(a) if a.rest.len() == 2 => a,
        Ok(_) => {
            eprintln!("usage: show_html [--models models.toml] [--model NAME] ARTICLE.txt PAGE.html");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("show_html: {e}");
            return ExitCode::from(2);
        }
    };
    let (input, output) = (&args.rest[0], &args.rest[1]);
    let extractor = match args.extractor() {
        Ok(x) => x,
        Err(e) => return common::fail("show_html", &e),
    };
    let page = match common::read_input(input).and_then(|text| extractor.extract(&text).map(|a| (text, a))) {
        Ok((text, article)) => {
            let title = std::path::Path::new(input).file_name().map_or(input.clone(), |n| n.to_string_lossy().into_owned());
            attribution::html::article_html_titled(&text, &article, &title)
        }
        Err(e) => return common::fail("show_html", &e),
    };
    if let Err(e) = std::fs::write(output, page) {
        eprintln!("show_html: cannot write {output}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
