//! The NER model: the only module that touches `rust-bert` and `tch`.
//!
//! A BERT token classifier (the weights of a `BertForTokenClassification`) over the
//! tokens of a Hugging Face `tokenizer.json`, with IOB2-constrained decoding of its
//! scores and byte offsets into the caller's text. A model built with `syntax = true`
//! has two more heads on the same encoder, part of speech and chunks, read from the
//! same forward pass ([`NerModel::analyze_segments`]).

mod build;
mod onnx;
mod train;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use serde::Serialize;

use ndarray::Array2;
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use tch::{nn, Device, Kind, Tensor};
use tokenizers::Tokenizer;

use crate::conll::{score_syntax, score_tags, ConllSentence, EntityScores, SentenceSyntax, SyntaxScores};
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::labels::{chunks, decode, Label};
use crate::models::{choose_backend, native_bf16, Available, Engine, ModelsConfig, Precision, ONNX_FP32_FILE, ONNX_INT8_FILE};
use crate::syntax::{iob_chunks, Chunk, Phrase, Pos, Syntax, Word};
use crate::text::sentence_spans;

pub(crate) use build::ensure_model;
pub use build::{build_model, is_built, IfMissing};
pub use onnx::export_onnx;
pub use train::{train, EpochReport, TrainEvent, TrainReport};

/// Most wordpieces in one forward pass, `[CLS]` and `[SEP]` included.
const MAX_TOKENS: usize = 512;
/// Most rows in one forward pass.
const BATCH: usize = 64;
/// Most padded wordpieces in one forward pass.
const BATCH_TOKENS: usize = 4096;
/// Short segments share rows of up to this many wordpieces (a longer one has a row
/// of its own): less padding, fewer rows ([`pack`]). Against one segment a row, in
/// rounds taken in turns in one process over the dev corpus: one article at a time
/// 0.75× the time on libtorch bf16 and 0.90× on ONNX Runtime fp32; the corpus in one
/// call 0.83× (bf16); NER alone over all its sentences 0.84× (bf16), 1.00× (fp32 ONNX
/// Runtime). Rows of 32–96 within noise of 64, of 128 0.89× (attention over wide rows
/// costs). Claims unchanged.
const PACK_WIDTH: usize = 64;
/// [`PACK_WIDTH`] for ONNX Runtime int8, whose attention (quantized, many small
/// matrix products) costs most with the width: rows of 64 took 1.12× the time of one
/// segment a row over the dev corpus in one call (0.87× one article at a time), rows
/// of 32 1.00× (0.93×).
const INT8_PACK_WIDTH: usize = 32;
/// A forward pass's fixed cost, in wordpieces of compute (see [`batches`]):
/// measured on the dev corpus, one article at a time, against the previous plan
/// (padding at most a tenth): libtorch bf16 15.7–20.2 articles/s against 13.2–15.1
/// with 175; libtorch fp32 best near 50 (6.7–8.5 with 0); ONNX Runtime the same
/// within noise from 0 to 50. Batch extraction (the CLI over PolNeAR train) and the
/// claims are unchanged. With packed rows ([`PACK_WIDTH`]), bf16 is the same within
/// 1% from 50 to 600 (0 takes 1.7× the time).
const PASS_COST: usize = 50;
const BF16_PASS_COST: usize = 175;

/// The files of a model directory.
const CONFIG: &str = "config.json";
const TOKENIZER: &str = "tokenizer.json";
const WEIGHTS: &str = "model.safetensors";
/// Key in `config.json` that says token type ids carry the casing signal.
const CASING_KEY: &str = "attribution_casing";
/// Keys in `config.json` with the labels of the POS and chunk heads, by id.
const POS_KEY: &str = "attribution_pos_labels";
const CHUNK_KEY: &str = "attribution_chunk_labels";

/// A loaded NER model. Load once, then call [`NerModel::recognize`] from any thread.
pub struct NerModel {
    net: Mutex<Net>,
    profile: Mutex<Profile>,
    tokenizer: Tokenizer,
    labels: Vec<Label>,
    /// Labels of the syntax heads, when the model has them.
    syntax: Option<SyntaxLabels>,
    casing: bool,
    cls: u32,
    sep: u32,
    dir: PathBuf,
    engine: Engine,
    precision: Precision,
}

/// What runs the forward pass. Neither is `Sync` (`tch::Tensor` is not, an ONNX
/// session runs with `&mut`): the mutex makes the model shareable.
enum Net {
    Torch(Box<TorchNet>),
    Onnx(onnx::OnnxNet),
}

/// The libtorch network and its weights.
struct TorchNet {
    vs: nn::VarStore,
    model: Tagger,
}

impl Net {
    /// The heads' outputs for a padded batch.
    fn forward(&mut self, x: &Inputs) -> Result<Outputs> {
        match self {
            Net::Torch(t) => t.forward(x),
            Net::Onnx(o) => o.forward(x),
        }
    }

    /// The libtorch network (training runs on it only).
    fn torch(&mut self) -> Result<&mut TorchNet> {
        match self {
            Net::Torch(t) => Ok(t),
            Net::Onnx(_) => Err(Error::Internal { message: "training needs the libtorch engine".into() }),
        }
    }
}

/// The labels of the POS and chunk heads, by id.
#[derive(Clone, Debug)]
struct SyntaxLabels {
    pos: Vec<Pos>,
    /// IOB2 chunk tags (`O`, `B-NP`, `I-NP`, ...).
    chunks: Vec<String>,
}

