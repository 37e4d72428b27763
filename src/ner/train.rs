//! Fine-tuning a token classifier on CoNLL data, in Rust through tch: the
//! encoder's weights, new heads, the training loop, the epoch with the best
//! validation F1 written as a model directory.

use std::path::Path;
use std::time::Instant;

use rust_bert::bert::BertConfig;
use serde::Serialize;
use tch::nn::OptimizerConfig;
use tch::{nn, Device, Reduction, Tensor};

use super::batch::{pad_batch, pad_labels};
use super::engine::{threads, Tagger, TorchNet};
use super::model_dir::{SyntaxLabels, CASING_KEY, CONFIG, TOKENIZER, WEIGHTS};
use super::segment::{load_tokenizer, split_windows, Segment, Wordpieces, MAX_TOKENS};
use super::NerModel;
use crate::conll::{evaluate_entities, evaluate_syntax, read_conll, ConllSentence, EntityScores, SyntaxScores};
use crate::error::{Error, Result};
use crate::labels::Label;
use crate::models::Recipe;

/// Progress of a training run, for a progress bar.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum TrainEvent {
    /// The data is encoded; `steps` optimiser steps will follow.
    Start {
        /// Total optimiser steps.
        steps: usize,
        /// Training sentences.
        sentences: usize,
    },
    /// One optimiser step done.
    Step {
        /// Steps done so far.
        step: usize,
        /// Current epoch (1-based).
        epoch: usize,
        /// Running mean of the loss over this epoch.
        loss: f64,
    },
    /// An epoch ended and was scored on the validation set.
    Epoch(EpochReport),
}

/// One epoch's figures.
#[derive(Clone, Debug, Serialize)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss.
    pub loss: f64,
    /// Entity F1 on the validation set.
    pub valid_f1: f64,
    /// Wall-clock seconds since training started.
    pub seconds: f64,
}

/// The result of a training run.
#[derive(Clone, Debug, Serialize)]
pub struct TrainReport {
    /// Per-epoch figures.
    pub epochs: Vec<EpochReport>,
    /// The epoch kept (best validation F1).
    pub best_epoch: usize,
    /// Scores of the kept model on the test set.
    pub test: EntityScores,
    /// POS and chunk scores of the kept model on the test set (a syntax recipe).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_syntax: Option<SyntaxScores>,
    /// Training wall-clock minutes, evaluation included.
    pub minutes: f64,
}

impl TrainReport {
    /// The report as a person reads it: the kept epoch and minutes, then a Markdown
    /// table of test precision, recall and F1 per entity type (and the POS and chunk
    /// scores of a syntax recipe).
    pub fn summary(&self, name: &str) -> String {
        let mut out = format!("model `{name}`: best epoch {}, {:.1} minutes\n", self.best_epoch, self.minutes);
        out.push_str("| type | precision | recall | F1 |\n|---|---|---|---|\n");
        for (k, s) in &self.test.per_kind {
            out.push_str(&format!("| {} | {:.4} | {:.4} | {:.4} |\n", k.tag(), s.precision(), s.recall(), s.f1()));
        }
        let o = self.test.overall;
        out.push_str(&format!("| overall | {:.4} | {:.4} | {:.4} |\n", o.precision(), o.recall(), o.f1()));
        if let Some(syn) = &self.test_syntax {
            out.push_str(&format!("POS accuracy {:.4}, chunk F1 {:.4} (CoNLL-2003 test)\n", syn.pos_accuracy(), syn.chunks.f1()));
        }
        out
    }
}

/// One encoded training sentence: entity labels on every wordpiece; POS and chunk
/// labels on the first wordpiece of each word (-100 elsewhere, or everywhere without
/// a syntax recipe).
struct Example {
    seg: Segment,
    labels: Vec<i64>,
    pos: Vec<i64>,
    chunks: Vec<i64>,
}

