//! Where a model's time goes ([`Profile`]): seconds per stage and the shapes of its
//! batches, summed over calls.

use serde::Serialize;

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
    /// Adds the counters of `other` (one call) to these.
    pub(super) fn add(&mut self, other: &Profile) {
        self.calls += other.calls;
        self.batches += other.batches;
        self.sequences += other.sequences;
        self.rows += other.rows;
        self.wordpieces += other.wordpieces;
        self.padded += other.padded;
        self.tokenize_s += other.tokenize_s;
        self.inputs_s += other.inputs_s;
        self.forward_s += other.forward_s;
        self.decode_s += other.decode_s;
    }
}
