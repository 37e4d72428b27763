//! The NER model: the only module that touches `rust-bert` and `tch`.
//!
//! A BERT token classifier (the weights of a `BertForTokenClassification`) over the
//! tokens of a Hugging Face `tokenizer.json`, with IOB2-constrained decoding of its
//! scores and byte offsets into the caller's text. A model built with `syntax = true`
//! has two more heads on the same encoder, part of speech and chunks, read from the
//! same forward pass ([`NerModel::analyze_segments`]).
//!
//! This file holds [`NerModel`]: loading and the public tagging API. The steps of a
//! call are in `segment` (text into wordpieces), `batch` (wordpieces into forward
//! passes), `engine` and `onnx` (the forward pass on libtorch or ONNX Runtime) and
//! `decode` (scores into entities and syntax); `model_dir` is what a model directory
//! holds, `train`, `export` and `build` make one.

mod batch;
mod build;
mod decode;
mod engine;
#[cfg(feature = "model")]
mod export;
mod model_dir;
mod onnx;
mod profile;
mod segment;
#[cfg(feature = "model")]
mod train;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

#[cfg(feature = "model")]
use rust_bert::bert::BertConfig;

use self::batch::{batch_cells, batches, pack, pack_inputs, pack_width, pass_cost};
use self::decode::{collect_scores, entities_of, syntax_of, word_syntax, word_tags};
#[cfg(feature = "model")]
use self::engine::TorchNet;
use self::engine::{threads, Net};
use self::model_dir::{labels_of, SyntaxLabels, CASING_KEY, CONFIG, TOKENIZER, WEIGHTS};
use self::segment::{load_tokenizer, split_windows, Segment, Wordpieces, MAX_TOKENS};
#[cfg(feature = "model")]
use crate::cache::check_safetensors;
use crate::cache::{corrupt, verify_requested, Manifest};
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::labels::Label;
use crate::models::{choose_backend, native_bf16, Available, Engine, ModelsConfig, Precision, ONNX_FP32_FILE, ONNX_INT8_FILE};
use crate::syntax::{SentenceSyntax, Syntax};
use crate::text::sentence_spans;

pub(crate) use build::ensure_model;
#[cfg(feature = "model")]
pub use build::{build_model, build_model_with_progress};
pub use build::{is_built, IfMissing};
pub use engine::THREADS_ENV;
#[cfg(feature = "model")]
pub use export::export_onnx;
pub use profile::Profile;
#[cfg(feature = "model")]
pub use train::{train, EpochReport, TrainEvent, TrainReport};

/// A loaded NER model. Load once, then call [`NerModel::recognize`] from any thread.
pub struct NerModel {
    net: Mutex<Net>,
    profile: Mutex<Profile>,
    wordpieces: Wordpieces,
    labels: Vec<Label>,
    /// Labels of the syntax heads, when the model has them.
    syntax: Option<SyntaxLabels>,
    dir: PathBuf,
    engine: Engine,
    precision: Precision,
    /// Most padded wordpieces in one forward pass ([`NerModel::set_batch_wordpieces`]).
    batch_cells: AtomicUsize,
}

/// Environment variable that sets how many padded wordpieces (rows × width) one
/// forward pass computes at most, in place of the measured default of the engine and
/// precision ([`NerModel::set_batch_wordpieces`]); for measuring the plan.
pub const BATCH_WORDPIECES_ENV: &str = "ATTRIBUTION_BATCH_WORDPIECES";

/// The cap of [`BATCH_WORDPIECES_ENV`] if set to a positive number, else `default`.
fn batch_cells_from_env(default: usize) -> usize {
    std::env::var(BATCH_WORDPIECES_ENV).ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(default)
}

/// What one forward pass says about one segment: entities and, with a syntax
/// model, its words' POS tags and chunks. Byte offsets into the caller's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Words and chunks (empty when the model has no syntax heads).
    pub syntax: Syntax,
}

/// The engine to run without libtorch (feature `model` off): `auto` is ONNX Runtime,
/// `torch` an [`Error::Backend`].
#[cfg(not(feature = "model"))]
fn without_libtorch(engine: Engine, precision: Precision) -> Result<Engine> {
    match engine {
        Engine::Torch => Err(Error::Backend {
            engine: "torch".into(),
            precision: format!("{precision:?}").to_lowercase(),
            reason: "this build of attribution has no libtorch (its feature `model` is off)".into(),
            fix: "set engine = \"onnx\" or \"auto\" in models.toml, or enable attribution's feature `model`".into(),
        }),
        Engine::Auto | Engine::Onnx => Ok(Engine::Onnx),
    }
}