impl SyntaxLabels {
    /// The label sets a model is trained with: every POS tag; `O` and `B-`/`I-` of
    /// every phrase kind.
    fn all() -> SyntaxLabels {
        let mut chunks = vec!["O".to_owned()];
        for p in Phrase::ALL {
            chunks.push(format!("B-{}", p.as_str()));
            chunks.push(format!("I-{}", p.as_str()));
        }
        SyntaxLabels { pos: Pos::ALL.to_vec(), chunks }
    }

    /// Reads them from a model's `config.json`; `Ok(None)` when it has none.
    fn from_config(json: &serde_json::Value, path: &Path) -> Result<Option<SyntaxLabels>> {
        let list =
            |key: &str| -> Option<Vec<String>> { json.get(key)?.as_array()?.iter().map(|v| v.as_str().map(str::to_owned)).collect() };
        let (Some(pos), Some(chunks)) = (list(POS_KEY), list(CHUNK_KEY)) else {
            return Ok(None);
        };
        let pos = pos
            .iter()
            .map(|t| Pos::parse(t).ok_or_else(|| Error::UnknownLabel { path: path.to_owned(), label: t.clone() }))
            .collect::<Result<_>>()?;
        Ok(Some(SyntaxLabels { pos, chunks }))
    }

    /// Writes them into a `config.json`.
    fn write_to(&self, json: &mut serde_json::Value) {
        if let Some(obj) = json.as_object_mut() {
            obj.insert(POS_KEY.into(), self.pos.iter().map(|p| p.as_str()).collect::<Vec<_>>().into());
            obj.insert(CHUNK_KEY.into(), self.chunks.clone().into());
        }
    }
}

/// The network: a BERT encoder, its entity head (`classifier`, as in a Hugging Face
/// `BertForTokenClassification`) and, optionally, POS and chunk heads.
struct Tagger {
    bert: BertModel<BertEmbeddings>,
    dropout: f64,
    classifier: nn::Linear,
    pos: Option<nn::Linear>,
    chunk: Option<nn::Linear>,
}

/// The heads' logits `[batch, width, labels]`.
struct Logits {
    ner: Tensor,
    pos: Option<Tensor>,
    chunk: Option<Tensor>,
}

impl Tagger {
    fn new(p: nn::Path, config: &BertConfig, ner: usize, syntax: Option<&SyntaxLabels>) -> Tagger {
        let bert = BertModel::new_with_optional_pooler(&p / "bert", config, false);
        let head = |name: &str, n: usize| nn::linear(&p / name, config.hidden_size, n as i64, Default::default());
        Tagger {
            bert,
            dropout: config.hidden_dropout_prob,
            classifier: head("classifier", ner),
            pos: syntax.map(|s| head("pos_classifier", s.pos.len())),
            chunk: syntax.map(|s| head("chunk_classifier", s.chunks.len())),
        }
    }

