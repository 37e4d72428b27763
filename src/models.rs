//! `models.toml`: which NER models exist and where their files are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cache::{lock_path, partial_path, CacheLock, PypiLock};
use crate::error::{Error, Result};

/// Bumped whenever the training code changes in a way that changes the model, so
/// that cached builds of older code are not reused.
const TRAINER_VERSION: &str = "1";

/// The number format of inference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Precision {
    /// The fastest format measured to keep the model's answers: bfloat16 on
    /// libtorch where the CPU computes it natively (AVX-512 BF16 or AMX), else fp32
    /// (on ONNX Runtime when the engine is `Auto`; see [`ONNX_AUTO`]).
    #[default]
    Auto,
    /// 32-bit floats.
    F32,
    /// bfloat16 weights and activations (libtorch only). Measured here (AVX-512
    /// BF16): 2.3–2.8× the wordpieces/s of fp32, CoNLL-2003 test F1 0.8909 against 0.8903.
    Bf16,
    /// int8 weights of the linear layers, activations quantized per batch (ONNX
    /// Runtime only: `tagger.int8.onnx`, written when the model is built).
    Int8,
}

/// Which library runs the model's forward pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Engine {
    /// By the precision ([`choose_backend`]): libtorch for bf16 (and for `auto` where
    /// the CPU has bf16), ONNX Runtime for fp32 and int8 when the model directory has
    /// its ONNX graphs and the runtime library is fetched, else libtorch.
    #[default]
    Auto,
    /// ONNX Runtime (the PyPI `onnxruntime` library, loaded at run time).
    Onnx,
    /// libtorch, through rust-bert and tch.
    Torch,
}

/// `Engine` and `Precision` from their `models.toml` names (`"onnx"`, `"int8"`), as
/// command lines give them.
fn from_name<T: serde::de::DeserializeOwned>(kind: &str, name: &str, allowed: &str) -> Result<T, String> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name))
        .map_err(|_| format!("unknown {kind} `{name}` (one of {allowed})"))
}

impl std::str::FromStr for Precision {
    type Err = String;
    fn from_str(s: &str) -> Result<Precision, String> {
        from_name("precision", s, "auto, f32, bf16, int8")
    }
}

impl std::str::FromStr for Engine {
    type Err = String;
    fn from_str(s: &str) -> Result<Engine, String> {
        from_name("engine", s, "auto, onnx, torch")
    }
}

/// The precision `Auto` means on ONNX Runtime: fp32. int8 is faster but is not the
/// default: it changed 5 of the 182 claims of the Reuters dev corpus (speakers'
/// names), where the rule for a default is "claims unchanged" (README, "Speed").
pub const ONNX_AUTO: Precision = Precision::F32;

/// The ONNX graphs building writes into a model directory: fp32 and int8.
pub const ONNX_FP32_FILE: &str = "tagger.onnx";
/// See [`ONNX_FP32_FILE`].
pub const ONNX_INT8_FILE: &str = "tagger.int8.onnx";

/// The ONNX graph of a precision (`tagger.int8.onnx` for int8, else `tagger.onnx`).
pub fn onnx_graph_file(precision: Precision) -> &'static str {
    if precision == Precision::Int8 {
        ONNX_INT8_FILE
    } else {
        ONNX_FP32_FILE
    }
}

/// What a model directory and the cache offer, for [`choose_backend`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Available {
    /// `tagger.onnx` is there.
    pub onnx_f32: bool,
    /// `tagger.int8.onnx` is there.
    pub onnx_int8: bool,
    /// The ONNX Runtime library is fetched.
    pub runtime: bool,
    /// The CPU computes bfloat16 natively.
    pub native_bf16: bool,
}

