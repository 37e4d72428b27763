//! Rule `nominal`: a noun of a claim after its speaker's possessive — `the senator's
//! claim that Y`, `his insistence that Y` — is the speaker's claim of Y. The guide
//! calls such nominal reports optional; annotated news (PolNeAR) counts them.

use super::sentence::{is_clause_break, Ctx};
use super::{RawClaim, Rule};
use crate::cues::Cue;
use crate::lexicon::{possessive_stem, THIRD_PERSON_POSSESSIVES};

/// The claim of a nominal cue: the possessive before it is the speaker (a pronoun,
/// or the capitalised words of a name without its `’s`), the clause after `that`, to
/// its first comma or the sentence end, the content.
pub(super) fn find(ctx: &Ctx, cue: &Cue, _bound: Option<usize>, _done: &[RawClaim]) -> Option<RawClaim> {
    ctx.nominal(cue)
}

impl Ctx<'_> {
    fn nominal(&self, cue: &Cue) -> Option<RawClaim> {
        let p = cue.first.checked_sub(1).filter(|&p| p >= self.lo)?;
        let owner = &self.toks[p];
        let speaker = if THIRD_PERSON_POSSESSIVES.contains(&owner.lower.as_str()) {
            owner.start..owner.end
        } else {
            let stem = possessive_stem(&self.text[owner.start..owner.end])?;
            let mut s = p;
            while s > self.lo && self.toks[s - 1].cap && self.toks[s - 1].word {
                s -= 1;
            }
            self.toks[s].start..owner.start + stem.len()
        };
        let first = cue.last + 1;
        let end = (first..self.hi).find(|&j| is_clause_break(&self.toks[j])).unwrap_or(self.hi);
        let content = self.trim_content(self.bytes(first, end)?)?;
        Some(self.claim(speaker, self.bytes(cue.first, cue.last)?, content, cue.stance, Rule::Nominal))
    }
}
