//! Parameters learned from annotated news, for the decisions word lists cannot make:
//! a linear model over named features ([`LinearModel`]), where it came from
//! ([`Provenance`]), and the trainer that reproduces it ([`train`]).
//!
//! The crate ships two ([`Learned`]), rows of the rule table: where the content
//! after a cue ends ([`Rule::ContentEnd`](crate::Rule::ContentEnd)) and whether a
//! cue is speech here ([`Rule::Speech`](crate::Rule::Speech)), learned from
//! PolNeAR's train split by `scripts/learn.sh` and committed as
//! `models/content-end.json` and `models/speech.json` (derived numbers only: feature
//! names and weights, no article text). `models.toml` declares them (`[learned]`);
//! the heuristics alone ([`attribute`](crate::attribute)) use the copies built into
//! the crate. Provenance and figures: docs/learned.md.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A logistic model over binary named features: `p = σ(bias + Σ weight(f))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearModel {
    /// What it decides (`content_end`).
    pub task: String,
    /// The intercept.
    pub bias: f32,
    /// The probability at or above which the decision is taken.
    pub threshold: f32,
    /// Weight of each feature; a feature not listed weighs 0.
    pub weights: BTreeMap<String, f32>,
    /// What it was trained on, and how.
    pub provenance: Provenance,
}

/// Where a [`LinearModel`]'s numbers come from: enough to retrain it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The corpus (`networkdynamics/PolNeAR`).
    pub corpus: String,
    /// Its commit.
    pub commit: String,
    /// The split trained on (never dev or test).
    pub split: String,
    /// Articles read.
    pub articles: usize,
    /// How the articles were varied (`none`, or quotation marks stripped).
    pub augmentation: String,
    /// Training examples (candidates) and how many were positive.
    pub examples: usize,
    /// Positive examples.
    pub positives: usize,
    /// The feature templates, as documented in the step that reads them.
    pub features: String,
    /// Training: passes over the data, L2 weight, seed of the shuffle.
    pub epochs: usize,
    /// L2 regularisation per example.
    pub l2: f64,
    /// Seed of the example order.
    pub seed: u64,
}

impl LinearModel {
    /// Parses a model file's text; `origin` names it in errors.
    pub fn from_json(text: &str, origin: &Path) -> Result<LinearModel> {
        serde_json::from_str(text).map_err(|source| Error::Json { path: origin.to_owned(), source })
    }

    /// Reads a model file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<LinearModel> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        LinearModel::from_json(&text, path)
    }

    /// The probability of the decision given the features present.
    pub fn probability<S: AsRef<str>>(&self, features: &[S]) -> f32 {
        let z = self.bias + features.iter().filter_map(|f| self.weights.get(f.as_ref())).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Whether the decision is taken for these features.
    pub fn decides<S: AsRef<str>>(&self, features: &[S]) -> bool {
        self.probability(features) >= self.threshold
    }
}

/// The learned parameters the rules read: one model a learned row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Learned {
    /// Rule `content_end`: where the content after a cue ends.
    pub content_end: LinearModel,
    /// Rule `speech`: whether a cue is speech here (a claim is kept).
    pub speech: LinearModel,
}

impl Learned {
    /// The parameters built into the crate (`models/*.json`, the files the crate's
    /// `models.toml` declares).
    pub fn builtin() -> &'static Learned {
        static LEARNED: OnceLock<Learned> = OnceLock::new();
        LEARNED.get_or_init(|| {
            let parse = |text: &str, name: &str| {
                LinearModel::from_json(text, Path::new(name))
                    // the files are part of the crate and parsed by its tests
                    .unwrap_or_else(|e| unreachable!("the built-in {name} does not parse: {e}"))
            };
            Learned {
                content_end: parse(BUILTIN_CONTENT_END, "models/content-end.json"),
                speech: parse(BUILTIN_SPEECH, "models/speech.json"),
            }
        })
    }
}

/// One claim as the learned rules see it, for learning: its cue and content (byte
/// ranges into the article), each place the content may end (the byte where it
/// would end, and the features there, in text order) and the features rule
/// `speech` weighs.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Sample {
    /// The rule that found the claim.
    pub rule: crate::Rule,
    /// The cue.
    pub cue: std::ops::Range<usize>,
    /// The content as the rules before `content_end` found it (empty for a decline
    /// without a topic).
    pub content: std::ops::Range<usize>,
    /// Where it may end, and the features there.
    pub candidates: Vec<(usize, Vec<String>)>,
    /// What rule `speech` weighs to keep the claim.
    pub speech: Vec<String>,
}

/// The committed content-end parameters.
const BUILTIN_CONTENT_END: &str = include_str!("../models/content-end.json");

