//! Byte spans into the caller's text.

use serde::{Deserialize, Serialize};

/// A stretch of the input: `start..end` are **byte** offsets into the text that was
/// given to the extractor (always on `char` boundaries), and `text` is that slice.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// `&input[start..end]`.
    pub text: String,
}

impl Span {
    /// The span `start..end` of `text`, or `None` when the range is empty, out of
    /// bounds or not on `char` boundaries.
    pub fn of(text: &str, start: usize, end: usize) -> Option<Span> {
        let slice = text.get(start..end)?;
        (start < end).then(|| Span { start, end, text: slice.to_owned() })
    }

    /// Like [`Span::of`], but an empty range gives an empty span.
    pub fn of_maybe_empty(text: &str, start: usize, end: usize) -> Option<Span> {
        let slice = text.get(start..end)?;
        Some(Span { start, end, text: slice.to_owned() })
    }

    /// The span's byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}