/// Fine-tunes `encoder_dir` (a BERT `config.json`, `tokenizer.json`,
/// `model.safetensors`) on `data_dir/{train,valid,test}.txt`, keeps the epoch with
/// the best validation F1, scores it on test and writes a model directory to
/// `out_dir`. With `recipe.syntax`, POS and chunk heads are trained beside the entity
/// head on the same encoder (the three losses summed). Deterministic for a given recipe.
pub fn train(
    encoder_dir: &Path,
    data_dir: &Path,
    recipe: &Recipe,
    out_dir: &Path,
    on_event: &mut dyn FnMut(TrainEvent),
) -> Result<TrainReport> {
    let started = Instant::now();
    tch::manual_seed(recipe.seed as i64);
    tch::set_num_threads(threads() as i32);
    let read = |split: &str| read_conll(&data_dir.join(format!("{split}.txt")));
    let (train_set, valid_set, test_set) = (read("train")?, read("valid")?, read("test")?);
    let labels = Label::all();
    let syntax = recipe.syntax.then(SyntaxLabels::all);

    // Config: the encoder's, with the label set and our casing flag.
    let encoder_config = encoder_dir.join(CONFIG);
    let raw = std::fs::read_to_string(&encoder_config).map_err(|e| Error::io(&encoder_config, e))?;
    let mut json: serde_json::Value = serde_json::from_str(&raw).map_err(|source| Error::Json { path: encoder_config.clone(), source })?;
    let id2label: serde_json::Map<String, serde_json::Value> =
        labels.iter().enumerate().map(|(i, l)| (i.to_string(), l.name().into())).collect();
    let label2id: serde_json::Map<String, serde_json::Value> = labels.iter().enumerate().map(|(i, l)| (l.name(), i.into())).collect();
    if let Some(obj) = json.as_object_mut() {
        obj.insert("architectures".into(), serde_json::json!(["BertForTokenClassification"]));
        obj.insert("id2label".into(), id2label.into());
        obj.insert("label2id".into(), label2id.into());
        obj.insert(CASING_KEY.into(), recipe.casing.into());
    }
    if let Some(s) = &syntax {
        s.write_to(&mut json);
    }
    let config: BertConfig = serde_json::from_value(json.clone()).map_err(|source| Error::Json { path: encoder_config.clone(), source })?;

    let tokenizer_path = encoder_dir.join(TOKENIZER);
    let tokenizer = load_tokenizer(&tokenizer_path)
        .map_err(|e| crate::cache::corrupt(encoder_dir, TOKENIZER, e.to_string(), "reinstall the encoder package"))?;
    let wordpieces = Wordpieces::new(tokenizer, recipe.casing)
        .ok_or_else(|| crate::cache::corrupt(encoder_dir, TOKENIZER, "no [CLS]/[SEP]".into(), "reinstall the encoder package"))?;

    let vs = nn::VarStore::new(Device::Cpu);
    let tagger = Tagger::new(vs.root(), &config, labels.len(), syntax.as_ref());
    load_encoder(&vs, &encoder_dir.join(WEIGHTS))?;
    if recipe.freeze_word_embeddings {
        // libtorch's AdamW skips a tensor without a gradient (no update, no decay)
        if let Some(v) = vs.variables().get(WORD_EMBEDDINGS) {
            let _ = v.set_requires_grad(false);
        }
    }

    let examples: Vec<Example> =
        train_set.iter().map(|s| encode_example(&wordpieces, s, &labels, syntax.as_ref())).collect::<Result<_>>()?;

    let batches_per_epoch = examples.len().div_ceil(recipe.batch_size);
    let total_steps = batches_per_epoch * recipe.epochs;
    let warmup_steps = ((total_steps as f64) * recipe.warmup).round() as usize;
    on_event(TrainEvent::Start { steps: total_steps, sentences: examples.len() });

    let mut opt = nn::AdamW { wd: recipe.weight_decay, ..Default::default() }.build(&vs, recipe.learning_rate)?;
    let ner = NerModel::in_training(TorchNet { vs, tagger }, wordpieces, labels.clone(), syntax.clone(), out_dir);
    let (cls, sep) = (ner.wordpieces().cls, ner.wordpieces().sep);
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let best_path = out_dir.join(WEIGHTS);
    let mut rng = SplitMix(recipe.seed);
    let mut step = 0;
    let mut reports: Vec<EpochReport> = Vec::new();
    let mut best = (0usize, f64::NEG_INFINITY);
    let (mut label_buf, mut pos_buf, mut chunk_buf) = (Vec::new(), Vec::new(), Vec::new());
    for epoch in 1..=recipe.epochs {
        let batches = epoch_batches(&examples, recipe.batch_size, &mut rng);
        let (mut loss_sum, mut steps_in_epoch) = (0.0, 0usize);
        for batch in batches {
            step += 1;
            let lr = if step <= warmup_steps {
                recipe.learning_rate * step as f64 / warmup_steps.max(1) as f64
            } else {
                recipe.learning_rate * (total_steps - step) as f64 / (total_steps - warmup_steps).max(1) as f64
            };
            opt.set_lr(lr);
            let segs: Vec<&Segment> = batch.iter().map(|&i| &examples[i].seg).collect();
            let batch_labels: Vec<&[i64]> = batch.iter().map(|&i| examples[i].labels.as_slice()).collect();
            let (ids, mask, types, width) = pad_batch(&segs, cls, sep);
            pad_labels(&segs, width, &batch_labels, &mut label_buf);
            let rows = segs.len() as i64;
            let cross_entropy = |logits: &Tensor, target: &[i64]| {
                let n = logits.size().last().copied().unwrap_or(1);
                logits.view([-1, n]).cross_entropy_loss::<Tensor>(&Tensor::from_slice(target), None, Reduction::Mean, -100, 0.0)
            };
            let loss = ner.with_torch(|net| {
                let shape = [rows, width];
                let out = net.tagger.forward_t(&ids.view(shape), &mask.view(shape), &types.view(shape), None, true)?;
                let mut loss = cross_entropy(&out.ner, &label_buf);
                if let (Some(p), Some(c)) = (&out.pos, &out.chunk) {
                    let pos: Vec<&[i64]> = batch.iter().map(|&i| examples[i].pos.as_slice()).collect();
                    let chunks: Vec<&[i64]> = batch.iter().map(|&i| examples[i].chunks.as_slice()).collect();
                    pad_labels(&segs, width, &pos, &mut pos_buf);
                    pad_labels(&segs, width, &chunks, &mut chunk_buf);
                    loss += (cross_entropy(p, &pos_buf) + cross_entropy(c, &chunk_buf)) * recipe.syntax_weight.unwrap_or(1.0);
                }
                Ok(loss)
            })?;
            opt.zero_grad();
            loss.backward();
            opt.clip_grad_norm(1.0);
            opt.step();
            loss_sum += loss.double_value(&[]);
            steps_in_epoch += 1;
            on_event(TrainEvent::Step { step, epoch, loss: loss_sum / steps_in_epoch as f64 });
        }
        let valid_f1 = evaluate_entities(&ner, &valid_set)?.overall.f1();
        let loss = loss_sum / steps_in_epoch.max(1) as f64;
        let report = EpochReport { epoch, loss, valid_f1, seconds: started.elapsed().as_secs_f64() };
        on_event(TrainEvent::Epoch(report.clone()));
        reports.push(report);
        if valid_f1 > best.1 {
            best = (epoch, valid_f1);
            ner.with_torch(|net| Ok(net.vs.save(&best_path)?))?;
        }
    }
    // Keep the best epoch, score it on test, write config + tokenizer beside it.
    ner.with_torch(|net| Ok(net.vs.load(&best_path)?))?;
    let test = evaluate_entities(&ner, &test_set)?;
    let test_syntax = evaluate_syntax(&ner, &test_set)?;
    let config_out = out_dir.join(CONFIG);
    let pretty = serde_json::to_string_pretty(&json).map_err(|source| Error::Json { path: config_out.clone(), source })?;
    std::fs::write(&config_out, pretty).map_err(|e| Error::io(&config_out, e))?;
    let tokenizer_out = out_dir.join(TOKENIZER);
    ner.wordpieces()
        .tokenizer
        .save(&tokenizer_out, false)
        .map_err(|e| crate::cache::corrupt(out_dir, TOKENIZER, e.to_string(), "check the disk"))?;
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    Ok(TrainReport { epochs: reports, best_epoch: best.0, test, test_syntax, minutes })
}