/// The committed speech parameters.
const BUILTIN_SPEECH: &str = include_str!("../models/speech.json");

/// A count as a feature value: classes that double (`0`, `1`, `2`, `3-4`, `5-8`,
/// `9-16`, `17+`), for the lengths the learned rows weigh.
pub(crate) fn length_class(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        _ => "17+",
    }
}

/// How [`train`] fits a model.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// L2 regularisation, per example and step.
    pub l2: f64,
    /// Initial step size (AdaGrad).
    pub rate: f64,
    /// Seed of the example order.
    pub seed: u64,
    /// Features seen in fewer examples are left out.
    pub min_count: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions { epochs: 20, l2: 0.01, rate: 0.1, seed: 13, min_count: 20 }
    }
}

/// Fits a logistic model to `(features, label)` examples with AdaGrad in a seeded
/// order: the same examples and options give the same numbers. Weights are rounded
/// to four decimals (the file stays small and diffs stay readable); those that
/// round to zero are left out.
pub fn train(examples: &[(Vec<String>, bool)], options: &TrainOptions) -> (f32, BTreeMap<String, f32>) {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (fs, _) in examples {
        for f in fs {
            *count.entry(f.as_str()).or_default() += 1;
        }
    }
    let index: BTreeMap<&str, usize> =
        count.iter().filter(|(_, &n)| n >= options.min_count).enumerate().map(|(i, (f, _))| (*f, i)).collect();
    let rows: Vec<(Vec<usize>, f64)> = examples
        .iter()
        .map(|(fs, y)| {
            let mut ix: Vec<usize> = fs.iter().filter_map(|f| index.get(f.as_str()).copied()).collect();
            ix.sort_unstable();
            ix.dedup();
            (ix, if *y { 1.0 } else { 0.0 })
        })
        .collect();
    let n = index.len();
    let (mut w, mut g2) = (vec![0.0f64; n + 1], vec![1e-8f64; n + 1]);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut state = options.seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for _ in 0..options.epochs {
        // Fisher-Yates with a 64-bit LCG: the order depends on the seed alone
        for i in (1..order.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        for &r in &order {
            let (ix, y) = &rows[r];
            let z = w[n] + ix.iter().map(|&i| w[i]).sum::<f64>();
            let g = 1.0 / (1.0 + (-z).exp()) - y;
            for &i in ix.iter().chain(std::iter::once(&n)) {
                let gi = g + if i == n { 0.0 } else { options.l2 * w[i] };
                g2[i] += gi * gi;
                w[i] -= options.rate * gi / g2[i].sqrt();
            }
        }
    }
    let round = |x: f64| ((x * 1e4).round() / 1e4) as f32;
    let weights = index.iter().map(|(f, &i)| ((*f).to_owned(), round(w[i]))).filter(|(_, x)| *x != 0.0).collect();
    (round(w[n]), weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(fs: &[&str], y: bool) -> (Vec<String>, bool) {
        (fs.iter().map(|s| (*s).to_owned()).collect(), y)
    }

    #[test]
    fn training_separates_what_the_features_separate_and_is_reproducible() {
        let mut data = Vec::new();
        for i in 0..40 {
            data.push(ex(&["b:,", "n1:as", if i % 2 == 0 { "k:0" } else { "k:1" }], true));
            data.push(ex(&["b:,", "n1:the", if i % 2 == 0 { "k:0" } else { "k:1" }], false));
        }
        let opts = TrainOptions::default();
        let (bias, weights) = train(&data, &opts);
        let model = LinearModel { task: "t".into(), bias, threshold: 0.5, weights: weights.clone(), provenance: Provenance::default() };
        assert!(model.decides(&["b:,", "n1:as"]));
        assert!(!model.decides(&["b:,", "n1:the"]));
        assert!(model.weights["n1:as"] > 0.0 && model.weights["n1:the"] < 0.0);
        // the same data and seed give the same numbers
        assert_eq!(train(&data, &opts), (bias, weights));
        // a feature seen fewer than min_count times gets no weight
        data.push(ex(&["rare"], true));
        assert!(!train(&data, &opts).1.contains_key("rare"));
    }

    #[test]
    fn the_built_in_model_parses_and_says_where_it_came_from() {
        let l = Learned::builtin();
        for (m, task) in [(&l.content_end, "content_end"), (&l.speech, "speech")] {
            assert_eq!(m.task, task);
            assert_eq!(m.provenance.split, "train");
            assert!(m.provenance.articles > 0 && !m.weights.is_empty());
            assert!(m.threshold > 0.0 && m.threshold < 1.0);
        }
    }
}
