//! Rule `passive`: the speaker follows `by` and the content is the subject, before
//! the cue (`Y has been rejected by X.`).

use super::sentence::{is_aux, Ctx};
use super::{RawClaim, Rule};
use crate::cues::Cue;
use crate::lexicon::PASSIVE_SUBJECT_SKIPS;

/// The claim of a passive cue.
pub(super) fn find(ctx: &Ctx, cue: &Cue, _bound: Option<usize>, _done: &[RawClaim]) -> Option<RawClaim> {
    ctx.passive(cue)
}

impl Ctx<'_> {
    /// "Y has been rejected by X."
    fn passive(&self, cue: &Cue) -> Option<RawClaim> {
        let speaker = self.speaker_right(cue.last)?;
        // the subject: from the sentence start to the auxiliary before the cue
        let mut e = cue.first;
        while e > self.lo && (is_aux(&self.toks[e - 1]) || PASSIVE_SUBJECT_SKIPS.contains(&self.lower(e - 1))) {
            e -= 1;
        }
        // a clause, not a participle after a noun ("a fact first reported by X")
        if !(e..cue.first).any(|j| is_aux(&self.toks[j])) {
            return None;
        }
        let content = self.trim_content(self.bytes(self.subject_start, e)?)?;
        Some(self.claim(speaker, self.bytes(cue.first, cue.last)?, content, cue.stance, Rule::Passive))
    }
}
