//! `attribution`: who said what, over one article or a whole corpus.
//!
//! ```text
//! attribution extract [INPUT...] [-o FILE] [--resume] [--quiet] [--batch N (64)]
//!                     [--text-column NAME] [--id-column NAME] [--models FILE] [--model NAME]
//!                     [--engine auto|onnx|torch] [--precision auto|f32|bf16|int8] [--without RULE,...]
//! attribution show FILE [--json] [--explain] [--models FILE] [--model NAME] [--engine E] [--precision P]
//!                       [--without RULE,...]
//! attribution report OUTPUT.jsonl [--by FIELD] [--json] [--plot FILE.svg] [--top N]
//! ```
//!
//! `extract` reads `.txt` files, directories of them, JSON Lines (`{"id", "text", ...}`),
//! CSV with a header, or JSON Lines on stdin (`-`, which is how Spark's `RDD.pipe` runs
//! it), and writes one JSON line per document, in input order: its `id`, the other
//! fields of its record, `claims`, `sources` and `anonymous_share` — or `error`. The
//! exit status is 1 when any document failed, 2 on a usage error.

mod input;
mod report;
mod show;

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Seek, SeekFrom, Write};
use std::process::ExitCode;

use attribution::models::{Engine, ModelsConfig, Precision};
use attribution::{Article, Extractor, IfMissing, Rule, Rules};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Map, Value};

use input::{Columns, Doc, Item};

const USAGE: &str = "usage:
  attribution extract [INPUT...] [-o FILE] [--resume] [--quiet] [--batch N (64)]
                      [--text-column NAME] [--id-column NAME] [--models FILE] [--model NAME]
                      [--engine auto|onnx|torch] [--precision auto|f32|bf16|int8] [--without RULE,...]
      INPUT: .txt files, directories of them, .jsonl, .csv, or - (JSON Lines on stdin; the default)
  attribution show FILE [--json] [--explain] [--models FILE] [--model NAME] [--engine E] [--precision P]
                        [--without RULE,...]
      --explain: the rule that found each claim; --without: rules switched off (as_put_it,
      content_before, split_quote, according_to, passive, decline, participle, content_after,
      citing, continued_quote)
  attribution report OUTPUT.jsonl [--by FIELD] [--json] [--plot FILE.svg] [--top N]";

/// Parsed command line: flags with values, switches, and positional arguments.
struct Args {
    values: Vec<(String, String)>,
    switches: HashSet<String>,
    rest: Vec<String>,
}