/// The encoder's word-embedding matrix, as the model's variables name it.
const WORD_EMBEDDINGS: &str = "bert.embeddings.word_embeddings.weight";

/// Copies the encoder's weights (names without the `bert.` prefix) into the model.
fn load_encoder(vs: &nn::VarStore, path: &Path) -> Result<()> {
    let (dir, file) = (path.parent().unwrap_or(Path::new(".")), path.file_name().unwrap_or_default().to_string_lossy());
    let corrupt = |reason: String| crate::cache::corrupt(dir, &file, reason, "reinstall the encoder package (bash scripts/setup.sh)");
    let tensors = Tensor::read_safetensors(path).map_err(|e| corrupt(e.to_string()))?;
    let mut vars = vs.variables();
    let mut loaded = 0;
    tch::no_grad(|| {
        for (name, t) in &tensors {
            let key = format!("bert.{name}");
            if let Some(v) = vars.get_mut(&key) {
                if v.size() == t.size() {
                    v.copy_(&t.to_kind(v.kind()));
                    loaded += 1;
                }
            }
        }
    });
    let expected = vars.keys().filter(|k| k.starts_with("bert.")).count();
    if loaded != expected {
        return Err(corrupt(format!("{loaded} of {expected} encoder tensors matched")));
    }
    Ok(())
}

