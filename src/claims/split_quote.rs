//! Rule `split_quote`: a cue set off by commas inside its sentence has content on
//! both sides — `“A,” he said, “B.”`, `Y, X said, Z` — and the second half is a
//! claim of the same source and cue, kept while the first half's claim is.

use std::ops::Range;

use super::sentence::{is_clause_break, is_opening_quote, Ctx};
use super::RawClaim;
use crate::lexicon::{CIRCUMSTANCE_OPENERS, COORDINATORS, FRONTING_SUBORDINATORS, INFINITIVE_MARKER, RELATIVE_PRONOUNS};
use crate::syntax::Phrase;

/// The second content of `claim`, which rule `content_before` just found;
/// `next_cue` is the first token of the next cue.
pub(super) fn find(ctx: &Ctx, claim: &RawClaim, next_cue: Option<usize>) -> Option<Range<usize>> {
    ctx.split_quote(claim, next_cue)
}

/// Whether `claim`'s content (a first half) ends with the relative pronoun that
/// opens the clause the cue interrupts, or with a joiner inside a relative clause
/// (`the stadium, which, he said, is full`; `who works for RT and, he said, has
/// changed`).
pub(super) fn dangles(ctx: &Ctx, claim: &RawClaim) -> bool {
    let Some(content) = &claim.content else { return false };
    let last = ctx.toks.partition_point(|t| t.start < content.end);
    if last <= ctx.lo || last > ctx.hi {
        return false;
    }
    let w = ctx.lower(last - 1);
    // (a joiner only inside a relative clause: "Prices will rise because, he said,
    // supply is short" keeps both halves)
    let mut segment = (ctx.lo..last - 1).rev().take_while(|&j| !is_clause_break(&ctx.toks[j]));
    RELATIVE_PRONOUNS.contains(&w) || COORDINATORS.contains(&w) && segment.any(|j| RELATIVE_PRONOUNS.contains(&ctx.lower(j)))
}

impl Ctx<'_> {
    /// "Y, X said, Z" / "“A,” he said, “B.”": a cue set off by commas inside its
    /// sentence has content on both sides (one claim per source, cue and content);
    /// the content after it runs from the comma after `claim`'s speaker and cue to
    /// the sentence end, or to the close of a quotation opened there. Not when a
    /// next cue (`, adding`), a relative clause on the speaker (`, who`), a source
    /// (`, according to`, `, citing`) or only circumstance follows.
    fn split_quote(&self, claim: &RawClaim, next_cue: Option<usize>) -> Option<Range<usize>> {
        let end = claim.speaker.end.max(claim.cue.end);
        let comma = self.toks.partition_point(|t| t.start < end);
        if comma < self.lo || !self.tok(comma).is_some_and(is_clause_break) || self.lower(comma) == ";" {
            return None;
        }
        let mut first = comma + 1;
        if self.at_end(first) || next_cue.is_some_and(|n| n <= first + 1) {
            return None;
        }
        let w = self.lower(first);
        if RELATIVE_PRONOUNS.contains(&w) || w == "speaking" || (CIRCUMSTANCE_OPENERS.contains(&w) && !matches!(w, "and" | "but")) {
            return None;
        }
        if self.at_end(self.skip_circumstance(first)) || self.at_end(self.skip_tails(first)) {
            return None;
        }
        while matches!(self.lower(first), "and" | "but") {
            first += 1;
        }
        // a quotation or a clause, not a phrase on what was said ("an assertion that
        // quickly drew scorn")
        let quotation = self.tok(first).is_some_and(is_opening_quote);
        let clause = match self.syntax.chunk_at(self.tok(first)?.start) {
            Some(c) if c.kind == Phrase::Sbar => true,
            Some(_) => (first..(first + 12).min(self.hi))
                .find(|&v| self.pos_of(&self.toks[v]).is_some_and(|p| p.is_finite()))
                .is_some_and(|v| self.subject_before(v) == Some(first)),
            None => self.clause_follows(first),
        };
        // the first half cannot stand alone ("Though the move was smooth, he said,
        // a second would be hard", "But to avoid that, he said, ..."), or the second
        // half goes on from it as its subject ("The tools at hand, he added, are
        // like bombs"): the sentence's claim runs on after the cue
        let left = self.toks.partition_point(|t| t.start < claim.content.as_ref().map_or(claim.speaker.start, |c| c.start));
        let left = (left..left + 2).find(|&j| !COORDINATORS.contains(&self.lower(j))).unwrap_or(left);
        let fronted = FRONTING_SUBORDINATORS.contains(&self.lower(left)) || self.lower(left) == INFINITIVE_MARKER;
        let goes_on = self.pos_of(self.tok(first)?).is_some_and(|p| p.is_finite());
        if !quotation && !clause && !fronted && !goes_on {
            return None;
        }
        let mut content = self.bytes(first, self.hi)?;
        if let Some(q) = self.quote_open_in(&content) {
            content.end = content.end.max(q.inner.end);
        }
        let content = self.trim_content(content)?;
        // nothing but a closing mark or a word or two left is no content
        (content.len() > 12).then_some(content)
    }
}