impl Args {
    fn parse(args: impl Iterator<Item = String>, with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut out = Args { values: Vec::new(), switches: HashSet::new(), rest: Vec::new() };
        let mut args = args.peekable();
        while let Some(a) = args.next() {
            if with_value.contains(&a.as_str()) {
                let v = args.next().ok_or(format!("{a} needs a value"))?;
                out.values.push((a, v));
            } else if switches.contains(&a.as_str()) {
                out.switches.insert(a);
            } else if a.starts_with("--") || (a.starts_with('-') && a.len() > 1) {
                return Err(format!("unknown option {a}"));
            } else {
                out.rest.push(a);
            }
        }
        Ok(out)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn on(&self, name: &str) -> bool {
        self.switches.contains(name)
    }

    /// `--engine` and `--precision`, where given (a usage error if unknown).
    fn backend(&self) -> Result<(Option<Engine>, Option<Precision>), Failure> {
        fn choice<T: std::str::FromStr<Err = String>>(flag: &str, value: Option<&str>) -> Result<Option<T>, Failure> {
            value.map(|v| v.parse().map_err(|e| usage(format!("{flag}: {e}")))).transpose()
        }
        Ok((choice("--engine", self.value("--engine"))?, choice("--precision", self.value("--precision"))?))
    }

    /// `--without RULE,...`: every rule but those (a usage error if one is unknown).
    fn rules(&self) -> Result<Rules, Failure> {
        let mut rules = Rules::all();
        for name in self.values.iter().filter(|(k, _)| k == "--without").flat_map(|(_, v)| v.split(',')) {
            rules = rules.without(name.parse::<Rule>().map_err(|e| usage(format!("--without: {e}")))?);
        }
        Ok(rules)
    }

    /// The extractor: a named models.toml, or the crate's default model (built on
    /// first use), on the engine and at the precision the command line says, if it does.
    fn extractor(&self) -> Result<Extractor, Failure> {
        let (engine, precision) = self.backend()?;
        let failed = |e: attribution::Error| fail(chain(&e));
        let file = self.value("--models");
        let mut config = match file {
            Some(f) => ModelsConfig::from_file(f),
            None => ModelsConfig::embedded(),
        }
        .map_err(failed)?;
        config.engine = engine.unwrap_or(config.engine);
        config.precision = precision.unwrap_or(config.precision);
        let name = self.value("--model");
        let rules = self.rules()?;
        match file {
            // a file of the caller's: its models are loaded as they are
            Some(_) => Extractor::from_config(&config, name, IfMissing::Fail),
            None => Extractor::from_config(&config, name, IfMissing::Build),
        }
        .map(|x| x.with_rules(rules))
        .map_err(failed)
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let result = match command.as_str() {
        "extract" => Args::parse(
            args,
            &["-o", "--output", "--batch", "--text-column", "--id-column", "--models", "--model", "--engine", "--precision", "--without"],
            &["--resume", "--quiet", "-q"],
        )
        .map_err(usage)
        .and_then(|a| a.backend().and_then(|_| a.rules()).and_then(|_| extract(&a))),
        "show" => Args::parse(args, &["--models", "--model", "--engine", "--precision", "--without"], &["--json", "--explain"])
            .map_err(usage)
            .and_then(|a| a.backend().and_then(|_| a.rules()).and_then(|_| show::run(&a))),
        "report" => Args::parse(args, &["--by", "--plot", "--top"], &["--json"]).map_err(usage).and_then(|a| report::run(&a)),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(usage(if command.is_empty() { "no command".into() } else { format!("unknown command `{command}`") })),
    };
    match result {
        Ok(code) => code,
        Err(Failure { message, code }) => {
            eprintln!("attribution: {message}");
            ExitCode::from(code)
        }
    }
}

/// A run that could not start or finish: its message and exit status.
pub struct Failure {
    message: String,
    code: u8,
}

fn usage(message: String) -> Failure {
    Failure { message: format!("{message}\n{USAGE}"), code: 2 }
}

fn fail(e: impl std::fmt::Display) -> Failure {
    Failure { message: e.to_string(), code: 1 }
}

/// An error with its chain of sources, on one line.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push_str(&format!(": {c}"));
        src = c.source();
    }
    s
}

/// One output line: the document's id and fields, then its result. The id is the one
/// the id column gives: a field of the record named `id` does not replace it.
fn line(id: &str, fields: Map<String, Value>, result: Result<&Article, &str>) -> String {
    let mut out = fields;
    out.insert("id".into(), Value::String(id.to_owned()));
    match result {
        Ok(a) => {
            out.insert("claims".into(), serde_json::to_value(&a.claims).unwrap_or(Value::Null));
            out.insert("sources".into(), serde_json::to_value(&a.sources).unwrap_or(Value::Null));
            out.insert("anonymous_share".into(), a.anonymous_share.into());
        }
        Err(e) => {
            out.insert("error".into(), Value::String(e.to_owned()));
        }
    }
    Value::Object(out).to_string()
}

/// Ids already in an output file, and the file cut after its last complete line (a
/// run stopped mid-write leaves half a line).
fn resume_from(path: &str) -> Result<HashSet<String>, Failure> {
    let mut ids = HashSet::new();
    let Ok(file) = File::open(path) else { return Ok(ids) };
    let mut complete = 0u64;
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| fail(format!("cannot read {path}: {e}")))?;
        if n == 0 || buf.last() != Some(&b'\n') {
            break;
        }
        complete += n as u64;
        if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(&buf) {
            if let Some(Value::String(id)) = m.get("id") {
                ids.insert(id.clone());
            }
        }
    }
    let file = OpenOptions::new().write(true).open(path).map_err(|e| fail(format!("cannot open {path}: {e}")))?;
    file.set_len(complete).map_err(|e| fail(format!("cannot truncate {path}: {e}")))?;
    Ok(ids)
}