/// Encodes a CoNLL sentence: every wordpiece gets an entity label, the first of a
/// word the word's label, the rest `I-X` inside an entity and `O` outside. With
/// syntax labels, the first wordpiece of every pre-tokenizer word gets a POS and a
/// chunk label: its CoNLL word's, a chunk's `I-` when it continues a CoNLL word the
/// tokenizer split (`U.S.`), so that inference can tag every word it sees.
fn encode_example(wordpieces: &Wordpieces, s: &ConllSentence, labels: &[Label], syntax: Option<&SyntaxLabels>) -> Result<Example> {
    let text = s.words.join(" ");
    let mut starts = Vec::with_capacity(s.words.len());
    let mut pos = 0;
    for w in &s.words {
        starts.push(pos);
        pos += w.len() + 1;
    }
    let mut seg = wordpieces.encode(&text)?;
    let max = MAX_TOKENS - 2;
    if seg.ids.len() > max {
        // a sentence longer than the model takes trains on its first window
        seg = split_windows(seg, max).swap_remove(0);
    }
    let id_of = |l: Label| labels.iter().position(|&x| x == l).unwrap_or(0) as i64;
    let mut prev_word = usize::MAX;
    let piece_labels = seg
        .offsets
        .iter()
        .map(|&(st, _)| {
            let w = starts.partition_point(|&x| x <= st).saturating_sub(1);
            let tag = s.tags.get(w).and_then(|t| Label::parse(t)).unwrap_or(Label::O);
            let l = if w != prev_word {
                tag
            } else {
                match tag {
                    Label::B(k) | Label::I(k) => Label::I(k),
                    Label::O => Label::O,
                }
            };
            prev_word = w;
            id_of(l)
        })
        .collect();
    let (mut pos, mut chunks) = (vec![-100i64; seg.ids.len()], vec![-100i64; seg.ids.len()]);
    if let Some(syntax_labels) = syntax.filter(|_| s.pos.len() == s.words.len() && s.chunks.len() == s.words.len()) {
        for (i, &(st, _)) in seg.offsets.iter().enumerate() {
            if i > 0 && seg.words[i] == seg.words[i - 1] {
                continue;
            }
            let w = starts.partition_point(|&x| x <= st).saturating_sub(1);
            let continues = starts[w] != st;
            if let Some(p) = crate::syntax::Pos::parse(&s.pos[w]) {
                pos[i] = syntax_labels.pos.iter().position(|&x| x == p).map_or(-100, |j| j as i64);
            }
            let tag = match s.chunks[w].split_once('-') {
                Some((_, kind)) if continues => format!("I-{kind}"),
                _ => s.chunks[w].clone(),
            };
            chunks[i] = syntax_labels.chunks.iter().position(|x| *x == tag).map_or(-100, |j| j as i64);
        }
    }
    Ok(Example { seg, labels: piece_labels, pos, chunks })
}

/// This epoch's batches: shuffled, then grouped by length within pools of 50
/// batches (little padding, still random), in shuffled order.
fn epoch_batches(examples: &[Example], batch: usize, rng: &mut SplitMix) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    rng.shuffle(&mut order);
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for pool in order.chunks_mut(batch * 50) {
        pool.sort_by_key(|&i| examples[i].seg.ids.len());
        batches.extend(pool.chunks(batch).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut batches);
    batches
}

/// A small deterministic generator (SplitMix64) for batch order.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
