//! Extracts the claims of every article in a corpus directory (`NAME.txt` with
//! `NAME.gold.json`) and scores them: per article, then overall, with the misses
//! and spurious claims. The last line has the reference scorer's format (with
//! `--spans`, its `--spans` format: for gold without anonymity or stance, such as
//! PolNeAR converted by `shared/tools/polnear.py`). Without `--spans`, the line before
//! it counts the source inventory (`Article::sources`): the articles whose number of distinct
//! sources is within 1 of the gold's (gold grouped by `speaker_name`, else
//! `speaker_resolved`, else `speaker`).
//!
//! With `--ablate`, it scores the corpus once with every rule on and then once with
//! each rule of the rule table off, one line a rule: what each rule contributes.
//!
//! ```text
//! cargo run --release --example evaluate -- [DIR] [--verbose] [--spans] [--ablate]
//! ```
mod common;

use std::path::PathBuf;
use std::process::ExitCode;

use attribution::eval::{score_article, GoldFile, Scores};
use attribution::{Extractor, Rule, Rules};

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
    let ablate = args.rest.iter().any(|a| a == "--ablate");
    let dir = args
        .rest
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let run = || -> Result<(Scores, usize), attribution::Error> {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| attribution::Error::Io { path: dir.clone(), source: e })?
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".gold.json").map(str::to_owned))
            .collect();
        names.sort();
        let mut corpus = Vec::with_capacity(names.len());
        for name in names {
            let text = common::read_input(&dir.join(format!("{name}.txt")).to_string_lossy())?;
            let gold = GoldFile::from_file(&dir.join(format!("{name}.gold.json")))?;
            corpus.push((name, text, gold));
        }
        let mut extractor = args.extractor()?;
        let total = score(&extractor, &corpus, !ablate, verbose)?;
        if ablate {
            // claim F1 (and full-claim F1 where the gold has labels) with each rule off
            let line = |what: &str, s: &Scores| {
                let full = if spans { String::new() } else { format!(" full {:.4} ({:+.4})", s.full_f1(), s.full_f1() - total.full_f1()) };
                println!("{what:<16} F1 {:.4} ({:+.4}){full} claims {}", s.f1(), s.f1() - total.f1(), s.predicted);
            };
            line("all rules", &total);
            for rule in Rule::ALL {
                extractor = extractor.with_rules(Rules::all().without(rule));
                line(&format!("-{rule}"), &score(&extractor, &corpus, false, false)?);
            }
        }
        Ok((total, corpus.len()))
    };
    match run() {
        Ok((total, articles)) => {
            // gold without speaker strings (PolNeAR's `--spans` conversion) has no sources to count
            if !spans {
                println!("{}", total.summary_sources());
            }
            println!("{}", if spans { total.summary_spans(articles) } else { total.summary() });
            ExitCode::SUCCESS
        }
        Err(e) => common::fail("evaluate", &e),
    }
}

/// The scores of `extractor` over `corpus` (name, text, gold), per article when
/// `per_article`, with the misses and spurious claims when `verbose`.
fn score(
    extractor: &Extractor,
    corpus: &[(String, String, GoldFile)],
    per_article: bool,
    verbose: bool,
) -> Result<Scores, attribution::Error> {
    let mut total = Scores::default();
    for (name, text, gold) in corpus {
        let article = extractor.extract(text)?;
        let s = score_article(text, &gold.claims, &article.claims);
        if per_article {
            let sources =
                if s.sources_gold > 0 { format!(" sources {} (gold {})", s.sources_predicted, s.sources_gold) } else { String::new() };
            println!("{name}: F1 {:.2} full {:.2} missed {} spurious {}{sources}", s.f1(), s.full_f1(), s.missed.len(), s.spurious.len());
        }
        if verbose {
            s.missed.iter().for_each(|m| println!("  missed: {m}"));
            s.spurious.iter().for_each(|m| println!("  spurious: {m}"));
        }
        total.add(&s);
    }
    Ok(total)
}