    /// `mask` is `[batch, width]` (1 on wordpieces, 0 on padding) or `[batch, width,
    /// width]` (which keys each query attends to); `positions` default to 0, 1, 2 …
    fn forward_t(&self, ids: &Tensor, mask: &Tensor, types: &Tensor, positions: Option<&Tensor>, train: bool) -> Result<Logits> {
        let hidden = self
            .bert
            .forward_t(Some(ids), Some(mask), Some(types), positions, None, None, None, train)?
            .hidden_state
            .dropout(self.dropout, train);
        let apply = |l: &nn::Linear| hidden.apply(l);
        Ok(Logits { ner: apply(&self.classifier), pos: self.pos.as_ref().map(apply), chunk: self.chunk.as_ref().map(apply) })
    }
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

/// One stretch of text to tag, tokenized: wordpieces with byte offsets into the text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segment {
    pub(crate) ids: Vec<i64>,
    pub(crate) type_ids: Vec<i64>,
    /// Byte range of each wordpiece, relative to the segment's text.
    pub(crate) offsets: Vec<(usize, usize)>,
    /// Index of the pre-tokenizer word each wordpiece belongs to.
    pub(crate) words: Vec<u32>,
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
        NerModel::load(dir.as_ref(), "cargo run --release --example build_model", engine, precision, runtime)
    }

    /// The precision inference runs in (never `Auto`).
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The engine inference runs on (never `Auto`).
    pub fn engine(&self) -> Engine {
        self.engine
    }

    fn load(dir: &Path, fix: &str, engine: Engine, precision: Precision, runtime: Option<PathBuf>) -> Result<NerModel> {
        for file in [CONFIG, TOKENIZER, WEIGHTS] {
            let path = dir.join(file);
            if !path.is_file() {
                return Err(Error::MissingModelFile { path, fix: fix.to_owned() });
            }
        }
        let corrupt = |file: &str, reason: String| Error::CorruptModelFile { path: dir.join(file), reason, fix: fix.to_owned() };
        let config_path = dir.join(CONFIG);
        let raw = std::fs::read_to_string(&config_path).map_err(|e| Error::io(&config_path, e))?;
        let json: serde_json::Value = serde_json::from_str(&raw).map_err(|e| corrupt(CONFIG, e.to_string()))?;
        let config: BertConfig = serde_json::from_value(json.clone()).map_err(|e| corrupt(CONFIG, e.to_string()))?;
        let labels = labels_of(&config, &config_path)?;
        let syntax = SyntaxLabels::from_config(&json, &config_path)?;
        let casing = json.get(CASING_KEY).and_then(|v| v.as_bool()).unwrap_or(false);
        let tokenizer = load_tokenizer(&dir.join(TOKENIZER)).map_err(|e| corrupt(TOKENIZER, e.to_string()))?;
        let (cls, sep) = special_ids(&tokenizer).ok_or_else(|| corrupt(TOKENIZER, "no [CLS]/[SEP] token".into()))?;
        let have = Available {
            onnx_f32: dir.join(ONNX_FP32_FILE).is_file(),
            onnx_int8: dir.join(ONNX_INT8_FILE).is_file(),
            runtime: runtime.is_some(),
            native_bf16: native_bf16(),
        };
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
            _ => {
                tch::set_num_threads(threads as i32);
                tune_allocator();
                let mut vs = nn::VarStore::new(Device::Cpu);
                let model = Tagger::new(vs.root(), &config, labels.len(), syntax.as_ref());
                vs.load(dir.join(WEIGHTS)).map_err(|e| corrupt(WEIGHTS, e.to_string()))?;
                if precision == Precision::Bf16 {
                    vs.bfloat16();
                }
                Net::Torch(Box::new(TorchNet { vs, model }))
            }
        };
        Ok(NerModel {
            net: Mutex::new(net),
            profile: Mutex::default(),
            tokenizer,
            labels,
            syntax,
            casing,
            cls,
            sep,
            dir: dir.to_owned(),
            engine,
            precision,
        })
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
            n += encode(&self.tokenizer, &text[r], self.casing)?.ids.len() + 2;
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

    /// POS accuracy and chunk scores on CoNLL sentences with gold syntax; `None` when
    /// the model has no syntax heads.
    pub fn evaluate_syntax(&self, sentences: &[ConllSentence]) -> Result<Option<SyntaxScores>> {
        let with: Vec<&ConllSentence> = sentences.iter().filter(|s| s.pos.len() == s.words.len()).collect();
        let words: Vec<Vec<String>> = with.iter().map(|s| s.words.clone()).collect();
        let Some(predicted) = self.tag_syntax(&words)? else {
            return Ok(None);
        };
        let gold: Vec<SentenceSyntax> = with.iter().map(|s| (s.pos.clone(), s.chunks.clone())).collect();
        Ok(Some(score_syntax(&gold, &predicted)))
    }

    /// Entity-level scores on CoNLL sentences (exact span match per type).
    pub fn evaluate(&self, sentences: &[ConllSentence]) -> Result<EntityScores> {
        let words: Vec<Vec<String>> = sentences.iter().map(|s| s.words.clone()).collect();
        let gold: Vec<Vec<String>> = sentences.iter().map(|s| s.tags.clone()).collect();
        let predicted = self.tag_words(&words)?;
        Ok(score_tags(&gold, &predicted))
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
        let mut prof = Profile { calls: 1, ..Profile::default() };
        let clock = Instant::now();
        // Tokenize once; split over-long segments into windows at word starts.
        let mut windows: Vec<(usize, usize, Segment)> = Vec::new(); // (segment, base offset, pieces)
        for (i, (text, base)) in segs.iter().enumerate() {
            let seg = encode(&self.tokenizer, text, self.casing)?;
            for w in split_windows(seg, MAX_TOKENS - 2) {
                windows.push((i, *base, w));
            }
        }
        // Windows packed into rows, the rows into forward passes.
        let lens: Vec<usize> = windows.iter().map(|w| w.2.ids.len() + 2).collect();
        let rows = pack(&lens, self.pack_width());
        let fills: Vec<usize> = rows.iter().map(|r| r.iter().map(|&i| lens[i]).sum()).collect();
        let plan = batches(&fills, self.batch_overhead());
        prof.tokenize_s = clock.elapsed().as_secs_f64();
        let mut out = vec![Analysis::default(); segs.len()];
        // per window, filled batch by batch, then joined in text order
        let mut syntax: Vec<Syntax> = vec![Syntax::default(); windows.len()];
        let mut net = self.net.lock().map_err(|_| Error::Poisoned)?;
        for batch in plan.into_iter().map(|r| &rows[r]) {
            let mut clock = Instant::now();
            let mut lap = || std::mem::replace(&mut clock, Instant::now()).elapsed().as_secs_f64();
            let packed: Vec<Vec<&Segment>> = batch.iter().map(|row| row.iter().map(|&i| &windows[i].2).collect()).collect();
            let (inputs, slots) = pack_inputs(&packed, self.cls, self.sep);
            prof.inputs_s += lap();
            let outputs = net.forward(&inputs)?;
            prof.forward_s += lap();
            let pieces: Vec<&Segment> = packed.into_iter().flatten().collect();
            let scores = collect_scores(&pieces, &slots, &outputs);
            for (s, &wi) in scores.iter().zip(batch.iter().flatten()) {
                let (seg, base, ref pieces) = windows[wi];
                out[seg].entities.extend(entities_of(segs[seg].0, base, pieces, s.ner.view(), &self.labels));
                if let (Some(labels), Some(tags)) = (&self.syntax, &s.syntax) {
                    syntax[wi] = syntax_of(base, pieces, tags, labels);
                }
            }
            prof.decode_s += lap();
            prof.batches += 1;
            prof.sequences += pieces.len() as u64;
            prof.rows += inputs.rows as u64;
            prof.wordpieces += pieces.iter().map(|p| p.ids.len() as u64 + 2).sum::<u64>();
            prof.padded += (inputs.rows * inputs.width) as u64;
        }
        drop(net);
        for (wi, (seg, _, _)) in windows.iter().enumerate() {
            let s = std::mem::take(&mut syntax[wi]);
            out[*seg].syntax.extend_shifted(&s, 0);
        }
        if let Ok(mut total) = self.profile.lock() {
            total.add(&prof);
        }
        Ok(out)
    }

    /// A forward pass's fixed cost in wordpieces, for the batch plan ([`batches`]).
    fn batch_overhead(&self) -> usize {
        match (self.engine, self.precision) {
            (Engine::Torch, Precision::Bf16) => BF16_PASS_COST,
            _ => PASS_COST,
        }
    }

    /// How wide packed rows are on this engine ([`PACK_WIDTH`]).
    fn pack_width(&self) -> usize {
        match (self.engine, self.precision) {
            (Engine::Onnx, Precision::Int8) => INT8_PACK_WIDTH,
            _ => PACK_WIDTH,
        }
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

/// Where a model's time goes: seconds per stage and batch shapes, summed over
/// calls. Counters cost two clock reads per stage and batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Profile {
    /// Calls that ran the model.
    pub calls: u64,
    /// Forward passes.
    pub batches: u64,
    /// Sequences (sentences, or windows of long ones) in them.
    pub sequences: u64,
    /// Rows of the passes' inputs (several short sequences share a row).
    pub rows: u64,
    /// Their wordpieces, `[CLS]` and `[SEP]` included.
    pub wordpieces: u64,
    /// Wordpieces the forward passes computed, padding included (rows × width).
    pub padded: u64,
    /// Tokenizing, cutting windows and planning the batches.
    pub tokenize_s: f64,
    /// Building the input arrays (ids, positions, sequence numbers, type ids).
    pub inputs_s: f64,
    /// The engine: tensors in, the forward pass, outputs out.
    pub forward_s: f64,
    /// Scores into entities (constrained decoding), words and chunks.
    pub decode_s: f64,
}

