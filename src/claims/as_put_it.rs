//! Rule `as_put_it`: a parenthetical `as X put it` — `As Ruiz put it, the plan is
//! dead.` / `The plan is dead, as Ruiz put it.` — attributes its host clause to X.

use super::sentence::{is_clause_break, Ctx};
use super::{RawClaim, Rule};
use crate::cues::{Cue, PARENTHETICAL_SPEAKER_TOKENS};

/// The claim of a parenthetical `as X put it` (the cue lexicon gives `put it` only
/// there).
pub(super) fn find(ctx: &Ctx, cue: &Cue, _next: Option<usize>) -> Option<RawClaim> {
    ctx.as_put_it(cue)
}

impl Ctx<'_> {
    fn as_put_it(&self, cue: &Cue) -> Option<RawClaim> {
        let at = (cue.first.saturating_sub(PARENTHETICAL_SPEAKER_TOKENS).max(self.lo)..cue.first).rev().find(|&j| self.lower(j) == "as")?;
        let speaker = self.bytes(at + 1, cue.first)?;
        // fronted ("As X put it, Y."): the clause after it; else ("Y, as X put it."):
        // the clause before it
        let content = if at <= self.subject_start {
            self.tok(cue.last).filter(|t| is_clause_break(t))?;
            self.bytes(cue.last + 1, self.hi)?
        } else {
            self.tok(at.checked_sub(1)?).filter(|t| is_clause_break(t))?;
            self.bytes(self.lo, at - 1)?
        };
        let content = self.trim_content(content)?;
        Some(self.claim(speaker, self.bytes(cue.first, cue.last)?, content, cue.stance, Rule::AsPutIt))
    }
}
