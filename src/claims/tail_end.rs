//! Rule `tail_end`: a content that is a noun phrase ends before a circumstance of
//! the cue that closes the sentence.
//!
//! `X announced his candidacy in June 2015`, `X denied the charges through his
//! lawyer`, `X defended the remark on Twitter on Friday, and ...`: what was said is
//! the noun phrase; the time, the medium and the go-between are the cue's, as they
//! are between a cue and a clause (`said on Twitter that ...`). A content with a verb
//! of its own keeps them (`said he was on the plane on Friday`: the time may be the
//! event's).

use super::sentence::{is_clause_break, is_final, is_quote_mark, Ctx};
use super::{RawClaim, Rule};
use crate::lexicon::{
    is_spokes_noun, AFTER_RELATIVE_TIME, CONTENT_OPENERS, DEICTIC_DAYS, DETERMINERS, GO_BETWEEN_NOUNS, RELATIVE_TIME_WORDS, TAIL_NOUNS,
    TAIL_PREPOSITIONS, WEEKDAYS, WEEKDAY_MODIFIERS,
};
use crate::syntax::Phrase;
use crate::text::tokens::starting_in;

/// Most tokens from `through` to the go-between it names (`through a spokeswoman`).
const GO_BETWEEN_TOKENS: usize = 3;

/// Most tokens from a tail's preposition to its noun (`in a recent interview`).
const TAIL_NOUN_TOKENS: usize = 6;

/// Rule `tail_end`: ends `claim`'s content before a tail of its cue, where the
/// content after its cue is a noun phrase.
/// Not a decline's topic, which runs to the end of its sentence.
pub(super) fn end(ctx: &Ctx, claim: &mut RawClaim) {
    let Some(content) = claim.content.clone() else { return };
    if claim.rule == Rule::Decline || content.start < claim.cue.end || ctx.quote_at(content.start).is_some() {
        return;
    }
    let inside = starting_in(ctx.toks, &content);
    let (a, b) = (inside.start.max(ctx.lo), inside.end.min(ctx.hi));
    if a >= b || !opens_noun_phrase(ctx, a) {
        return;
    }
    for m in a + 1..b {
        let t = &ctx.toks[m];
        // a verb, a clause mark or a quotation: not a bare noun phrase (any more)
        if ctx.verbish(t) || is_clause_break(t) || is_final(t) || is_quote_mark(t) || ctx.quote_at(t.start).is_some() {
            return;
        }
        if !opens_tail(ctx, m) {
            continue;
        }
        let j = ctx.skip_tails(m);
        // (not a tail before the content: "insisted, most recently in an interview,
        // that ...")
        let closes =
            j > m && (j >= b || ctx.at_end(j) || ctx.tok(j).is_some_and(is_clause_break) && !CONTENT_OPENERS.contains(&ctx.lower(j + 1)));
        if closes {
            if let Some(kept) = ctx.bytes(a, m).and_then(|r| ctx.trim_content(content.start..r.end)) {
                claim.quote = ctx.quote_kind(&kept);
                claim.content = Some(kept);
            }
            return;
        }
    }
}

/// Whether token `m` opens a circumstance of speaking: a time (`on Friday`, `last
/// week`, `yesterday`), a medium or occasion (`in a statement`, `on Twitter`, `at a rally`) or a
/// go-between (`through his lawyer`).
fn opens_tail(ctx: &Ctx, m: usize) -> bool {
    let w = ctx.lower(m);
    if WEEKDAYS.contains(&w) || (WEEKDAY_MODIFIERS.contains(&w) && WEEKDAYS.contains(&ctx.lower(m + 1))) {
        return true;
    }
    if DEICTIC_DAYS.contains(&w) || (RELATIVE_TIME_WORDS.contains(&w) && AFTER_RELATIVE_TIME.contains(&ctx.lower(m + 1))) {
        return true;
    }
    if w == "through" {
        return (m + 1..=m + GO_BETWEEN_TOKENS).any(|k| is_spokes_noun(ctx.lower(k)) || GO_BETWEEN_NOUNS.contains(&ctx.lower(k)));
    }
    TAIL_PREPOSITIONS.contains(&w)
        && (m + 1..(m + 1 + TAIL_NOUN_TOKENS).min(ctx.hi)).take_while(|&k| ctx.toks[k].word).any(|k| TAIL_NOUNS.contains(&ctx.lower(k)))
}

/// Whether the content's first token `a` opens a noun phrase: by the model's chunks,
/// or without them, a determiner (`the charges`, `his support`).
fn opens_noun_phrase(ctx: &Ctx, a: usize) -> bool {
    let t = &ctx.toks[a];
    match ctx.syntax.chunk_at(t.start) {
        Some(c) => c.kind == Phrase::Np && c.start == t.start,
        None => DETERMINERS.contains(&t.lower.as_str()),
    }
}
