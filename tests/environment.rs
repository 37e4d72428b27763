//! What the environment decides: `ATTRIBUTION_CACHE` (where the default model is
//! looked for: [`Extractor::default_model`]) and `ATTRIBUTION_THREADS` (the engines'
//! intra-op threads). One test, run in order: setting a variable here races with
//! nothing else in this binary. Needs the built default model (scripts/setup.sh).
#![cfg(feature = "model")]

use std::path::PathBuf;

use attribution::models::{Engine, ModelsConfig, Precision, CACHE_ENV};
use attribution::ner::{is_built, NerModel, THREADS_ENV};
use attribution::{Error, Extractor, IfMissing};

fn set(key: &str, value: Option<&std::ffi::OsStr>) {
    match value {
        Some(v) => std::env::set_var(key, v),
        None => std::env::remove_var(key),
    }
}

#[test]
fn cache_and_threads_from_the_environment() {
    let saved_cache = std::env::var_os(CACHE_ENV);
    let saved_threads = std::env::var_os(THREADS_ENV);

    // an empty cache: the default model is not built there, and IfMissing::Fail says
    // so, with where it would be and how to build it, fetching and building nothing
    let empty = std::env::temp_dir().join(format!("attribution-empty-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&empty);
    std::fs::create_dir_all(&empty).unwrap();
    std::env::set_var(CACHE_ENV, &empty);
    let config = ModelsConfig::embedded().unwrap();
    assert_eq!(config.cache, empty);
    assert!(!is_built(&config, None).unwrap());
    let err = Extractor::default_model(IfMissing::Fail).err().expect("no model in an empty cache");
    match &err {
        Error::ModelNotBuilt { name, dir, fix } => {
            assert_eq!(name, &config.default);
            assert_eq!(dir, &config.model_dir(None).unwrap());
            assert!(dir.starts_with(&empty), "{}", dir.display());
            assert!(fix.contains("IfMissing::Build") && fix.contains(&format!("attribution model build {name}")), "{fix}");
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains(&config.default) && msg.contains(&*empty.to_string_lossy()), "{msg}");
    assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0, "something was written into the empty cache");
    let _ = std::fs::remove_dir_all(&empty);

    // the cache the set-up built: the same call loads the model from it
    set(CACHE_ENV, saved_cache.as_deref());
    let real = ModelsConfig::embedded().unwrap();
    let x = Extractor::default_model(IfMissing::Fail)
        .unwrap_or_else(|e| panic!("the default model is not built in {} ({e}): run `bash scripts/setup.sh`", real.cache.display()));
    assert_eq!(x.ner().dir(), real.model_dir(None).unwrap());
    let dir: PathBuf = x.ner().dir().to_owned();
    drop(x);

    // ATTRIBUTION_THREADS sets libtorch's intra-op threads; unset, blank or not a
    // positive number, the cores available
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as i32;
    for (value, want) in [(Some("1"), 1), (Some("3"), 3), (Some(" 2 "), 2), (Some("0"), cores), (Some("many"), cores), (None, cores)] {
        set(THREADS_ENV, value.map(std::ffi::OsStr::new));
        let ner = NerModel::from_dir_on(&dir, Engine::Torch, Precision::F32).unwrap();
        assert_eq!(tch::get_num_threads(), want, "{THREADS_ENV}={value:?}");
        assert!(ner.recognize("Rosa Quispe said so.").unwrap().iter().any(|e| e.text == "Rosa Quispe"));
    }
    set(THREADS_ENV, saved_threads.as_deref());
}