/// The engine and concrete precision to run, from what `models.toml` asks and what
/// is available; `Err` says why the request cannot be met.
pub fn choose_backend(engine: Engine, precision: Precision, have: Available) -> Result<(Engine, Precision), String> {
    let onnx_file = |p: Precision| if p == Precision::Int8 { have.onnx_int8 } else { have.onnx_f32 };
    let onnx = |p: Precision| -> Result<(Engine, Precision), String> {
        let p = if p == Precision::Auto { ONNX_AUTO } else { p };
        if !have.runtime {
            Err("the ONNX Runtime library is not fetched".to_owned())
        } else if !onnx_file(p) {
            Err(format!("the model directory has no {}", onnx_graph_file(p)))
        } else {
            Ok((Engine::Onnx, p))
        }
    };
    let torch_auto = if have.native_bf16 { Precision::Bf16 } else { Precision::F32 };
    match (engine, precision) {
        (Engine::Torch, Precision::Int8) => Err("int8 runs on ONNX Runtime only (engine = \"onnx\" or \"auto\")".to_owned()),
        (Engine::Onnx, Precision::Bf16) => Err("bf16 runs on libtorch only (engine = \"torch\" or \"auto\")".to_owned()),
        (Engine::Torch, Precision::Auto) => Ok((Engine::Torch, torch_auto)),
        (Engine::Torch, p) | (Engine::Auto, p @ Precision::Bf16) => Ok((Engine::Torch, p)),
        (Engine::Onnx, p) | (Engine::Auto, p @ Precision::Int8) => onnx(p),
        // the fastest that keeps the claims: bf16 where the CPU has it (measured
        // faster than ONNX Runtime's fp32 here), else ONNX Runtime's fp32
        (Engine::Auto, Precision::Auto) if have.native_bf16 => Ok((Engine::Torch, Precision::Bf16)),
        (Engine::Auto, p) => onnx(p).or(Ok((Engine::Torch, if p == Precision::Auto { torch_auto } else { p }))),
    }
}

/// Whether this CPU computes bfloat16 natively.
pub fn native_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The parsed contents of a `models.toml`.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelsConfig {
    /// The file it was read from.
    pub path: PathBuf,
    /// The model used when none is named.
    pub default: String,
    /// The number format of inference.
    pub precision: Precision,
    /// The library that runs inference.
    pub engine: Engine,
    /// Root of the cache (built models under `models/`, packages under `pypi/`).
    pub cache: PathBuf,
    /// Every model, by name.
    pub models: BTreeMap<String, ModelSpec>,
    /// The learned parameters of the `content_end` rule (`[learned] content_end`),
    /// resolved against this file's directory; `None`: the copy built into the
    /// crate (the embedded `models.toml` names that same file).
    pub content_end: Option<PathBuf>,
    /// The learned parameters of the `speech` rule (`[learned] speech`), likewise.
    pub speech: Option<PathBuf>,
}

/// How to obtain one model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ModelSpec {
    /// An existing model directory.
    Path {
        /// The directory, relative to `models.toml`.
        path: PathBuf,
    },
    /// A model fine-tuned from registry packages.
    Build {
        /// The pre-trained encoder.
        encoder: Package,
        /// The CoNLL-format training data (`train.txt`, `valid.txt`, `test.txt`).
        data: Package,
        /// The training recipe.
        recipe: Recipe,
    },
}

/// A file tree inside a pinned PyPI package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// The PyPI distribution name.
    pub pypi: String,
    /// Its exact version.
    pub version: String,
    /// The directory inside the installed package.
    pub dir: String,
}

/// Fine-tuning hyper-parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    /// Passes over the training set.
    pub epochs: usize,
    /// Sentences per step.
    pub batch_size: usize,
    /// Peak learning rate (AdamW).
    pub learning_rate: f64,
    /// Share of the steps with a linear warm-up; then a linear decay to zero.
    pub warmup: f64,
    /// AdamW weight decay.
    pub weight_decay: f64,
    /// Random seed (initialisation, dropout, batch order).
    pub seed: u64,
    /// Mark capitalised words with token type 1 (a casing signal for uncased encoders).
    pub casing: bool,
    /// Train part-of-speech and chunk heads beside the entity head (the data must
    /// have the CoNLL-2003 POS and chunk columns).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub syntax: bool,
    /// Weight of the POS and chunk losses against the entity loss (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntax_weight: Option<f64>,
    /// Keep the encoder's word-embedding matrix as it is (no gradient, no optimiser
    /// state): half the encoder's parameters, about a tenth of a step's time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub freeze_word_embeddings: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default: String,
    #[serde(default)]
    precision: Precision,
    #[serde(default)]
    engine: Engine,
    cache: String,
    models: BTreeMap<String, ModelSpec>,
    #[serde(default)]
    learned: RawLearned,
}