impl Profile {
    fn add(&mut self, o: &Profile) {
        self.calls += o.calls;
        self.batches += o.batches;
        self.sequences += o.sequences;
        self.rows += o.rows;
        self.wordpieces += o.wordpieces;
        self.padded += o.padded;
        self.tokenize_s += o.tokenize_s;
        self.inputs_s += o.inputs_s;
        self.forward_s += o.forward_s;
        self.decode_s += o.decode_s;
    }
}

/// One segment's scores: per-wordpiece entity log-probabilities `[len, labels]` and,
/// with syntax heads, the best POS and chunk label id of each wordpiece.
struct Scores {
    ner: Array2<f32>,
    syntax: Option<(Vec<i64>, Vec<i64>)>,
}

/// A batch, row-major `[rows, width]`: each row holds one or more segments, each
/// as `[CLS] … [SEP]` with positions from 0, then padding. A wordpiece attends to
/// the wordpieces of its own segment only, so a packed segment's outputs are the
/// ones it would get alone.
pub(crate) struct Inputs {
    pub(crate) ids: Vec<i64>,
    /// Which segment of its row each wordpiece belongs to, from 1; 0 on padding
    /// (with one segment a row, this is the usual 0/1 attention mask).
    pub(crate) seq: Vec<i64>,
    /// Each wordpiece's position in its segment.
    pub(crate) positions: Vec<i64>,
    pub(crate) types: Vec<i64>,
    pub(crate) rows: usize,
    pub(crate) width: usize,
}

/// The heads' outputs for a batch, flat and row-major: entity log-probabilities
/// `[rows, width, labels]` and, with syntax heads, POS and chunk ids `[rows, width]`.
pub(crate) struct Outputs {
    pub(crate) labels: usize,
    pub(crate) ner: Vec<f32>,
    pub(crate) syntax: Option<(Vec<i64>, Vec<i64>)>,
}

impl TorchNet {
    fn forward(&self, x: &Inputs) -> Result<Outputs> {
        let shape = [x.rows as i64, x.width as i64];
        let tensor = |v: &[i64]| Tensor::from_slice(v).view(shape);
        let (ner, pos, chunk) = tch::no_grad(|| -> Result<_> {
            // [rows, width, width]: 1 where query and key are of the same segment
            let seq = tensor(&x.seq);
            let mask = seq.unsqueeze(2).eq_tensor(&seq.unsqueeze(1)).logical_and(&seq.unsqueeze(1).gt(0)).to_kind(Kind::Int64);
            let out = self.model.forward_t(&tensor(&x.ids), &mask, &tensor(&x.types), Some(&tensor(&x.positions)), false)?;
            let best = |t: Option<Tensor>| t.map(|t| t.argmax(-1, false));
            Ok((out.ner.log_softmax(-1, Kind::Float), best(out.pos), best(out.chunk)))
        })?;
        let labels = ner.size().last().copied().unwrap_or(0) as usize;
        let ner = Vec::<f32>::try_from(ner.flatten(0, -1))?;
        let ids_of = |t: Option<Tensor>| -> Result<Option<Vec<i64>>> {
            t.map(|t| Vec::<i64>::try_from(t.flatten(0, -1))).transpose().map_err(Error::from)
        };
        let (pos, chunk) = (ids_of(pos)?, ids_of(chunk)?);
        Ok(Outputs { labels, ner, syntax: pos.zip(chunk) })
    }
}

