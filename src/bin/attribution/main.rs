//! `attribution`: who said what, over one article or a whole corpus.
//!
//! ```text
//! attribution extract [INPUT...] [-o FILE] [--resume] [--quiet] [--batch N (64)]
//!                     [--format auto|jsonl|csv|txt] [--text-column NAME] [--id-column NAME] [--models FILE] [--model NAME]
//!                     [--engine auto|onnx|torch] [--precision auto|f32|bf16|int8] [--without RULE,...]
//! attribution show FILE [--json] [--explain] [--models FILE] [--model NAME] [--engine E] [--precision P]
//!                       [--without RULE,...]
//! attribution report OUTPUT.jsonl [--by FIELD] [--json] [--plot FILE.svg] [--top N] [--quiet]
//! attribution model build [NAME] [--force] | list | path [NAME]   [--models FILE]
//! attribution completions bash|zsh|fish|elvish|powershell
//! ```
//!
//! `extract` reads `.txt` files, directories of them, JSON Lines (`{"id", "text", ...}`),
//! CSV with a header, or stdin (`-`): JSON Lines (which is how Spark's `RDD.pipe` runs
//! it), or CSV or one text with `--format`, and writes one JSON line per document, in input order: its `id`, the other
//! fields of its record, `claims`, `sources` and `anonymous_share` — or `error`. The
//! exit status is 1 when any document failed, 2 on a usage error (clap's).

mod input;
mod model;
mod report;
mod show;

use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Seek, SeekFrom, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use attribution::models::{Engine, Precision};
use attribution::{Article, Claim, Extractor, IfMissing, Rule, Rules, Source};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Map, Value};

use input::{Columns, Doc, Item};

/// Who said what in news articles: typed claims (speaker, anonymity, stance, content)
/// from one article or a whole corpus.
#[derive(Parser)]
#[command(name = "attribution", version, propagate_version = true)]
#[command(after_help = "A model is built into ~/.cache/attribution on first use ($ATTRIBUTION_CACHE moves it); \
                        `attribution model build` builds it ahead of time.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Claims of every document of a corpus, as JSON Lines (one line per document, in input order)
    #[command(args_override_self = true)]
    Extract(ExtractArgs),
    /// One article as a table of its claims, then its sources
    #[command(args_override_self = true)]
    Show(show::ShowArgs),
    /// The output of `extract` summed up, overall and per group
    #[command(args_override_self = true)]
    Report(report::ReportArgs),
    /// Build, list or locate the NER models of models.toml
    Model {
        #[command(subcommand)]
        command: model::ModelCommand,
    },
    /// A shell completion script, on stdout (e.g. `attribution completions bash > FILE`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// `extract`'s command line.
#[derive(clap::Args)]
struct ExtractArgs {
    /// .txt files, directories of them, .jsonl, .csv, or - (stdin, JSON Lines unless --format says; the default)
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// How stdin and the named files are read (directories: their .txt files, as text)
    #[arg(long, value_name = "FORMAT", value_enum, default_value = "auto")]
    format: input::Format,
    /// Write the lines to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<String>,
    /// Skip the ids already in the -o file (its half-written last line is cut first)
    #[arg(long, requires = "output")]
    resume: bool,
    /// No progress bar (there is none either when stderr is not a terminal)
    #[arg(short, long)]
    quiet: bool,
    /// Documents per batch of NER work
    #[arg(long, value_name = "N", default_value = "64")]
    batch: NonZeroUsize,
    /// The field (JSON Lines) or column (CSV) that holds the text
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_column: String,
    /// The field or column that holds the id [default: id, else FILE:LINE]
    #[arg(long, value_name = "NAME")]
    id_column: Option<String>,
    #[command(flatten)]
    model: ModelArgs,
}

/// The model and rules of `extract` and `show`.
#[derive(clap::Args)]
pub struct ModelArgs {
    /// A models.toml [default: the one built into attribution]
    #[arg(long, value_name = "FILE")]
    models: Option<PathBuf>,
    /// A model of the models file [default: its `default`]
    #[arg(long, value_name = "NAME")]
    model: Option<String>,
    /// The library that runs the model [default: models.toml's `engine`]
    #[arg(long, value_name = "ENGINE",
          value_parser = PossibleValuesParser::new(["auto", "onnx", "torch"]).try_map(|s| s.parse::<Engine>()))]
    engine: Option<Engine>,
    /// The number format of inference [default: models.toml's `precision`]
    #[arg(long, value_name = "PRECISION",
          value_parser = PossibleValuesParser::new(["auto", "f32", "bf16", "int8"]).try_map(|s| s.parse::<Precision>()))]
    precision: Option<Precision>,
    #[arg(long, value_name = "RULE,...", value_delimiter = ',', value_parser = parse_rule, help = rules_help())]
    without: Vec<Rule>,
}