/// `[learned]`: files of learned parameters, relative to the `models.toml`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLearned {
    content_end: Option<String>,
    speech: Option<String>,
}

/// The crate's own `models.toml`, built into the library: what
/// [`ModelsConfig::embedded`] reads.
pub const DEFAULT_MODELS_TOML: &str = include_str!("../models.toml");

/// The `path` of the [`ModelsConfig::embedded`] file (a label: there is no such file).
const EMBEDDED_PATH: &str = "models.toml (embedded in the attribution crate)";

/// The environment variable that, when set, overrides the `cache` directory of every
/// `models.toml` (as `scripts/setup.sh` reads it too).
pub const CACHE_ENV: &str = "ATTRIBUTION_CACHE";

impl ModelsConfig {
    /// The crate's default `models.toml` (embedded at build time), with its cache in
    /// `$ATTRIBUTION_CACHE`, else `~/.cache/attribution`: what a crate that depends
    /// on `attribution` uses without a file of its own.
    pub fn embedded() -> Result<ModelsConfig> {
        let config = ModelsConfig::parse(DEFAULT_MODELS_TOML, Path::new(EMBEDDED_PATH))?;
        // its learned parameters are built in too
        Ok(ModelsConfig { content_end: None, speech: None, ..config })
    }

    /// Reads and checks a `models.toml`.
    pub fn from_file(path: impl AsRef<Path>) -> Result<ModelsConfig> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        ModelsConfig::parse(&text, path)
    }

    /// Parses `models.toml` text; `path` is where it lives (relative model paths
    /// are resolved against its directory).
    pub fn parse(text: &str, path: &Path) -> Result<ModelsConfig> {
        let invalid = |reason: String| Error::InvalidModelsFile { path: path.to_owned(), reason };
        let raw: RawFile = toml::from_str(text).map_err(|e| invalid(e.to_string().trim_end().to_owned()))?;
        if !raw.models.contains_key(&raw.default) {
            return Err(invalid(format!("the default model `{}` is not defined", raw.default)));
        }
        for (name, spec) in &raw.models {
            if let ModelSpec::Build { recipe, .. } = spec {
                if recipe.epochs == 0 || recipe.batch_size == 0 || !recipe.learning_rate.is_finite() || recipe.learning_rate <= 0.0 {
                    return Err(invalid(format!("model `{name}`: epochs, batch_size and learning_rate must be positive")));
                }
                if recipe.syntax_weight.is_some_and(|w| !w.is_finite() || w < 0.0) {
                    return Err(invalid(format!("model `{name}`: syntax_weight must be a number >= 0")));
                }
                if !(0.0..1.0).contains(&recipe.warmup) {
                    return Err(invalid(format!("model `{name}`: warmup must be in [0, 1)")));
                }
            }
        }
        let cache = match std::env::var_os(CACHE_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => expand_home(&raw.cache),
        };
        let beside = |p: String| path.parent().unwrap_or(Path::new(".")).join(p);
        let (content_end, speech) = (raw.learned.content_end.map(beside), raw.learned.speech.map(beside));
        Ok(ModelsConfig {
            path: path.to_owned(),
            default: raw.default,
            precision: raw.precision,
            engine: raw.engine,
            cache,
            models: raw.models,
            content_end,
            speech,
        })
    }

    /// The learned parameters this file declares (the built-in ones where it
    /// declares none).
    pub fn learned(&self) -> Result<crate::learned::Learned> {
        use crate::learned::{Learned, LinearModel};
        let builtin = Learned::builtin();
        let read = |path: &Option<PathBuf>, or: &LinearModel| path.as_ref().map_or_else(|| Ok(or.clone()), LinearModel::from_file);
        Ok(Learned { content_end: read(&self.content_end, &builtin.content_end)?, speech: read(&self.speech, &builtin.speech)? })
    }

    /// The spec of `name`, or of the default model when `name` is `None`.
    pub fn spec(&self, name: Option<&str>) -> Result<(&str, &ModelSpec)> {
        let name = name.unwrap_or(&self.default);
        self.models
            .get_key_value(name)
            .map(|(k, v)| (k.as_str(), v))
            .ok_or_else(|| Error::UnknownModel { name: name.to_owned(), path: self.path.clone() })
    }

    /// The directory that holds (or will hold) model `name`'s files.
    pub fn model_dir(&self, name: Option<&str>) -> Result<PathBuf> {
        let (name, spec) = self.spec(name)?;
        Ok(match spec {
            ModelSpec::Path { path } => self.path.parent().unwrap_or(Path::new(".")).join(path),
            ModelSpec::Build { .. } => self.cache.join("models").join(format!("{name}-{}", spec_hash(spec))),
        })
    }

    /// Installs a pinned PyPI package into the cache (once, with the `python3` on
    /// `PATH` and its pip; no dependencies) and returns the directory it names. The
    /// downloaded file is checked against its sha256 in `pypi.lock` before it is
    /// installed ([`Error::HashMismatch`], [`Error::Unpinned`]); two processes that
    /// fetch the same package take turns (a lock file beside it).
    pub fn fetch(&self, package: &Package) -> Result<PathBuf> {
        let root = self.package_dir(package);
        let dir = root.join(&package.dir);
        if dir.is_dir() {
            return Ok(dir);
        }
        let spec = format!("{}=={}", package.pypi, package.version);
        let _lock = CacheLock::acquire(&lock_path(&root), &format!("fetching {spec}"))?;
        if !dir.is_dir() {
            self.pip_install_pinned(&root, &[spec.as_str()])?;
        }
        if !dir.is_dir() {
            return Err(Error::Fetch { package: spec, reason: format!("the package has no {}", package.dir) });
        }
        Ok(dir)
    }

    /// Where the ONNX tools ([`ONNX_TOOLS`]) are (or will be) installed.
    pub fn onnx_tools_dir(&self) -> PathBuf {
        let h = fnv1a(ONNX_TOOLS.join(" ").bytes());
        self.cache.join("pypi").join(format!("onnx-tools-{:08x}", h >> 32))
    }

    /// Installs the ONNX tools into the cache (once, each file checked against
    /// `pypi.lock`) and returns their directory.
    pub fn fetch_onnx_tools(&self) -> Result<PathBuf> {
        let dir = self.onnx_tools_dir();
        if self.onnx_runtime_library().is_some() {
            return Ok(dir);
        }
        let _lock = CacheLock::acquire(&lock_path(&dir), "fetching the ONNX tools")?;
        if self.onnx_runtime_library().is_none() {
            self.pip_install_pinned(&dir, &ONNX_TOOLS)?;
        }
        Ok(dir)
    }

    /// The pins that downloads are checked against: the crate's `pypi.lock` and one
    /// beside this `models.toml`.
    pub fn pypi_lock(&self) -> Result<PypiLock> {
        PypiLock::for_models_file(&self.path)
    }

    /// Downloads each of `specs` (`name==version`, wheels only, no dependencies)
    /// into `cache/pypi/downloads`, checks each file against `pypi.lock`, then
    /// installs them into `target` (built beside it, moved into place when done).
    /// The caller holds `target`'s lock.
    fn pip_install_pinned(&self, target: &Path, specs: &[&str]) -> Result<()> {
        let lock = self.pypi_lock()?;
        let downloads = self.cache.join("pypi").join("downloads");
        let mut files = Vec::new();
        for spec in specs {
            let file = pip_download(&downloads.join(spec.replace("==", "-")), spec)?;
            lock.verify(spec, &file)?;
            files.push(file);
        }
        let partial = partial_path(target);
        let _ = std::fs::remove_dir_all(&partial);
        let files: Vec<&str> = files.iter().filter_map(|f| f.to_str()).collect();
        pip(&specs.join(" "), &["install", "-q", "--no-deps", "--no-index", "--target"], &partial, &files)?;
        let _ = std::fs::remove_dir_all(target);
        std::fs::rename(&partial, target).map_err(|e| Error::io(target, e))?;
        // the wheels are installed: they need not stay
        for spec in specs {
            let _ = std::fs::remove_dir_all(downloads.join(spec.replace("==", "-")));
        }
        Ok(())
    }

    /// The ONNX Runtime C library of the fetched tools, if they are fetched.
    pub fn onnx_runtime_library(&self) -> Option<PathBuf> {
        let capi = self.onnx_tools_dir().join("onnxruntime").join("capi");
        let mut found: Vec<PathBuf> = std::fs::read_dir(&capi)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with("libonnxruntime.so")
                        || (n.starts_with("libonnxruntime.") && n.ends_with(".dylib"))
                        || n == "onnxruntime.dll"
                })
            })
            .collect();
        found.sort();
        found.pop()
    }

    /// Where a PyPI package is (or will be) installed.
    pub fn package_dir(&self, package: &Package) -> PathBuf {
        self.cache.join("pypi").join(format!("{}-{}", package.pypi, package.version))
    }

    /// The command that provides model `name`, for error messages: `attribution
    /// model build NAME` (with `--models FILE` unless the models file is the crate's
    /// embedded one).
    pub fn fix_command(&self, name: Option<&str>) -> String {
        match self.spec(name) {
            Ok((n, ModelSpec::Build { .. })) if self.path == Path::new(EMBEDDED_PATH) => format!("attribution model build {n}"),
            Ok((n, ModelSpec::Build { .. })) => format!("attribution model build {n} --models {}", self.path.display()),
            Ok((n, _)) => format!("put a model directory for `{n}` where {} says", self.path.display()),
            Err(_) => "bash scripts/setup.sh".to_owned(),
        }
    }
}