#[cfg(all(test, not(feature = "model")))]
mod tests {
    use super::*;

    #[test]
    fn without_libtorch_auto_is_onnx_runtime_and_torch_a_typed_error() {
        assert_eq!(without_libtorch(Engine::Auto, Precision::Auto).unwrap(), Engine::Onnx);
        assert_eq!(without_libtorch(Engine::Onnx, Precision::Int8).unwrap(), Engine::Onnx);
        let e = without_libtorch(Engine::Torch, Precision::Bf16).unwrap_err();
        assert!(matches!(&e, Error::Backend { engine, precision, .. } if engine == "torch" && precision == "bf16"), "{e:?}");
        assert!(e.to_string().contains("feature `model`"), "{e}");
    }
}

/// A window of a segment to tag: which segment it is of, where that segment's text
/// starts in the caller's input, and its wordpieces.
struct Window {
    segment: usize,
    base: usize,
    pieces: Segment,
}

impl NerModel {
    /// Loads model `name` (or the default) of a `models.toml`.
    pub fn from_models_file(models_toml: impl AsRef<Path>, name: Option<&str>) -> Result<NerModel> {
        let config = ModelsConfig::from_file(models_toml)?;
        NerModel::from_config(&config, name)
    }

    /// Loads model `name` (or the default) of a parsed `models.toml`, on the engine
    /// and at the precision it says.
    pub fn from_config(config: &ModelsConfig, name: Option<&str>) -> Result<NerModel> {
        let dir = config.model_dir(name)?;
        let runtime = config.onnx_runtime_library();
        NerModel::load(&dir, &config.fix_command(name), config.engine, config.precision, runtime)
    }