/// The help of `--without`: every rule of the table, by name.
fn rules_help() -> String {
    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    format!("Rules switched off, comma-separated or repeated ({})", names.join(", "))
}

fn parse_rule(name: &str) -> Result<Rule, String> {
    name.parse::<Rule>().map_err(|e| e.to_string())
}

impl ModelArgs {
    /// The extractor: a named models.toml, or the crate's default model (built on
    /// first use), on the engine and at the precision the command line says, if it does.
    fn extractor(&self) -> Result<Extractor, Failure> {
        let failed = |e: attribution::Error| fail(chain(&e));
        let mut config = model::config(self.models.as_deref()).map_err(failed)?;
        config.engine = self.engine.unwrap_or(config.engine);
        config.precision = self.precision.unwrap_or(config.precision);
        let name = self.model.as_deref();
        let rules = self.without.iter().fold(Rules::all(), |rules, &r| rules.without(r));
        match self.models {
            // a file of the caller's: its models are loaded as they are
            Some(_) => Extractor::from_config(&config, name, IfMissing::Fail),
            None => Extractor::from_config(&config, name, IfMissing::Build),
        }
        .map(|x| x.with_rules(rules))
        .map_err(failed)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Show(args) => show::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Model { command } => model::run(&command),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "attribution", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
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
///
/// The line is what `Value::Object(..).to_string()` of it all would give (keys sorted,
/// as a `serde_json::Map` keeps them), written a claim at a time: the claims of a
/// document of 50 MB are never one JSON tree in memory, only their line.
fn line(id: &str, fields: Map<String, Value>, result: Result<&Article, &str>) -> String {
    enum Part<'a> {
        Value(Value),
        Claims(&'a [Claim]),
        Sources(&'a [Source]),
    }
    let mut parts: BTreeMap<String, Part> = fields.into_iter().map(|(k, v)| (k, Part::Value(v))).collect();
    parts.insert("id".into(), Part::Value(Value::String(id.to_owned())));
    match result {
        Ok(a) => {
            parts.insert("claims".into(), Part::Claims(&a.claims));
            parts.insert("sources".into(), Part::Sources(&a.sources));
            parts.insert("anonymous_share".into(), Part::Value(a.anonymous_share.into()));
        }
        Err(e) => {
            parts.insert("error".into(), Part::Value(Value::String(e.to_owned())));
        }
    }
    fn array<T: serde::Serialize>(items: &[T], out: &mut String) {
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_value(item).unwrap_or(Value::Null).to_string());
        }
        out.push(']');
    }
    let mut out = String::from("{");
    for (i, (key, part)) in parts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::String(key.clone()).to_string());
        out.push(':');
        match part {
            Part::Value(v) => out.push_str(&v.to_string()),
            Part::Claims(c) => array(c, &mut out),
            Part::Sources(s) => array(s, &mut out),
        }
    }
    out.push('}');
    out
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

fn extract(args: &ExtractArgs) -> Result<ExitCode, Failure> {
    let inputs = if args.inputs.is_empty() { vec!["-".to_owned()] } else { args.inputs.clone() };
    let inputs = input::expand(&inputs, args.format).map_err(fail)?;
    let columns = Columns { text: args.text_column.clone(), id: args.id_column.clone() };
    let batch = args.batch.get();
    let output = args.output.as_deref();
    let done = match output {
        Some(path) if args.resume => resume_from(path)?,
        _ => HashSet::new(),
    };
    let mut out: Box<dyn Write> = match output {
        Some(path) => {
            let mut f = OpenOptions::new()
                .create(true)
                .append(args.resume)
                .write(true)
                .truncate(!args.resume)
                .open(path)
                .map_err(|e| fail(format!("cannot write {path}: {e}")))?;
            f.seek(SeekFrom::End(0)).map_err(|e| fail(format!("cannot write {path}: {e}")))?;
            Box::new(BufWriter::new(f))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let quiet = args.quiet || !std::io::stderr().is_terminal();
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
    let extractor = args.model.extractor()?;
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
            Err(u) => &u.id,
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
            Err(u) => {
                *failed += 1;
                lines.push(line(&u.id, u.fields, Err(&u.error)));
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