fn extract(args: &Args) -> Result<ExitCode, Failure> {
    let inputs = if args.rest.is_empty() { vec!["-".to_owned()] } else { args.rest.clone() };
    let inputs = input::expand(&inputs).map_err(fail)?;
    let columns =
        Columns { text: args.value("--text-column").unwrap_or("text").to_owned(), id: args.value("--id-column").map(str::to_owned) };
    let batch: usize = match args.value("--batch") {
        Some(b) => b.parse().ok().filter(|&n| n > 0).ok_or_else(|| usage(format!("--batch {b}: not a positive number")))?,
        None => 64,
    };
    let output = args.value("-o").or(args.value("--output"));
    if args.on("--resume") && output.is_none() {
        return Err(usage("--resume needs -o FILE".into()));
    }
    let done = match output {
        Some(path) if args.on("--resume") => resume_from(path)?,
        _ => HashSet::new(),
    };
    let mut out: Box<dyn Write> = match output {
        Some(path) => {
            let mut f = OpenOptions::new()
                .create(true)
                .append(args.on("--resume"))
                .write(true)
                .truncate(!args.on("--resume"))
                .open(path)
                .map_err(|e| fail(format!("cannot write {path}: {e}")))?;
            f.seek(SeekFrom::End(0)).map_err(|e| fail(format!("cannot write {path}: {e}")))?;
            Box::new(BufWriter::new(f))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let quiet = args.on("--quiet") || args.on("-q") || !std::io::stderr().is_terminal();
    let bar = match (quiet, input::count(&inputs)) {
        (true, _) => ProgressBar::hidden(),
        (false, Some(n)) => ProgressBar::new(n),
        (false, None) => ProgressBar::new_spinner(),
    };
    if !quiet {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        let style = if bar.length().is_some() {
            "{elapsed_precise} [{bar:30}] {pos}/{len} documents, {per_sec}, ETA {eta} {msg}"
        } else {
            "{elapsed_precise} {spinner} {pos} documents, {per_sec} {msg}"
        };
        bar.set_style(ProgressStyle::with_template(style).map_err(fail)?.progress_chars("=> "));
    }
    let extractor = args.extractor()?;
    let (mut failed, mut skipped) = (0usize, 0usize);
    let mut pending: Vec<Item> = Vec::with_capacity(batch);
    let mut flush = |pending: &mut Vec<Item>, out: &mut dyn Write| -> Result<(), Failure> {
        for l in run_batch(&extractor, pending, &mut failed) {
            writeln!(out, "{l}").map_err(|e| fail(format!("cannot write the output: {e}")))?;
        }
        out.flush().map_err(|e| fail(format!("cannot write the output: {e}")))?;
        bar.inc(pending.len() as u64);
        pending.clear();
        Ok(())
    };
    for item in input::documents(inputs, columns) {
        let id = match &item {
            Ok(d) => &d.id,
            Err((id, _)) => id,
        };
        if done.contains(id) {
            skipped += 1;
            bar.inc(1);
            continue;
        }
        pending.push(item);
        if pending.len() >= batch {
            flush(&mut pending, &mut *out)?;
        }
    }
    flush(&mut pending, &mut *out)?;
    bar.finish_and_clear();
    if skipped > 0 && !quiet {
        eprintln!("attribution: {skipped} documents already in the output, skipped");
    }
    if failed > 0 {
        eprintln!("attribution: {failed} documents failed (lines with \"error\")");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Output lines of a batch, in order: the batch shares NER work; when it fails as a
/// whole, each document runs alone, so one bad document fails only itself.
fn run_batch(extractor: &Extractor, items: &mut Vec<Item>, failed: &mut usize) -> Vec<String> {
    let docs: Vec<&Doc> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let mut articles = match injected_failure(&texts).and_then(|()| extractor.extract_batch(&texts)) {
        Ok(a) => a.into_iter().map(Ok).collect::<Vec<_>>(),
        Err(_) => texts.iter().map(|t| injected_failure(&[t]).and_then(|()| extractor.extract(t)).map_err(|e| chain(&e))).collect(),
    }
    .into_iter();
    let mut lines = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match item {
            Ok(doc) => {
                let result = articles.next().unwrap_or_else(|| Err("internal error: no result".into()));
                if result.is_err() {
                    *failed += 1;
                }
                lines.push(line(&doc.id, doc.fields, result.as_ref().map_err(String::as_str)));
            }
            Err((id, e)) => {
                *failed += 1;
                lines.push(line(&id, Map::new(), Err(&e)));
            }
        }
    }
    lines
}

/// Test hook: with `ATTRIBUTION_TEST_FAIL_ON` set, texts that contain its value fail
/// as a bug in the extractor would, so that tests/corpus_cli.rs can check the
/// fallback above. Unset (always, outside that test), it does nothing.
fn injected_failure(texts: &[&str]) -> attribution::Result<()> {
    match std::env::var("ATTRIBUTION_TEST_FAIL_ON") {
        Ok(marker) if !marker.is_empty() && texts.iter().any(|t| t.contains(&marker)) => {
            Err(attribution::Error::Internal { message: format!("injected by ATTRIBUTION_TEST_FAIL_ON={marker}") })
        }
        _ => Ok(()),
    }
}
