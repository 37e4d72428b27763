//! The heuristics entry points on arbitrary text, entity lists and POS/chunk tags:
//! no panic, and every span a slice of the input on char boundaries.
#![no_main]

use attribution::syntax::{Chunk, Phrase, Pos, Syntax, Word};
use attribution::{attribute, attribute_with_syntax, Entity, EntityKind};
use libfuzzer_sys::fuzz_target;

// the integration tests' span checks: every span a slice on char boundaries, no blank name
#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // the last bytes (if any) pick entity ranges; the rest is the text
    let split = data.len().saturating_sub(data.len() / 8);
    let text = String::from_utf8_lossy(&data[..split]);
    let text: &str = &text;
    let mut ents = Vec::new();
    for ch in data[split..].chunks(3) {
        if let [a, b, k] = *ch {
            let n = text.len().max(1);
            let (s, e) = ((a as usize * n) / 256, (b as usize * n) / 256);
            let kind = EntityKind::ALL[k as usize % 4];
            // raw, possibly invalid ranges (inverted when k is odd, off char boundaries
            // at times): they must be ignored, not trusted; the text they cover, or
            // some other text, as a caller might send
            let (start, end) = if k % 2 == 1 { (s.max(e), s.min(e)) } else { (s.min(e), s.max(e)) };
            let covered = text.get(start..end).unwrap_or("Name").to_owned();
            ents.push(Entity { kind, start, end, text: covered, score: 1.0 });
        }
    }
    // tags for every whitespace-separated word, picked by the text's own bytes: any
    // tagging a model might give, chunks over runs of words
    let mut syntax = Syntax::default();
    let mut at = 0;
    for (i, w) in text.split(char::is_whitespace).enumerate() {
        let (start, end) = (at, at + w.len());
        at = end + text[end..].chars().next().map_or(0, char::len_utf8);
        if w.is_empty() {
            continue;
        }
        let b = data.get(i % data.len().max(1)).copied().unwrap_or(0) as usize;
        syntax.words.push(Word { start, end, pos: Pos::ALL[b % Pos::ALL.len()] });
        let kind = Phrase::ALL[(b / 7) % Phrase::ALL.len()];
        match syntax.chunks.last_mut() {
            Some(c) if b % 3 == 0 && c.kind == kind => c.end = end,
            _ => syntax.chunks.push(Chunk { kind, start, end }),
        }
    }
    let mut claims = attribute(text, &ents);
    claims.extend(attribute_with_syntax(text, &ents, &syntax));
    for c in &claims {
        common::check_spans(text, c);
    }
});