/// Cuts a batch's outputs into one [`Scores`] per segment (without the
/// `[CLS]`/`[SEP]` rows); `slots` are the segments' places ([`pack_inputs`]).
fn collect_scores(segs: &[&Segment], slots: &[usize], out: &Outputs) -> Vec<Scores> {
    let labels = out.labels;
    let mut scores = Vec::with_capacity(segs.len());
    for (s, &slot) in segs.iter().zip(slots) {
        let (n, first) = (s.ids.len(), slot + 1);
        let start = first * labels;
        let rows = out.ner.get(start..start + n * labels).unwrap_or(&[]).to_vec();
        let ner = Array2::from_shape_vec((rows.len() / labels.max(1), labels), rows).unwrap_or_default();
        let row = |v: &Vec<i64>| v.get(first..first + n).unwrap_or(&[]).to_vec();
        let syntax = out.syntax.as_ref().map(|(p, c)| (row(p), row(c)));
        scores.push(Scores { ner, syntax });
    }
    scores
}

/// Splits rows sorted by decreasing length (their wordpieces, packed: [`pack`]) into
/// batches (index ranges) of at most [`BATCH`] rows and [`BATCH_TOKENS`] padded
/// tokens, at the least cost: a batch costs `overhead` plus the wordpieces it
/// computes (rows × its longest row), so padding is worth it while it costs less
/// than another forward pass.
/// Found exactly (the best split of a sorted list into runs, by dynamic programming).
/// `overhead` is a forward pass's fixed cost in wordpieces ([`PASS_COST`]).
fn batches(lens: &[usize], overhead: usize) -> Vec<std::ops::Range<usize>> {
    let n = lens.len();
    // best[j]: least cost of the first j sequences; from[j]: where its last batch starts
    let mut best = vec![usize::MAX; n + 1];
    let mut from = vec![0; n + 1];
    best[0] = 0;
    for j in 1..=n {
        for i in (j.saturating_sub(BATCH)..j).rev() {
            let cells = (j - i) * lens[i];
            if cells > BATCH_TOKENS && j - i > 1 {
                break;
            }
            let cost = best[i].saturating_add(overhead + cells);
            // on a tie, the larger batch (fewer passes)
            if cost <= best[j] {
                best[j] = cost;
                from[j] = i;
            }
        }
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        out.push(from[j]..j);
        j = from[j];
    }
    out.reverse();
    out
}

/// Packs segments into rows: first fit, longest first, each row holding at most
/// `width` wordpieces; a longer segment has a row of its own (so a long sentence
/// does not widen every row: attention costs with the width). `lens` are the
/// segments' lengths with `[CLS]` and `[SEP]`; rows come fullest first, as
/// [`batches`] wants.
fn pack(lens: &[usize], width: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lens.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(lens[i]));
    let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
    // first[len]: no row before it has room for `len` (rows only fill up, so each
    // length's search resumes where it stopped: linear, not quadratic, in the rows)
    let mut first = vec![0usize; width + 1];
    for i in order {
        let len = lens[i];
        let fit = first.get_mut(len).and_then(|at| {
            while *at < rows.len() && rows[*at].0 + len > width {
                *at += 1;
            }
            rows.get_mut(*at)
        });
        match fit {
            Some((fill, row)) => {
                *fill += len;
                row.push(i);
            }
            None => rows.push((len, vec![i])),
        }
    }
    rows.sort_by_key(|(fill, _)| std::cmp::Reverse(*fill));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The inputs of a batch of rows of segments, and where each segment's `[CLS]`
/// sits in the flat layout (segments in row order).
pub(crate) fn pack_inputs(rows: &[Vec<&Segment>], cls: u32, sep: u32) -> (Inputs, Vec<usize>) {
    let fill = |row: &Vec<&Segment>| row.iter().map(|s| s.ids.len() + 2).sum::<usize>();
    let width = rows.iter().map(fill).max().unwrap_or(0);
    let total = rows.len() * width;
    let mut x =
        Inputs { ids: vec![0; total], seq: vec![0; total], positions: vec![0; total], types: vec![0; total], rows: rows.len(), width };
    let mut slots = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut at = r * width;
        for (k, s) in row.iter().enumerate() {
            let n = s.ids.len();
            slots.push(at);
            x.ids[at] = i64::from(cls);
            x.ids[at + 1..at + 1 + n].copy_from_slice(&s.ids);
            x.ids[at + 1 + n] = i64::from(sep);
            x.seq[at..at + n + 2].fill(k as i64 + 1);
            for (p, v) in x.positions[at..at + n + 2].iter_mut().enumerate() {
                *v = p as i64;
            }
            x.types[at + 1..at + 1 + n].copy_from_slice(&s.type_ids);
            at += n + 2;
        }
    }
    (x, slots)
}

/// One segment a row, as flat libtorch tensors (view them as `[rows, width]`): ids,
/// the attention mask, type ids; and the width. Labels go in the same layout with
/// [`pad_labels`].
pub(crate) fn pad_batch(segs: &[&Segment], cls: u32, sep: u32) -> (Tensor, Tensor, Tensor, i64) {
    let rows: Vec<Vec<&Segment>> = segs.iter().map(|&s| vec![s]).collect();
    let (x, _) = pack_inputs(&rows, cls, sep);
    (Tensor::from_slice(&x.ids), Tensor::from_slice(&x.seq), Tensor::from_slice(&x.types), x.width as i64)
}