/// The pinned PyPI packages that export a model to ONNX (`onnx`, `numpy`) and run
/// it (`onnxruntime`, whose C library the `onnx` engine loads; its Python part
/// quantizes the graph to int8), with their dependencies, installed as one set.
pub const ONNX_TOOLS: [&str; 7] = [
    "onnxruntime==1.32.0", "onnx==1.17.0", "numpy==2.2.6", "protobuf==7.36.2", "ml_dtypes==0.7.0", "flatbuffers==25.12.19",
    "packaging==26.4",
];

/// `python3 -m pip ARGS DIR REST...`; an error names `package`.
fn pip(package: &str, args: &[&str], dir: &Path, rest: &[&str]) -> Result<()> {
    let failed = |reason: String| Error::Fetch { package: package.to_owned(), reason };
    let status = std::process::Command::new("python3")
        .args(["-m", "pip"])
        .args(args)
        .arg(dir)
        .args(rest)
        .status()
        .map_err(|e| failed(format!("cannot run python3 -m pip ({e})")))?;
    if !status.success() {
        return Err(failed(format!("pip exited with {status}")));
    }
    Ok(())
}

/// Downloads the wheel of `spec` for this Python into `dest` (pip reuses a file
/// already there) and returns its path. Nothing is installed or unpacked.
fn pip_download(dest: &Path, spec: &str) -> Result<PathBuf> {
    pip(spec, &["download", "-q", "--no-deps", "--only-binary=:all:", "--dest"], dest, &[spec])?;
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(dest).map_err(|e| Error::io(dest, e))?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    found.sort();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(Error::Fetch {
            package: spec.to_owned(),
            reason: format!("expected one downloaded file in {}, found {}", dest.display(), found.len()),
        }),
    }
}

