//! Cues → claims: the content and speaker mention of every reporting cue. Pure
//! functions over the text, its tokens and quotation marks.
//!
//! [`raw_claims`] reads a sentence at a time and dispatches each cue by where its
//! content stands; one file per rule family:
//!
//! | file | rules |
//! |---|---|
//! | [`sentence`] | the sentence being read (`Ctx`): tokens, quotations, bounds of contents |
//! | [`trailing`] | content before the cue: `Y, X said.` / `“Y,” said X.` / `Y said the official.` |
//! | [`leading`] | content after the cue: `X said (that) Y`, participles, declines |
//! | [`according`] | speaker after a preposition: `according to X`, `rejected by X` |
//! | [`speaker`] | speaker mentions: left of the cue, right of it, the clause subject |
//! | [`tails`] | what stands between a cue and its content: `told Reuters`, `on Friday`, `in a statement` |
//! | [`continued`] | quotations that continue a claim past its cue: `“A,” X said. “B.”` |
//!
//! Word lists live in [`crate::lexicon`].

use std::ops::Range;

use crate::claim::{QuoteKind, Stance};
use crate::cues::find_cues;
use crate::syntax::Syntax;
use crate::text::quotes::Quote;
use crate::text::tokens::Tok;

mod according;
mod continued;
mod leading;
mod sentence;
mod speaker;
mod tails;
mod trailing;

use sentence::Ctx;

/// A claim before speaker resolution: byte ranges into the text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawClaim {
    pub(crate) speaker: Range<usize>,
    pub(crate) cue: Range<usize>,
    pub(crate) content: Option<Range<usize>>,
    pub(crate) stance: Stance,
    pub(crate) quote: QuoteKind,
    /// For a relative pronoun speaker (`X, who said ...`), the mention it stands for.
    pub(crate) relative_to: Option<Range<usize>>,
}

/// Extracts raw claims: sentence by sentence, the cues and, for each, its speaker
/// mention and content. Nested reports (a cue inside another claim's content) are
/// dropped. `syntax` (possibly empty) holds the model's POS tags and chunks where it
/// tagged; the rules read phrases there and word shapes elsewhere.
pub(crate) fn raw_claims(text: &str, toks: &[Tok], sentences: &[Range<usize>], quotes: &[Quote], syntax: &Syntax) -> Vec<RawClaim> {
    let doc_quotes = crate::text::quotes::has_quote_marks(text);
    // quotes are sorted and disjoint: the one that may hold a token is found by bisection
    let in_quote = |t: &Tok| {
        let i = quotes.partition_point(|q| q.inner.start <= t.start);
        i > 0 && t.end <= quotes[i - 1].inner.end
    };
    let mut out: Vec<RawClaim> = Vec::new();
    // second claims of cues with content on both sides, kept while their first is
    let mut seconds: Vec<RawClaim> = Vec::new();
    for s in sentences {
        let lo = toks.partition_point(|t| t.start < s.start);
        let hi = toks.partition_point(|t| t.start < s.end);
        if lo >= hi {
            continue;
        }
        let ctx = Ctx::new(text, toks, quotes, (lo, hi), doc_quotes, syntax);
        let cues = find_cues(toks, lo, hi, &in_quote);
        let bounds = ctx.content_bounds(&cues);
        let mut claims: Vec<RawClaim> = Vec::new();
        let mut consumed = vec![false; cues.len()];
        let mut continuing: Vec<RawClaim> = Vec::new();
        // 1. Cues that close their content: "Y, X said." / "Y, said X." / "Y, X said, Z",
        //    right to left; cues inside such content are nested and left alone.
        for k in (0..cues.len()).rev() {
            let cue = &cues[k];
            let covered = claims
                .iter()
                .any(|c| c.content.as_ref().is_some_and(|r| r.start <= toks[cue.first].start && toks[cue.last - 1].end <= r.end));
            if covered {
                continue;
            }
            if let Some(c) = ctx.trailing(cue, cues.get(k + 1).map(|d| d.first)) {
                consumed[k] = true;
                // "Y, X said, Z": Z is a second claim of the same source and cue
                if let Some(z) = ctx.continuation(&c, cues.get(k + 1).map(|d| d.first)) {
                    let quote = ctx.quote_kind(&z);
                    continuing.push(RawClaim { content: Some(z), quote, ..c.clone() });
                }
                claims.push(c);
            }
        }
        // 2. Cues with their content after them, left to right.
        for (k, cue) in cues.iter().enumerate() {
            if consumed[k] {
                continue;
            }
            if let Some(c) = ctx.leading(cue, bounds.bound(&cues, k), &claims) {
                claims.push(c);
            }
        }
        out.extend(claims);
        seconds.extend(continuing);
    }
    // "X, citing Y, reported Z": Y's claim is the same report, one level down.
    let mut cited = Vec::new();
    for c in &out {
        let Some(content) = &c.content else { continue };
        let at = toks.partition_point(|t| t.start < c.cue.start);
        // walk back from the cue over "Y ," to "citing"
        let Some(comma) = at.checked_sub(1).filter(|&j| toks[j].lower == ",") else { continue };
        let Some(citing) = (comma.saturating_sub(15)..comma).rev().find(|&j| toks[j].lower == "citing") else { continue };
        if citing == 0 || toks[citing - 1].lower != "," || (citing + 1..comma).any(|j| toks[j].lower == ",") {
            continue;
        }
        if citing + 1 < comma {
            cited.push(RawClaim {
                speaker: toks[citing + 1].start..toks[comma - 1].end,
                cue: toks[citing].start..toks[citing].end,
                content: Some(content.clone()),
                stance: Stance::Assert,
                quote: c.quote,
                relative_to: None,
            });
        }
    }
    out.extend(cited);
    // Nested reports: a cue inside another claim's content is that claim's business.
    // (A claim's content never holds its own cue.) Contents sorted by start, with the
    // running maximum of their ends, answer "is this cue inside any content?".
    let mut contents: Vec<Range<usize>> = out.iter().filter_map(|c| c.content.clone()).collect();
    contents.sort_by_key(|r| r.start);
    let mut reach = Vec::with_capacity(contents.len());
    let mut m = 0;
    for r in &contents {
        m = m.max(r.end);
        reach.push(m);
    }
    out.retain(|c| {
        let i = contents.partition_point(|r| r.start <= c.cue.start);
        !(i > 0 && reach[i - 1] >= c.cue.end)
    });
    out.sort_by_key(|c| (c.cue.start, c.cue.end));
    out.dedup_by(|a, b| a.cue == b.cue);
    seconds.retain(|z| {
        let i = out.partition_point(|c| c.cue.start < z.cue.start);
        out.get(i).is_some_and(|c| c.cue == z.cue && c.speaker == z.speaker && c.content.as_ref().is_some_and(|y| y.end <= z.cue.start))
    });
    if !seconds.is_empty() {
        out.extend(seconds);
        out.sort_by_key(|c| (c.cue.start, c.cue.end, c.content.as_ref().map_or(0, |r| r.start)));
    }
    // "“A,” X said. “B.”": B continues X's claim
    let more = continued::continued_quotes(text, quotes, &out);
    if !more.is_empty() {
        out.extend(more);
        out.sort_by_key(|c| (c.cue.start, c.cue.end, c.content.as_ref().map_or(0, |r| r.start)));
    }
    out
}