/// Per-wordpiece labels of a batch laid out as [`pad_batch`] lays out its
/// wordpieces, into `out`: -100 (ignored by the loss) on `[CLS]`, `[SEP]` and padding.
pub(crate) fn pad_labels(segs: &[&Segment], width: i64, labels: &[&[i64]], out: &mut Vec<i64>) {
    let width = width as usize;
    out.clear();
    out.resize(segs.len() * width, -100);
    for (i, (s, l)) in segs.iter().zip(labels).enumerate() {
        let n = s.ids.len().min(l.len());
        out[i * width + 1..i * width + 1 + n].copy_from_slice(&l[..n]);
    }
}

/// Tokenizes `text` without special tokens; token type 1 marks wordpieces of words
/// that start with an upper-case letter when `casing` is on.
pub(crate) fn encode(tokenizer: &Tokenizer, text: &str, casing: bool) -> Result<Segment> {
    let enc = tokenizer.encode(text, false).map_err(Error::Tokenizer)?;
    let mut seg = Segment::default();
    let mut word_cap: Vec<bool> = Vec::new();
    for ((&id, &(s, e)), w) in enc.get_ids().iter().zip(enc.get_offsets()).zip(enc.get_word_ids()) {
        let w = w.unwrap_or(0);
        if word_cap.len() <= w as usize {
            let cap = text.get(s..).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase);
            word_cap.resize(w as usize + 1, cap);
        }
        seg.ids.push(i64::from(id));
        seg.type_ids.push(i64::from(casing && word_cap[w as usize]));
        seg.offsets.push((s, e));
        seg.words.push(w);
    }
    Ok(seg)
}

/// Cuts a segment into windows of at most `max` wordpieces, at word starts where possible.
fn split_windows(seg: Segment, max: usize) -> Vec<Segment> {
    if seg.ids.len() <= max {
        return vec![seg];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < seg.ids.len() {
        let mut end = (start + max).min(seg.ids.len());
        if end < seg.ids.len() {
            // back off to the start of the word cut in two, unless that empties the window
            let mut e = end;
            while e > start + 1 && seg.words[e] == seg.words[e - 1] {
                e -= 1;
            }
            if e > start + 1 {
                end = e;
            }
        }
        out.push(Segment {
            ids: seg.ids[start..end].to_vec(),
            type_ids: seg.type_ids[start..end].to_vec(),
            offsets: seg.offsets[start..end].to_vec(),
            words: seg.words[start..end].to_vec(),
        });
        start = end;
    }
    out
}

/// Decodes one segment's scores into entities with offsets `base + …` into the input.
fn entities_of(text: &str, base: usize, seg: &Segment, log_probs: ndarray::ArrayView2<f32>, labels: &[Label]) -> Vec<Entity> {
    if log_probs.nrows() != seg.ids.len() {
        return Vec::new();
    }
    let path = decode(log_probs, labels);
    let tags: Vec<Label> = path.iter().map(|&j| labels[j]).collect();
    let mut out = Vec::new();
    for (first, last, kind) in chunks(&tags) {
        // widen to whole words: a word is never half inside an entity
        let mut a = first;
        while a > 0 && seg.words[a - 1] == seg.words[first] {
            a -= 1;
        }
        let mut z = last;
        while z < seg.words.len() && seg.words[z] == seg.words[last - 1] {
            z += 1;
        }
        let (start, mut end) = (seg.offsets[a].0, seg.offsets[z - 1].1);
        // a possessive left by stripped apostrophes ("State Department s") is not a name
        if text.get(start..end).is_some_and(|t| t.ends_with(" s") && t.len() > 2) {
            end -= 2;
        }
        let score = (first..last).map(|t| log_probs[[t, path[t]]].exp()).sum::<f32>() / (last - first) as f32;
        if let Some(mut e) = Entity::new(kind, text, start, end) {
            e.start += base;
            e.end += base;
            e.score = score;
            out.push(e);
        }
    }
    out
}

/// Words (a pre-tokenizer word's first wordpiece carries its tags) and chunks of one
/// segment, with offsets `base + …` into the input.
fn syntax_of(base: usize, seg: &Segment, (pos, chunk): &(Vec<i64>, Vec<i64>), labels: &SyntaxLabels) -> Syntax {
    if pos.len() != seg.ids.len() || chunk.len() != seg.ids.len() {
        return Syntax::default();
    }
    let mut words: Vec<Word> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    for (i, &(s, e)) in seg.offsets.iter().enumerate() {
        if i > 0 && seg.words[i] == seg.words[i - 1] {
            if let Some(w) = words.last_mut() {
                w.end = base + e;
            }
            continue;
        }
        let p = usize::try_from(pos[i]).ok().and_then(|j| labels.pos.get(j)).copied().unwrap_or(Pos::Sym);
        words.push(Word { start: base + s, end: base + e, pos: p });
        tags.push(usize::try_from(chunk[i]).ok().and_then(|j| labels.chunks.get(j)).map_or("O", String::as_str));
    }
    let chunks = iob_chunks(&tags)
        .into_iter()
        .filter_map(|(a, z, kind)| Some(Chunk { kind: Phrase::parse(&kind)?, start: words[a].start, end: words[z - 1].end }))
        .collect();
    Syntax { words, chunks }
}

/// The POS and chunk tag of each word of a space-joined sentence, from its syntax
/// (a word the model split takes the tags of its first part).
fn word_syntax(words: &[String], syntax: &Syntax) -> SentenceSyntax {
    let (mut pos, mut chunks) = (Vec::with_capacity(words.len()), Vec::with_capacity(words.len()));
    let mut at = 0;
    let mut prev: Option<usize> = None;
    for w in words {
        pos.push(syntax.word_at(at).map_or("SYM", |x| x.pos.as_str()).to_owned());
        let ci = syntax.chunks.partition_point(|c| c.end <= at);
        let tag = match syntax.chunks.get(ci).filter(|c| c.start <= at) {
            Some(c) => format!("{}-{}", if prev == Some(ci) { "I" } else { "B" }, c.kind.as_str()),
            None => "O".to_owned(),
        };
        prev = syntax.chunks.get(ci).filter(|c| c.start <= at).map(|_| ci);
        chunks.push(tag);
        at += w.len() + 1;
    }
    (pos, chunks)
}

/// One IOB2 tag per word of a space-joined sentence, from entities over it.
fn word_tags(words: &[String], ents: &[Entity]) -> Vec<String> {
    let mut tags = Vec::with_capacity(words.len());
    let mut pos = 0;
    for w in words {
        let (s, e) = (pos, pos + w.len());
        pos = e + 1;
        let tag = ents.iter().find(|x| x.start < e && s < x.end).map(|x| if x.start >= s { Label::B(x.kind) } else { Label::I(x.kind) });
        tags.push(tag.unwrap_or(Label::O).name());
    }
    tags
}

/// The model's labels by id, checked against the IOB2 scheme.
fn labels_of(config: &BertConfig, path: &Path) -> Result<Vec<Label>> {
    let id2label = config.id2label.as_ref().ok_or_else(|| Error::UnknownLabel { path: path.to_owned(), label: "(no id2label)".into() })?;
    let mut labels = vec![Label::O; id2label.len()];
    for (&id, name) in id2label {
        let label = Label::parse(name).ok_or_else(|| Error::UnknownLabel { path: path.to_owned(), label: name.clone() })?;
        let slot = usize::try_from(id)
            .ok()
            .and_then(|i| labels.get_mut(i))
            .ok_or_else(|| Error::UnknownLabel { path: path.to_owned(), label: format!("{id}: {name} (ids are not 0..n)") })?;
        *slot = label;
    }
    Ok(labels)
}

fn load_tokenizer(path: &Path) -> tokenizers::Result<Tokenizer> {
    let mut t = Tokenizer::from_file(path)?;
    t.with_truncation(None)?;
    t.with_padding(None);
    Ok(t)
}

fn special_ids(t: &Tokenizer) -> Option<(u32, u32)> {
    Some((t.token_to_id("[CLS]")?, t.token_to_id("[SEP]")?))
}

/// The environment variable that sets libtorch's intra-op threads (default: the
/// cores available). Several extractor processes on one machine (Spark's executors)
/// each take their share, or they oversubscribe the cores.
pub const THREADS_ENV: &str = "ATTRIBUTION_THREADS";

/// glibc's allocator returns every freed block above 128 KB to the kernel and maps
/// it again on the next forward pass: a fifth of the extractor's time went to page
/// faults and zeroing. Larger blocks up to 32 MB (a batch's activations) now stay in
/// the heap, and the heap is trimmed only above 256 MB. Process-wide and once; peak
/// memory measured unchanged (PolNeAR train: 495 MB either way), time −20%.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only sets allocator parameters; any value is allowed
            // (glibc refuses out-of-range ones and returns 0)
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
                libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
            }
        });
    }
}