    /// Loads a model directory (`config.json`, `tokenizer.json`, `model.safetensors`,
    /// and the ONNX graphs where built) on the engine and at the precision that
    /// suit this CPU ([`Engine::Auto`], [`Precision::Auto`]).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<NerModel> {
        NerModel::from_dir_with(dir, Precision::Auto)
    }

    /// Loads a model directory in the given precision (engine [`Engine::Auto`]).
    pub fn from_dir_with(dir: impl AsRef<Path>, precision: Precision) -> Result<NerModel> {
        NerModel::from_dir_on(dir, Engine::Auto, precision)
    }

    /// Loads a model directory on the given engine, in the given precision. The
    /// ONNX Runtime library is the one the set-up fetched into the cache of the
    /// crate's own `models.toml`.
    pub fn from_dir_on(dir: impl AsRef<Path>, engine: Engine, precision: Precision) -> Result<NerModel> {
        let runtime = ModelsConfig::embedded()?.onnx_runtime_library();
        NerModel::load(dir.as_ref(), "attribution model build", engine, precision, runtime)
    }

    /// The precision inference runs in (never `Auto`).
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The engine inference runs on (never `Auto`).
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The most padded wordpieces (rows × width) one forward pass computes: the
    /// measured default of the engine and precision (docs/benchmarks.md), or
    /// [`BATCH_WORDPIECES_ENV`], or what [`NerModel::set_batch_wordpieces`] set.
    pub fn batch_wordpieces(&self) -> usize {
        self.batch_cells.load(Ordering::Relaxed)
    }

    /// The forward passes a call over segments of these lengths (wordpieces, `[CLS]`
    /// and `[SEP]` included) makes on this model: rows and width of each, in order.
    /// The plan only, no model run (for measuring it: `benches/extract.rs`).
    pub fn batch_shapes(&self, lens: &[usize]) -> Vec<(usize, usize)> {
        let (rows, plan) = self.plan(lens);
        let fill = |row: &Vec<usize>| row.iter().map(|&i| lens[i]).sum::<usize>();
        plan.into_iter().map(|r| (r.len(), rows.get(r.start).map_or(0, fill))).collect()
    }

    /// Segments of these lengths packed into rows (indices into `lens`, fullest
    /// first), and the rows split into forward passes (ranges of rows).
    fn plan(&self, lens: &[usize]) -> (Vec<Vec<usize>>, Vec<std::ops::Range<usize>>) {
        let rows = pack(lens, pack_width(self.engine, self.precision));
        let fills: Vec<usize> = rows.iter().map(|r| r.iter().map(|&i| lens[i]).sum()).collect();
        let plan = batches(&fills, pass_cost(self.engine, self.precision), self.batch_wordpieces());
        (rows, plan)
    }

    /// Caps the padded wordpieces of one forward pass at `n` (at least 1; a row
    /// longer than the cap still runs, alone). For measuring the batch plan: the
    /// default suits the engine and precision. Other batch shapes compute in another
    /// order, so a score may differ in its last digits.
    pub fn set_batch_wordpieces(&self, n: usize) {
        self.batch_cells.store(n.max(1), Ordering::Relaxed);
    }

    /// Loads the model directory `dir`; `fix` is the command an error message
    /// suggests, `runtime` the ONNX Runtime library if there is one.
    fn load(dir: &Path, fix: &str, engine: Engine, precision: Precision, runtime: Option<PathBuf>) -> Result<NerModel> {
        let rebuild = format!("rebuild it with `{fix}`");
        // a built directory lists its files: each must be there, of its size (and
        // of its sha256 with ATTRIBUTION_VERIFY_MODEL=1), so a truncated or missing
        // file is reported before libtorch or ONNX Runtime reads it
        let manifest = Manifest::read(dir, &rebuild)?;
        if let Some(m) = &manifest {
            m.check(dir, verify_requested(), &rebuild)?;
        }
        for file in [CONFIG, TOKENIZER, WEIGHTS] {
            let path = dir.join(file);
            if !path.is_file() {
                return Err(Error::MissingModelFile { path, fix: fix.to_owned() });
            }
        }
        let corrupt = |file: &str, reason: String| corrupt(dir, file, reason, &rebuild);
        let config_path = dir.join(CONFIG);
        let raw = std::fs::read_to_string(&config_path).map_err(|e| Error::io(&config_path, e))?;
        let json: serde_json::Value = serde_json::from_str(&raw).map_err(|e| corrupt(CONFIG, e.to_string()))?;
        let labels = labels_of(&json, &config_path)?;
        let syntax = SyntaxLabels::from_config(&json, &config_path)?;
        let casing = json.get(CASING_KEY).and_then(|v| v.as_bool()).unwrap_or(false);
        let tokenizer = load_tokenizer(&dir.join(TOKENIZER)).map_err(|e| corrupt(TOKENIZER, e.to_string()))?;
        let wordpieces = Wordpieces::new(tokenizer, casing).ok_or_else(|| corrupt(TOKENIZER, "no [CLS]/[SEP] token".into()))?;
        let have = Available {
            onnx_f32: dir.join(ONNX_FP32_FILE).is_file(),
            onnx_int8: dir.join(ONNX_INT8_FILE).is_file(),
            runtime: runtime.is_some(),
            native_bf16: cfg!(feature = "model") && native_bf16(),
        };
        #[cfg(not(feature = "model"))]
        let engine = without_libtorch(engine, precision)?;
        let (engine, precision) = choose_backend(engine, precision, have).map_err(|reason| Error::Backend {
            engine: format!("{engine:?}").to_lowercase(),
            precision: format!("{precision:?}").to_lowercase(),
            reason,
            fix: format!(
                "`{fix}` writes the ONNX graphs of a built model and fetches ONNX Runtime; or change engine/precision in models.toml"
            ),
        })?;
        let threads = threads();
        let net = match (engine, runtime) {
            (Engine::Onnx, Some(lib)) => Net::Onnx(onnx::OnnxNet::load(&lib, dir, precision, threads, syntax.is_some(), fix)?),
            #[cfg(not(feature = "model"))]
            _ => return Err(Error::Internal { message: "no ONNX Runtime engine chosen in a build without libtorch".into() }),
            #[cfg(feature = "model")]
            _ => {
                // with or without a manifest: the weights are as long as their header
                // says (libtorch would fail on them less clearly)
                check_safetensors(dir, WEIGHTS, &rebuild)?;
                let config: BertConfig = serde_json::from_value(json).map_err(|e| corrupt(CONFIG, e.to_string()))?;
                let torch = TorchNet::load(&dir.join(WEIGHTS), &config, labels.len(), syntax.as_ref(), precision, threads)
                    .map_err(|e| corrupt(WEIGHTS, e.to_string()))?;
                Net::Torch(Box::new(torch))
            }
        };
        let batch_cells = AtomicUsize::new(batch_cells_from_env(batch_cells(engine, precision)));
        Ok(NerModel {
            net: Mutex::new(net),
            profile: Mutex::default(),
            wordpieces,
            labels,
            syntax,
            dir: dir.to_owned(),
            engine,
            precision,
            batch_cells,
        })
    }

    #[cfg(feature = "model")]
    /// A model over a libtorch network in training, in fp32 (training and its model
    /// selection run in fp32); `dir` is where it will be written.
    pub(in crate::ner) fn in_training(
        torch: TorchNet,
        wordpieces: Wordpieces,
        labels: Vec<Label>,
        syntax: Option<SyntaxLabels>,
        dir: &Path,
    ) -> NerModel {
        NerModel {
            net: Mutex::new(Net::Torch(Box::new(torch))),
            profile: Mutex::default(),
            wordpieces,
            labels,
            syntax,
            dir: dir.to_owned(),
            precision: Precision::F32,
            engine: Engine::Torch,
            batch_cells: AtomicUsize::new(batch_cells(Engine::Torch, Precision::F32)),
        }
    }

    #[cfg(feature = "model")]
    /// Runs `f` on the libtorch network (an error on ONNX Runtime).
    pub(in crate::ner) fn with_torch<T>(&self, f: impl FnOnce(&mut TorchNet) -> Result<T>) -> Result<T> {
        let mut net = self.net.lock().map_err(|_| Error::Poisoned)?;
        f(net.torch()?)
    }

    #[cfg(feature = "model")]
    /// The tokenizer and the special ids the inputs take.
    pub(in crate::ner) fn wordpieces(&self) -> &Wordpieces {
        &self.wordpieces
    }

    /// Whether the model has POS and chunk heads (else [`Analysis::syntax`] is empty).
    pub fn has_syntax(&self) -> bool {
        self.syntax.is_some()
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Named entities of `text`, with byte offsets into it. Text of any length: it
    /// is split into sentences, and sentences longer than the model's window into
    /// windows, so nothing is truncated.
    pub fn recognize(&self, text: &str) -> Result<Vec<Entity>> {
        let spans = sentence_spans(text);
        self.recognize_in(text, &spans)
    }

    /// Entities of many texts at once (their sentences share batches).
    pub fn recognize_batch<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<Entity>>> {
        let mut jobs = Vec::new();
        for (t, text) in texts.iter().enumerate() {
            for r in sentence_spans(text.as_ref()) {
                jobs.push((t, r));
            }
        }
        let mut out = vec![Vec::new(); texts.len()];
        let segs: Vec<(&str, usize)> = jobs.iter().map(|(t, r)| (&texts[*t].as_ref()[r.clone()], r.start)).collect();
        for (job, ents) in self.run(&segs)?.into_iter().enumerate() {
            out[jobs[job].0].extend(ents);
        }
        Ok(out)
    }

    /// Entities inside the given byte ranges of `text` only (ranges must lie on char
    /// boundaries; others are skipped).
    pub fn recognize_in(&self, text: &str, ranges: &[std::ops::Range<usize>]) -> Result<Vec<Entity>> {
        let segs: Vec<(&str, usize)> = ranges.iter().filter_map(|r| text.get(r.clone()).map(|s| (s, r.start))).collect();
        Ok(self.run(&segs)?.into_iter().flatten().collect())
    }

    /// Number of wordpieces `text` is cut into (for throughput figures).
    pub fn count_wordpieces(&self, text: &str) -> Result<usize> {
        let mut n = 0;
        for r in sentence_spans(text) {
            n += self.wordpieces.encode(&text[r])?.ids.len() + 2;
        }
        Ok(n)
    }

    /// Tags pre-tokenized sentences (CoNLL style): one IOB2 tag per word.
    pub fn tag_words(&self, sentences: &[Vec<String>]) -> Result<Vec<Vec<String>>> {
        let joined: Vec<String> = sentences.iter().map(|w| w.join(" ")).collect();
        let segs: Vec<(&str, usize)> = joined.iter().map(|s| (s.as_str(), 0)).collect();
        let ents = self.run(&segs)?;
        Ok(sentences.iter().zip(&ents).map(|(words, ents)| word_tags(words, ents)).collect())
    }

    /// POS and chunk tags of pre-tokenized sentences, one of each per word; `None`
    /// when the model has no syntax heads.
    pub fn tag_syntax(&self, sentences: &[Vec<String>]) -> Result<Option<Vec<SentenceSyntax>>> {
        if self.syntax.is_none() {
            return Ok(None);
        }
        let joined: Vec<String> = sentences.iter().map(|w| w.join(" ")).collect();
        let segs: Vec<(&str, usize)> = joined.iter().map(|s| (s.as_str(), 0)).collect();
        let found = self.analyze_segments(&segs)?;
        Ok(Some(sentences.iter().zip(&found).map(|(words, a)| word_syntax(words, &a.syntax)).collect()))
    }

    /// Entities of many text segments at once, one list per segment: `(text,
    /// offset)` pairs, where each entity's offsets are `offset +` its position in
    /// its segment's text.
    pub fn recognize_segments(&self, segments: &[(&str, usize)]) -> Result<Vec<Vec<Entity>>> {
        self.run(segments)
    }

    /// Entities and syntax of many text segments at once, from one forward pass each
    /// batch: `(text, offset)` pairs as for [`NerModel::recognize_segments`].
    pub fn analyze_segments(&self, segments: &[(&str, usize)]) -> Result<Vec<Analysis>> {
        self.run_all(segments)
    }

    /// Entities only, of text segments `(text, offset of text in the caller's input)`.
    fn run(&self, segs: &[(&str, usize)]) -> Result<Vec<Vec<Entity>>> {
        Ok(self.run_all(segs)?.into_iter().map(|a| a.entities).collect())
    }

    /// Runs the model over text segments `(text, offset of text in the caller's input)`.
    fn run_all(&self, segs: &[(&str, usize)]) -> Result<Vec<Analysis>> {
        let mut profile = Profile { calls: 1, ..Profile::default() };
        let clock = Instant::now();
        // Tokenize once; split over-long segments into windows at word starts.
        let mut windows: Vec<Window> = Vec::new();
        for (segment, (text, base)) in segs.iter().enumerate() {
            let seg = self.wordpieces.encode(text)?;
            for pieces in split_windows(seg, MAX_TOKENS - 2) {
                windows.push(Window { segment, base: *base, pieces });
            }
        }
        // Windows packed into rows, the rows into forward passes.
        let lens: Vec<usize> = windows.iter().map(|w| w.pieces.ids.len() + 2).collect();
        let (rows, plan) = self.plan(&lens);
        profile.tokenize_s = clock.elapsed().as_secs_f64();
        let mut out = vec![Analysis::default(); segs.len()];
        // per window, filled batch by batch, then joined in text order
        let mut syntax: Vec<Syntax> = vec![Syntax::default(); windows.len()];
        let mut net = self.net.lock().map_err(|_| Error::Poisoned)?;
        for batch in plan.into_iter().map(|r| &rows[r]) {
            let mut clock = Instant::now();
            let mut lap = || std::mem::replace(&mut clock, Instant::now()).elapsed().as_secs_f64();
            let packed: Vec<Vec<&Segment>> = batch.iter().map(|row| row.iter().map(|&i| &windows[i].pieces).collect()).collect();
            let (inputs, slots) = pack_inputs(&packed, self.wordpieces.cls, self.wordpieces.sep);
            profile.inputs_s += lap();
            let outputs = net.forward(&inputs)?;
            profile.forward_s += lap();
            let pieces: Vec<&Segment> = packed.into_iter().flatten().collect();
            let scores = collect_scores(&pieces, &slots, &outputs);
            for (s, &w) in scores.iter().zip(batch.iter().flatten()) {
                let Window { segment, base, ref pieces } = windows[w];
                out[segment].entities.extend(entities_of(segs[segment].0, base, pieces, s.ner.view(), &self.labels));
                if let (Some(labels), Some(tags)) = (&self.syntax, &s.syntax) {
                    syntax[w] = syntax_of(base, pieces, tags, labels);
                }
            }
            profile.decode_s += lap();
            profile.batches += 1;
            profile.sequences += pieces.len() as u64;
            profile.rows += inputs.rows as u64;
            profile.wordpieces += pieces.iter().map(|p| p.ids.len() as u64 + 2).sum::<u64>();
            profile.padded += (inputs.rows * inputs.width) as u64;
        }
        drop(net);
        for (w, window) in windows.iter().enumerate() {
            let s = std::mem::take(&mut syntax[w]);
            out[window.segment].syntax.extend_shifted(&s, 0);
        }
        if let Ok(mut total) = self.profile.lock() {
            total.add(&profile);
        }
        Ok(out)
    }

    /// Where this model's time went, summed over every call since it was loaded
    /// (or since [`NerModel::reset_profile`]).
    pub fn profile(&self) -> Profile {
        self.profile.lock().map(|p| *p).unwrap_or_default()
    }

    /// Sets the [`Profile`] counters back to zero.
    pub fn reset_profile(&self) {
        if let Ok(mut p) = self.profile.lock() {
            *p = Profile::default();
        }
    }
}
