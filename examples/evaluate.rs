//! Extracts the claims of every article in a corpus directory (`NAME.txt` with
//! `NAME.gold.json`) and scores them: per article, then overall, with the misses
//! and spurious claims. The last line has the reference scorer's format (with
//! `--spans`, its `--spans` format: for gold without anonymity or stance, such as
//! PolNeAR converted by `shared/tools/polnear.py`).
//!
//! ```text
//! cargo run --release --example evaluate -- [DIR] [--verbose] [--spans]
//! ```
mod common;

use std::path::PathBuf;
use std::process::ExitCode;

use attribution::eval::{score_article, GoldFile, Scores};

fn main() -> ExitCode {
    let args = match common::parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("evaluate: {e}");
            return ExitCode::from(2);
        }
    };
    let verbose = args.rest.iter().any(|a| a == "--verbose");
    let spans = args.rest.iter().any(|a| a == "--spans");
    let dir = args
        .rest
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let run = || -> Result<(Scores, usize), attribution::Error> {
        let extractor = args.extractor()?;
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| attribution::Error::Io { path: dir.clone(), source: e })?
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".gold.json").map(str::to_owned))
            .collect();
        names.sort();
        let mut total = Scores::default();
        let articles = names.len();
        for name in names {
            let text = common::read_input(&dir.join(format!("{name}.txt")).to_string_lossy())?;
            let gold = GoldFile::from_file(&dir.join(format!("{name}.gold.json")))?;
            let article = extractor.extract(&text)?;
            let s = score_article(&text, &gold.claims, &article.claims);
            println!("{name}: F1 {:.2} full {:.2} missed {} spurious {}", s.f1(), s.full_f1(), s.missed.len(), s.spurious.len());
            if verbose {
                s.missed.iter().for_each(|m| println!("  missed: {m}"));
                s.spurious.iter().for_each(|m| println!("  spurious: {m}"));
            }
            total.add(&s);
        }
        Ok((total, articles))
    };
    match run() {
        Ok((total, articles)) => {
            println!("{}", if spans { total.summary_spans(articles) } else { total.summary() });
            ExitCode::SUCCESS
        }
        Err(e) => common::fail("evaluate", &e),
    }
}