/// Intra-op threads = `$ATTRIBUTION_THREADS`, else the cores available (the
/// engines' defaults can oversubscribe).
fn threads() -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    std::env::var(THREADS_ENV).ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(cores)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(words: &[u32]) -> Segment {
        Segment {
            ids: words.iter().map(|&w| i64::from(w)).collect(),
            type_ids: vec![0; words.len()],
            offsets: (0..words.len()).map(|i| (i, i + 1)).collect(),
            words: words.to_vec(),
        }
    }

    #[test]
    fn windows_cut_at_word_starts_and_lose_nothing() {
        let s = seg(&[0, 0, 1, 1, 1, 2, 3, 3]);
        let w = split_windows(s.clone(), 4);
        assert_eq!(w.iter().map(|x| x.words.clone()).collect::<Vec<_>>(), vec![vec![0, 0], vec![1, 1, 1, 2], vec![3, 3]]);
        let w = split_windows(seg(&[0, 0, 0, 0, 0, 0]), 4);
        assert_eq!(w.iter().map(|x| x.ids.len()).sum::<usize>(), 6);
        assert_eq!(split_windows(s.clone(), 100).len(), 1);
    }

    #[test]
    fn labels_take_the_layout_of_the_wordpieces() {
        let (a, b) = (seg(&[0, 1, 1]), seg(&[0]));
        let (ids, _, _, width) = pad_batch(&[&a, &b], 101, 102);
        assert_eq!(width, 5);
        assert_eq!(Vec::<i64>::try_from(ids).unwrap(), [101, 0, 1, 1, 102, 101, 0, 102, 0, 0]);
        let mut out = vec![7; 3];
        pad_labels(&[&a, &b], width, &[&[3, 4, 4], &[5]], &mut out);
        assert_eq!(out, [-100, 3, 4, 4, -100, -100, 5, -100, -100, -100]);
    }

    #[test]
    #[allow(clippy::type_complexity)] // a table of lengths and the rows expected
    fn short_segments_share_rows_first_fit_longest_first() {
        // (lengths with [CLS]/[SEP], row width, rows expected: indices into lengths)
        let table: &[(&[usize], usize, &[&[usize]])] = &[
            (&[], 128, &[]),
            (&[10, 20, 30], 128, &[&[2, 1, 0]]),
            (&[100, 60, 60], 128, &[&[1, 2], &[0]]),
            // a segment longer than the width has a row of its own
            (&[300, 5, 5], 128, &[&[0], &[1, 2]]),
            (&[300, 200, 90, 30], 128, &[&[0], &[1], &[2, 3]]),
            (&[50, 50, 50, 20], 64, &[&[0], &[1], &[2], &[3]]),
            (&[40, 30, 20, 10], 60, &[&[0, 2], &[1, 3]]),
        ];
        for (lens, width, want) in table {
            let want: Vec<Vec<usize>> = want.iter().map(|r| r.to_vec()).collect();
            assert_eq!(pack(lens, *width), want, "{lens:?} width {width}");
        }
        // every segment once, no row over its width, rows fullest first
        let lens: Vec<usize> = (0..200).map(|i| 3 + (i * 37) % 90).collect();
        let rows = pack(&lens, 128);
        let mut seen: Vec<usize> = rows.iter().flatten().copied().collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
        let fills: Vec<usize> = rows.iter().map(|r| r.iter().map(|&i| lens[i]).sum()).collect();
        assert!(fills.iter().all(|&f| f <= 128) && fills.windows(2).all(|w| w[0] >= w[1]), "{fills:?}");
        // the same rows as the plain first fit (the first row with room, longest first)
        let mut naive: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut order: Vec<usize> = (0..lens.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(lens[i]));
        for i in order {
            match naive.iter_mut().find(|(fill, _)| fill + lens[i] <= 128) {
                Some((fill, row)) => {
                    *fill += lens[i];
                    row.push(i);
                }
                None => naive.push((lens[i], vec![i])),
            }
        }
        naive.sort_by_key(|(fill, _)| std::cmp::Reverse(*fill));
        assert_eq!(rows, naive.into_iter().map(|(_, r)| r).collect::<Vec<_>>());
        let long: Vec<usize> = [200, 130, 129].into_iter().chain(lens.iter().copied()).collect();
        let rows = pack(&long, 128);
        assert!(rows.iter().all(|r| r.len() == 1 || r.iter().map(|&i| long[i]).sum::<usize>() <= 128), "{rows:?}");
    }

    #[test]
    fn packed_inputs_restart_positions_and_number_sequences() {
        let (a, b, c) = (seg(&[0, 1, 1]), seg(&[0]), seg(&[0, 1]));
        let (x, slots) = pack_inputs(&[vec![&a, &b], vec![&c]], 101, 102);
        assert_eq!((x.rows, x.width), (2, 8));
        assert_eq!(slots, [0, 5, 8]);
        assert_eq!(x.ids, [101, 0, 1, 1, 102, 101, 0, 102, 101, 0, 1, 102, 0, 0, 0, 0]);
        assert_eq!(x.seq, [1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0]);
        assert_eq!(x.positions, [0, 1, 2, 3, 4, 0, 1, 2, 0, 1, 2, 3, 0, 0, 0, 0]);
    }

    #[test]
    // (a table of lengths and the batches expected: one-range lists are the point)
    #[allow(clippy::single_range_in_vec_init, clippy::type_complexity)]
    fn batches_weigh_padding_against_passes() {
        assert_eq!(batches(&[], 50), Vec::<std::ops::Range<usize>>::new());
        // (lengths sorted longest first, overhead, batches)
        let table: &[(&[usize], usize, &[std::ops::Range<usize>])] = &[
            (&[10, 10, 10, 10], 50, &[0..4]),
            // no overhead: padding never pays
            (&[10, 7], 0, &[0..1, 1..2]),
            (&[10, 10, 7], 0, &[0..2, 2..3]),
            // 3 padded cells cost less than a pass of 50
            (&[10, 7], 50, &[0..2]),
            // 60 padded cells (a 64-long next to short ones) cost more than a pass of 50
            (&[64, 4, 4], 50, &[0..1, 1..3]),
            (&[64, 4, 4], 200, &[0..3]),
            // two clusters of lengths
            (&[40, 39, 38, 12, 11, 10], 20, &[0..3, 3..6]),
        ];
        for (lens, overhead, want) in table {
            assert_eq!(batches(lens, *overhead), want.to_vec(), "{lens:?} overhead {overhead}");
        }
        // the limits hold whatever the overhead
        for overhead in [0, 50, 10_000] {
            let lens = vec![5usize; 200];
            let b = batches(&lens, overhead);
            assert!(b.iter().all(|r| r.len() <= BATCH), "{overhead}");
            assert_eq!(b.iter().map(|r| r.len()).sum::<usize>(), 200);
            let long = vec![500usize; 20];
            let b = batches(&long, overhead);
            assert!(b.iter().all(|r| r.len() * 500 <= BATCH_TOKENS), "{b:?}");
        }
    }

    #[test]
    fn word_tags_from_entities() {
        let words: Vec<String> = ["Rex", "Tillerson", "met", "Zarif"].iter().map(|s| s.to_string()).collect();
        let text = words.join(" ");
        let ents = vec![
            Entity::new(crate::EntityKind::Person, &text, 0, 13).unwrap(),
            Entity::new(crate::EntityKind::Person, &text, 18, 23).unwrap(),
        ];
        assert_eq!(word_tags(&words, &ents), ["B-PER", "I-PER", "O", "B-PER"]);
    }
}
