//! A model directory you can trust, and a cache two processes can build into: a
//! truncated, zeroed, edited or missing `model.safetensors` or `tagger.onnx` is
//! `Error::ModelCorrupt` naming the file (never a libtorch or ONNX Runtime crash),
//! and two processes that build the same model on an empty cache build it once.
#![cfg(feature = "model")]

use std::path::{Path, PathBuf};
use std::process::Command;

use attribution::cache::{verify_model_dir, Manifest, MANIFEST_FILE};
use attribution::models::{Engine, ModelsConfig, Precision};
use attribution::ner::NerModel;
use attribution::{Error, Extractor, IfMissing};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real model's directory (the set-up builds it).
fn real_dir() -> PathBuf {
    ModelsConfig::from_file(root().join("models.toml")).unwrap().model_dir(None).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attribution-model-trust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The file a load failed on, if it failed with `ModelCorrupt`.
fn corrupt_file(r: Result<NerModel, Error>, dir: &Path) -> String {
    match r {
        Err(Error::ModelCorrupt { dir: d, file, fix, .. }) => {
            assert_eq!(d, dir);
            assert!(fix.contains("attribution model build"), "{fix}");
            file
        }
        Err(e) => panic!("not ModelCorrupt: {e:?}"),
        Ok(_) => panic!("a damaged model loaded"),
    }
}

#[test]
fn damaged_model_files_are_model_corrupt() {
    let real = real_dir();
    let d = tmp("damaged");
    for f in ["config.json", "tokenizer.json", "model.safetensors", "tagger.onnx"] {
        std::fs::copy(real.join(f), d.join(f)).unwrap();
    }
    let torch = |d: &Path| NerModel::from_dir_on(d, Engine::Torch, Precision::F32);
    let onnx = |d: &Path| NerModel::from_dir_on(d, Engine::Onnx, Precision::F32);
    // without a manifest (a directory built before them): truncated weights are
    // caught by their own header
    let weights = std::fs::read(d.join("model.safetensors")).unwrap();
    std::fs::write(d.join("model.safetensors"), &weights[..weights.len() - 1000]).unwrap();
    assert_eq!(corrupt_file(torch(&d), &d), "model.safetensors");
    std::fs::write(d.join("model.safetensors"), &weights).unwrap();
    Manifest::write(&d).unwrap();
    assert!(torch(&d).is_ok());
    let graph = std::fs::read(d.join("tagger.onnx")).unwrap();
    for (file, bytes, load) in [("model.safetensors", &weights, &torch as &dyn Fn(&Path) -> _), ("tagger.onnx", &graph, &onnx)] {
        let path = d.join(file);
        // truncated
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(corrupt_file(load(&d), &d), file, "truncated");
        // zeroed (same size: the manifest's sizes agree; the file's own structure does not)
        std::fs::write(&path, vec![0u8; bytes.len()]).unwrap();
        assert_eq!(corrupt_file(load(&d), &d), file, "zeroed");
        // missing
        std::fs::remove_file(&path).unwrap();
        assert_eq!(corrupt_file(load(&d), &d), file, "missing");
        // edited in place (same size, valid structure): the hashes tell
        let mut edited = bytes.clone();
        let mid = edited.len() / 2;
        edited[mid] ^= 0x55;
        std::fs::write(&path, &edited).unwrap();
        match verify_model_dir(&d, "fix") {
            Err(Error::ModelCorrupt { file: f, .. }) => assert_eq!(f, file),
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, bytes).unwrap();
        assert!(load(&d).is_ok(), "{file} restored");
    }
    assert!(verify_model_dir(&d, "fix").unwrap());
    // and ATTRIBUTION_VERIFY_MODEL=1 makes loading check them
    let mut edited = weights.clone();
    let mid = edited.len() / 2;
    edited[mid] ^= 0x55;
    std::fs::write(d.join("model.safetensors"), &edited).unwrap();
    assert!(torch(&d).is_ok(), "sizes only by default");
    std::env::set_var(attribution::cache::VERIFY_ENV, "1");
    let verified = torch(&d);
    std::env::remove_var(attribution::cache::VERIFY_ENV);
    assert_eq!(corrupt_file(verified, &d), "model.safetensors");
    let _ = std::fs::remove_dir_all(&d);
}

/// Set in the children of `two_processes_build_once`: the `models.toml` to build.
const CHILD_ENV: &str = "ATTRIBUTION_TEST_BUILD_CHILD";

/// Two processes call `Extractor::from_config(.., IfMissing::Build)` at once on an
/// empty cache with a tiny recipe (300 CoNLL sentences, one epoch; the packages
/// linked in from the real cache): one trains, the other waits and then uses its
/// model; the directory ends complete, with its manifest, and nothing half-built.
#[test]
fn two_processes_build_once() {
    if let Some(models) = std::env::var_os(CHILD_ENV) {
        let config = ModelsConfig::from_file(&models).unwrap();
        let x = Extractor::from_config(&config, None, IfMissing::Build).unwrap();
        let a = x.extract("\"We will appeal,\" said John Smith, a lawyer for the company.").unwrap();
        println!("dir={} claims={}", x.ner().dir().display(), a.claims.len());
        return;
    }
    let real = ModelsConfig::from_file(root().join("models.toml")).unwrap();
    let d = tmp("build");
    let cache = d.join("cache");
    let pypi = cache.join("pypi");
    std::fs::create_dir_all(&pypi).unwrap();
    let (encoder, data) = match real.spec(None).unwrap().1 {
        attribution::models::ModelSpec::Build { encoder, data, .. } => (encoder.clone(), data.clone()),
        _ => panic!("the default model is built"),
    };
    let link = |from: PathBuf| std::os::unix::fs::symlink(&from, pypi.join(from.file_name().unwrap())).unwrap();
    link(real.package_dir(&encoder));
    link(real.onnx_tools_dir());
    // a small copy of the CoNLL data, where the data package would be
    let small = cache.join("pypi").join(real.package_dir(&data).file_name().unwrap()).join(&data.dir);
    std::fs::create_dir_all(&small).unwrap();
    for (split, n) in [("train", 300), ("valid", 20), ("test", 20)] {
        let text = std::fs::read_to_string(real.package_dir(&data).join(&data.dir).join(format!("{split}.txt"))).unwrap();
        let head: Vec<&str> = text.split("\n\n").take(n).collect();
        std::fs::write(small.join(format!("{split}.txt")), head.join("\n\n")).unwrap();
    }
    let toml = std::fs::read_to_string(root().join("models.toml")).unwrap();
    let toml: Vec<String> = toml
        .lines()
        .map(|l| match l {
            l if l.starts_with("cache =") => format!("cache = {:?}", cache.to_str().unwrap()),
            l if l.starts_with("epochs =") => "epochs = 1".to_owned(),
            // the learned rows' files, where the crate keeps them
            l if l.starts_with("content_end =") || l.starts_with("speech =") => {
                let (key, file) = l.split_once(" = ").unwrap();
                format!("{key} = {:?}", root().join(file.trim_matches('"')).to_str().unwrap())
            }
            l => l.to_owned(),
        })
        .collect();
    let models = d.join("models.toml");
    std::fs::write(&models, toml.join("\n")).unwrap();
    let children: Vec<_> = (0..2)
        .map(|_| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "two_processes_build_once", "--nocapture"])
                .env(CHILD_ENV, &models)
                .env_remove(attribution::models::CACHE_ENV)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for o in &outs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let err: Vec<String> = outs.iter().map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).collect();
    let out: Vec<String> = outs.iter().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).collect();
    assert_eq!(err.iter().filter(|e| e.contains("valid F1")).count(), 1, "trained once: {err:?}");
    assert_eq!(err.iter().filter(|e| e.contains("waiting for it to finish building")).count(), 1, "{err:?}");
    let dirs: Vec<&str> = out.iter().filter_map(|o| o.lines().find_map(|l| l.strip_prefix("dir="))).collect();
    assert_eq!(dirs.len(), 2, "{out:?}");
    let dir = Path::new(dirs[0].split(' ').next().unwrap());
    assert_eq!(dirs[0], dirs[1]);
    assert!(dir.join(MANIFEST_FILE).is_file());
    assert!(verify_model_dir(dir, "fix").unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(cache.join("models")).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().ends_with(".partial")), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&d);
}