/// A short stable hash of everything that determines a built model.
fn spec_hash(spec: &ModelSpec) -> String {
    let canonical = serde_json::to_string(spec).unwrap_or_default();
    format!("{:016x}", fnv1a(TRAINER_VERSION.bytes().chain(canonical.bytes())))
}

/// 64-bit FNV-1a: stable across builds and platforms, for cache directory names.
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn expand_home(p: &str) -> PathBuf {
    match p.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default().join(rest),
        None => PathBuf::from(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
default = "a"
cache = "/tmp/attr-cache"
[models.a]
encoder = { pypi = "enc", version = "1.0", dir = "m" }
data = { pypi = "dat", version = "2.0", dir = "d" }
[models.a.recipe]
epochs = 1
batch_size = 8
learning_rate = 1e-4
warmup = 0.1
weight_decay = 0.0
seed = 1
casing = true
[models.b]
path = "mine"
"#;

    #[test]
    fn parses_both_kinds() {
        let c = ModelsConfig::parse(GOOD, Path::new("/x/models.toml")).unwrap();
        assert_eq!(c.default, "a");
        assert_eq!(c.model_dir(Some("b")).unwrap(), PathBuf::from("/x/mine"));
        let a = c.model_dir(None).unwrap();
        assert!(a.starts_with("/tmp/attr-cache/models"), "{a:?}");
        assert!(a.file_name().unwrap().to_str().unwrap().starts_with("a-"));
        let ModelSpec::Build { encoder, .. } = c.spec(None).unwrap().1 else { panic!("not a build") };
        assert_eq!(c.package_dir(encoder), PathBuf::from("/tmp/attr-cache/pypi/enc-1.0"));
        assert_eq!(c.fix_command(None), "attribution model build a --models /x/models.toml");
        let embedded = ModelsConfig::embedded().unwrap();
        assert_eq!(embedded.fix_command(None), format!("attribution model build {}", embedded.default));
        assert_eq!(c.precision, Precision::Auto);
        let f = ModelsConfig::parse(&GOOD.replace("cache =", "precision = \"f32\"\ncache ="), Path::new("m.toml")).unwrap();
        assert_eq!(f.precision, Precision::F32);
    }

    #[test]
    fn backend_choice_table() {
        use Engine::{Auto as A, Onnx as O, Torch as T};
        use Precision::{Auto as PA, Bf16, Int8, F32};
        let all = Available { onnx_f32: true, onnx_int8: true, runtime: true, native_bf16: true };
        let no_runtime = Available { runtime: false, ..all };
        let old_dir = Available { onnx_f32: false, onnx_int8: false, ..all };
        let only_f32 = Available { onnx_int8: false, ..all };
        let no_bf16 = Available { native_bf16: false, ..old_dir };
        // (asked engine, asked precision, available, chosen or None for an error)
        let no_bf16_cpu = Available { native_bf16: false, ..all };
        let table = [
            (A, PA, all, Some((T, Bf16))),
            (A, PA, no_bf16_cpu, Some((O, F32))),
            (O, PA, all, Some((O, ONNX_AUTO))),
            (A, F32, all, Some((O, F32))),
            (A, Int8, all, Some((O, Int8))),
            (A, Bf16, all, Some((T, Bf16))),
            (T, PA, all, Some((T, Bf16))),
            (T, F32, all, Some((T, F32))),
            (T, Int8, all, None),
            (O, Bf16, all, None),
            (O, PA, only_f32, Some((O, F32))),
            (A, PA, Available { native_bf16: false, ..only_f32 }, Some((O, F32))),
            (O, Int8, only_f32, None),
            (A, Int8, only_f32, None),
            // a model directory from before the ONNX graphs, or no runtime: libtorch
            (A, PA, old_dir, Some((T, Bf16))),
            (A, PA, no_bf16, Some((T, F32))),
            (A, F32, no_runtime, Some((T, F32))),
            (O, F32, no_runtime, None),
            (O, PA, old_dir, None),
        ];
        for (engine, precision, have, want) in table {
            let got = choose_backend(engine, precision, have);
            assert_eq!(got.as_ref().ok().copied(), want, "{engine:?} {precision:?} {have:?}: {got:?}");
            if let Err(reason) = got {
                assert!(!reason.is_empty());
            }
        }
        assert_eq!(("onnx".parse(), "int8".parse()), (Ok(Engine::Onnx), Ok(Precision::Int8)));
        assert!("tpu".parse::<Engine>().unwrap_err().contains("auto, onnx, torch"));
        assert!("fp8".parse::<Precision>().is_err());
        let c = ModelsConfig::parse(&GOOD.replace("cache =", "engine = \"torch\"\nprecision = \"int8\"\ncache ="), Path::new("m.toml"))
            .unwrap();
        assert_eq!((c.engine, c.precision), (Engine::Torch, Precision::Int8));
        assert!(ModelsConfig::parse(&GOOD.replace("cache =", "engine = \"tpu\"\ncache ="), Path::new("m.toml")).is_err());
    }

    #[test]
    fn onnx_tools_live_in_the_cache_and_are_found_there() {
        let root = std::env::temp_dir().join(format!("attr-onnx-tools-{}", std::process::id()));
        let c = ModelsConfig::parse(&GOOD.replace("/tmp/attr-cache", root.to_str().unwrap()), Path::new("m.toml")).unwrap();
        let dir = c.onnx_tools_dir();
        assert!(dir.starts_with(root.join("pypi")), "{dir:?}");
        assert_eq!(c.onnx_runtime_library(), None);
        let capi = dir.join("onnxruntime").join("capi");
        std::fs::create_dir_all(&capi).unwrap();
        std::fs::write(capi.join("libonnxruntime_providers_shared.so"), b"").unwrap();
        assert_eq!(c.onnx_runtime_library(), None);
        std::fs::write(capi.join("libonnxruntime.so.1.32.0"), b"").unwrap();
        assert_eq!(c.onnx_runtime_library(), Some(capi.join("libonnxruntime.so.1.32.0")));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn recipe_change_changes_dir() {
        let c1 = ModelsConfig::parse(GOOD, Path::new("m.toml")).unwrap();
        let c2 = ModelsConfig::parse(&GOOD.replace("epochs = 1", "epochs = 2"), Path::new("m.toml")).unwrap();
        assert_ne!(c1.model_dir(None).unwrap(), c2.model_dir(None).unwrap());
        let c3 = ModelsConfig::parse(GOOD, Path::new("m.toml")).unwrap();
        assert_eq!(c1.model_dir(None).unwrap(), c3.model_dir(None).unwrap());
    }

    #[test]
    fn errors_are_typed() {
        let table = [
            ("default = ", "line 1, column 11"),
            (&GOOD.replace("default = \"a\"", "default = \"zz\""), "not defined"),
            (&GOOD.replace("epochs = 1", "epochs = 0"), "positive"),
            (&GOOD.replace("warmup = 0.1", "warmup = 1.5"), "warmup"),
            (&GOOD.replace("seed = 1", "seed = 1\ncolour = 3"), "did not match any variant of untagged enum ModelSpec"),
        ];
        for (text, needle) in table {
            match ModelsConfig::parse(text, Path::new("bad.toml")) {
                Err(e @ Error::InvalidModelsFile { .. }) => {
                    let msg = e.to_string();
                    assert!(msg.contains("bad.toml"), "{msg}");
                    assert!(msg.contains(needle), "{msg}");
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
        let c = ModelsConfig::parse(GOOD, Path::new("m.toml")).unwrap();
        assert!(matches!(c.model_dir(Some("nope")), Err(Error::UnknownModel { .. })));
    }
}
