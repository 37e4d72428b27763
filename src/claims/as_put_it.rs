//! Rule `as_put_it`: a parenthetical `as X put it` — `As Ruiz put it, the plan is
//! dead.` / `The plan is dead, as Ruiz put it.` / `As the minister said last week,
//! the plan is dead.` — attributes its host clause to X.

use super::sentence::{is_clause_break, is_quote_mark, Ctx};
use super::{RawClaim, Rule};
use crate::cues::{Cue, PARENTHETICAL_SPEAKER_TOKENS};
use crate::lexicon::RELATIVE_PRONOUNS;
use crate::syntax::Phrase;

/// Most tokens of a speaker with its apposition between `as` and the cue.
const APPOSITIVE_SPEAKER_TOKENS: usize = 14;

/// Most tokens of a phrase of manner between a fronted `as X put it` and its comma.
const MANNER_PHRASE_TOKENS: usize = 10;

/// The claim of a parenthetical `as X put it` (the cue lexicon gives `put it` only
/// there).
pub(super) fn find(ctx: &Ctx, cue: &Cue, _next: Option<usize>) -> Option<RawClaim> {
    ctx.as_put_it(cue)
}

impl Ctx<'_> {
    fn as_put_it(&self, cue: &Cue) -> Option<RawClaim> {
        let near = cue.first.saturating_sub(PARENTHETICAL_SPEAKER_TOKENS).max(self.lo);
        let at = match (near..cue.first).rev().find(|&j| self.lower(j) == "as") {
            Some(at) => at,
            // a speaker with an apposition ("As many experts, including Mr. Lee, have
            // noted, …"): further back, over a speaker with no verb of its own
            None => {
                let far = cue.first.saturating_sub(APPOSITIVE_SPEAKER_TOKENS).max(self.lo);
                let at = (far..near).rev().find(|&j| self.lower(j) == "as")?;
                let closes = self.tok(cue.first - 1).is_some_and(is_clause_break);
                if !closes || (at + 1..cue.first).any(|j| self.finite_verb(&self.toks[j])) {
                    return None;
                }
                at
            }
        };
        // (the apposition's closing comma is no part of the speaker)
        let speaker_end = if self.tok(cue.first - 1).is_some_and(is_clause_break) { cue.first - 1 } else { cue.first };
        let speaker = self.bytes(at + 1, speaker_end)?;
        // fronted ("As X put it, Y."): the clause after it; else ("Y, as X put it."):
        // the clause before it
        let content = if at <= self.subject_start {
            let comma = self.as_clause_end(cue)?;
            self.bytes(comma + 1, self.hi)?
        } else {
            self.tok(at.checked_sub(1)?).filter(|t| is_clause_break(t))?;
            // not between a subject and its predicate ("Hawaii, as one adviser
            // noted, rarely gets two storms": the clause goes on after it), and only
            // with no content of its own ("…, as Ruiz said he had told him that …")
            let after = self.skip_tails(self.skip_told_object(cue));
            let gap = self.at_end(after) || self.tok(after).is_some_and(is_clause_break);
            // (a relative clause after it is the writer's: ", as officials had
            // predicted, which hurt Democrats")
            let relative = RELATIVE_PRONOUNS.contains(&self.lower(after + 1));
            if !gap || !relative && (after + 1..after + 3).any(|j| self.tok(j).is_some_and(|t| self.finite_verb(t))) {
                return None;
            }
            self.bytes(self.lo, at - 1)?
        };
        let content = self.trim_content(content)?;
        Some(self.claim(speaker, self.bytes(cue.first, cue.last)?, content, cue.stance, Rule::AsPutIt))
    }

    /// The comma that closes a fronted `As X put it,`: right after the cue, or after
    /// its time and place (`As the minister said last week,`, `As Reuters reported on
    /// Monday,`) and a phrase of manner with no verb of its own (`As one reader
    /// pointed out with a chart,`). An object makes the `as` one of time or cause (`As
    /// the minister announced the plan, prices fell`): none.
    fn as_clause_end(&self, cue: &Cue) -> Option<usize> {
        let after = self.skip_tails(self.skip_told_object(cue));
        if self.tok(after).is_some_and(is_clause_break) {
            return Some(after);
        }
        let phrase = self.tok(after).and_then(|t| self.syntax.chunk_at(t.start)).is_some_and(|c| c.kind == Phrase::Pp);
        let comma = (after + 1..(after + MANNER_PHRASE_TOKENS).min(self.hi)).find(|&j| is_clause_break(&self.toks[j]))?;
        let plain = (after..comma).all(|j| {
            let t = &self.toks[j];
            !self.finite_verb(t) && !is_quote_mark(t) && !self.complementizer(j)
        });
        (phrase && plain).then_some(comma)
    }
}
