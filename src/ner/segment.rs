//! Text into wordpieces: the tokenizer, the segments it makes (wordpieces with byte
//! offsets and casing type ids), and windows of segments longer than the model takes.

use std::path::Path;

use tokenizers::Tokenizer;

use crate::error::{Error, Result};

/// Most wordpieces in one forward pass, `[CLS]` and `[SEP]` included.
pub(super) const MAX_TOKENS: usize = 512;

/// One stretch of text to tag, tokenized: wordpieces with byte offsets into the text.
#[derive(Debug, Clone, Default)]
pub(super) struct Segment {
    pub(super) ids: Vec<i64>,
    pub(super) type_ids: Vec<i64>,
    /// Byte range of each wordpiece, relative to the segment's text.
    pub(super) offsets: Vec<(usize, usize)>,
    /// Index of the pre-tokenizer word each wordpiece belongs to.
    pub(super) words: Vec<u32>,
}

/// A model's tokenizer and what its inputs take from it.
pub(super) struct Wordpieces {
    pub(super) tokenizer: Tokenizer,
    /// Token type 1 marks the wordpieces of capitalized words ([`encode`]).
    pub(super) casing: bool,
    pub(super) cls: u32,
    pub(super) sep: u32,
}

impl Wordpieces {
    /// `None` when the tokenizer has no `[CLS]` or no `[SEP]` token.
    pub(super) fn new(tokenizer: Tokenizer, casing: bool) -> Option<Wordpieces> {
        let (cls, sep) = (tokenizer.token_to_id("[CLS]")?, tokenizer.token_to_id("[SEP]")?);
        Some(Wordpieces { tokenizer, casing, cls, sep })
    }

    /// `text` as one segment, without special tokens ([`encode`]).
    pub(super) fn encode(&self, text: &str) -> Result<Segment> {
        encode(&self.tokenizer, text, self.casing)
    }
}

/// A `tokenizer.json`, without truncation or padding (windows and batches do that).
pub(super) fn load_tokenizer(path: &Path) -> tokenizers::Result<Tokenizer> {
    let mut t = Tokenizer::from_file(path)?;
    t.with_truncation(None)?;
    t.with_padding(None);
    Ok(t)
}

/// Tokenizes `text` without special tokens; token type 1 marks wordpieces of words
/// that start with an upper-case letter when `casing` is on.
fn encode(tokenizer: &Tokenizer, text: &str, casing: bool) -> Result<Segment> {
    let encoding = tokenizer.encode(text, false).map_err(Error::Tokenizer)?;
    let mut seg = Segment::default();
    let mut capitalized: Vec<bool> = Vec::new(); // by word
    for ((&id, &(s, e)), w) in encoding.get_ids().iter().zip(encoding.get_offsets()).zip(encoding.get_word_ids()) {
        let w = w.unwrap_or(0);
        if capitalized.len() <= w as usize {
            let cap = text.get(s..).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase);
            capitalized.resize(w as usize + 1, cap);
        }
        seg.ids.push(i64::from(id));
        seg.type_ids.push(i64::from(casing && capitalized[w as usize]));
        seg.offsets.push((s, e));
        seg.words.push(w);
    }
    Ok(seg)
}

/// Cuts a segment into windows of at most `max` wordpieces, at word starts where possible.
pub(super) fn split_windows(seg: Segment, max: usize) -> Vec<Segment> {
    if seg.ids.len() <= max {
        return vec![seg];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < seg.ids.len() {
        let mut end = (start + max).min(seg.ids.len());
        if end < seg.ids.len() {
            // back off to the start of the word cut in two, unless that empties the window
            let mut word_start = end;
            while word_start > start + 1 && seg.words[word_start] == seg.words[word_start - 1] {
                word_start -= 1;
            }
            if word_start > start + 1 {
                end = word_start;
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

/// A segment of the given word ids, one wordpiece a byte, for tests.
#[cfg(test)]
pub(super) fn test_segment(words: &[u32]) -> Segment {
    Segment {
        ids: words.iter().map(|&w| i64::from(w)).collect(),
        type_ids: vec![0; words.len()],
        offsets: (0..words.len()).map(|i| (i, i + 1)).collect(),
        words: words.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cut_at_word_starts_and_lose_nothing() {
        let s = test_segment(&[0, 0, 1, 1, 1, 2, 3, 3]);
        let w = split_windows(s.clone(), 4);
        assert_eq!(w.iter().map(|x| x.words.clone()).collect::<Vec<_>>(), vec![vec![0, 0], vec![1, 1, 1, 2], vec![3, 3]]);
        let w = split_windows(test_segment(&[0, 0, 0, 0, 0, 0]), 4);
        assert_eq!(w.iter().map(|x| x.ids.len()).sum::<usize>(), 6);
        assert_eq!(split_windows(s.clone(), 100).len(), 1);
    }
}
