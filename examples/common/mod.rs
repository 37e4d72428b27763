//! Helpers shared by the examples: argument parsing, input reading, error printing.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attribution::Error;

/// The `models.toml` of this crate (examples work from any directory).
pub fn default_models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models.toml")
}

/// Reads a file (or stdin for `-`) as UTF-8, with a typed error naming the path.
pub fn read_input(path: &str) -> Result<String, Error> {
    let (bytes, p) = if path == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| Error::Io { path: "-".into(), source: e })?;
        (b, PathBuf::from("-"))
    } else {
        let p = PathBuf::from(path);
        (std::fs::read(&p).map_err(|e| Error::Io { path: p.clone(), source: e })?, p)
    };
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 { path: p, valid_up_to: e.utf8_error().valid_up_to() })
}

/// Prints an error and its causes; exit code 1 (2 for usage errors).
pub fn fail(prog: &str, e: &dyn std::error::Error) -> ExitCode {
    eprintln!("{prog}: error: {e}");
    let mut src = e.source();
    while let Some(s) = src {
        eprintln!("  caused by: {s}");
        src = s.source();
    }
    ExitCode::FAILURE
}

/// `--models PATH` and `--model NAME` options, and the remaining arguments.
pub struct Args {
    pub models: PathBuf,
    pub model: Option<String>,
    pub rest: Vec<String>,
}

pub fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut out = Args { models: default_models(), model: None, rest: Vec::new() };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--models" => out.models = args.next().ok_or("--models needs a path")?.into(),
            "--model" => out.model = Some(args.next().ok_or("--model needs a name")?),
            _ => out.rest.push(a),
        }
    }
    Ok(out)
}
