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

/// The `.txt` files of a directory, sorted.
pub fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::Io { path: dir.to_owned(), source: e })?;
    let mut files: Vec<PathBuf> =
        rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    Ok(files)
}

/// Prints the error of one input document and its causes, naming the document.
pub fn report(prog: &str, document: &str, e: &dyn std::error::Error) {
    eprintln!("{prog}: {document}: error: {e}");
    let mut src = e.source();
    while let Some(s) = src {
        eprintln!("  caused by: {s}");
        src = s.source();
    }
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

/// `--models PATH`, `--model NAME`, `--precision auto|f32|bf16|int8` and
/// `--engine auto|onnx|torch` options, and the remaining arguments.
pub struct Args {
    pub models: PathBuf,
    pub model: Option<String>,
    pub precision: Option<attribution::models::Precision>,
    pub engine: Option<attribution::models::Engine>,
    pub rest: Vec<String>,
}

impl Args {
    /// The `models.toml` with the command line's precision and engine, where given.
    pub fn config(&self) -> Result<attribution::models::ModelsConfig, Error> {
        let mut c = attribution::models::ModelsConfig::from_file(&self.models)?;
        if let Some(p) = self.precision {
            c.precision = p;
        }
        if let Some(e) = self.engine {
            c.engine = e;
        }
        Ok(c)
    }

    /// The NER model the options name.
    pub fn ner(&self) -> Result<attribution::ner::NerModel, Error> {
        attribution::ner::NerModel::from_config(&self.config()?, self.model.as_deref())
    }

    /// The extractor the options name, with the learned parameters the
    /// `models.toml` declares.
    pub fn extractor(&self) -> Result<attribution::Extractor, Error> {
        attribution::Extractor::from_config(&self.config()?, self.model.as_deref(), attribution::IfMissing::Fail)
    }
}

pub fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut out = Args { models: default_models(), model: None, precision: None, engine: None, rest: Vec::new() };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--precision" => {
                let p = args.next().ok_or("--precision needs auto, f32, bf16 or int8")?;
                out.precision = Some(p.parse()?);
            }
            "--engine" => {
                let e = args.next().ok_or("--engine needs auto, onnx or torch")?;
                out.engine = Some(e.parse()?);
            }
            "--models" => out.models = args.next().ok_or("--models needs a path")?.into(),
            "--model" => out.model = Some(args.next().ok_or("--model needs a name")?),
            _ => out.rest.push(a),
        }
    }
    Ok(out)
}
