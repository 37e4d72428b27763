//! Scores the NER model on a CoNLL-2003 file: per-type and overall entity F1
//! (exact span match, as seqeval); with a syntax model, also `pos_accuracy=0.XXXX`
//! and `chunk_f1=0.XXXX` (conlleval). The last line is `f1=0.XXXX` (entities).
//!
//! ```text
//! cargo run --release --example ner_eval -- CONLL_FILE
//! ```
mod common;

use std::process::ExitCode;

use attribution::conll::{evaluate_entities, evaluate_syntax, read_conll};

fn main() -> ExitCode {
    let args = match common::parse_args() {
        Ok(a) if a.rest.len() == 1 => a,
        _ => {
            eprintln!("usage: ner_eval [--models models.toml] [--model NAME] CONLL_FILE");
            return ExitCode::from(2);
        }
    };
    let run = || -> Result<f64, attribution::Error> {
        let sentences = read_conll(std::path::Path::new(&args.rest[0]))?;
        let model = args.ner()?;
        let started = std::time::Instant::now();
        let scores = evaluate_entities(&model, &sentences)?;
        println!(
            "{} sentences in {:.1} s ({:?}, {:?})",
            sentences.len(),
            started.elapsed().as_secs_f64(),
            model.engine(),
            model.precision()
        );
        println!("{:<8} {:>9} {:>9} {:>9} {:>7}", "type", "precision", "recall", "f1", "gold");
        for (k, s) in &scores.per_kind {
            println!("{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7}", k.tag(), s.precision(), s.recall(), s.f1(), s.gold);
        }
        let o = scores.overall;
        println!("{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7}", "overall", o.precision(), o.recall(), o.f1(), o.gold);
        match evaluate_syntax(&model, &sentences)? {
            Some(syn) => {
                let c = syn.chunks;
                println!("chunks: precision {:.4} recall {:.4} ({} gold)", c.precision(), c.recall(), c.gold);
                println!("pos_accuracy={:.4}", syn.pos_accuracy());
                println!("chunk_f1={:.4}", c.f1());
            }
            None => println!("(no POS and chunk heads in this model)"),
        }
        Ok(o.f1())
    };
    match run() {
        Ok(f1) => {
            println!("f1={f1:.4}");
            ExitCode::SUCCESS
        }
        Err(e) => common::fail("ner_eval", &e),
    }
}
