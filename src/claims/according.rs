//! Rule `according_to`: the speaker follows `according to`, before the content
//! (`According to X, Y.`) or after it (`Y, according to X.`).

use std::ops::Range;

use super::sentence::{is_clause_break, Ctx, REACH};
use super::speaker::Step;
use super::{RawClaim, Rule};
use crate::cues::Cue;
use crate::lexicon::{is_intro, COORDINATORS, LEADERS};

/// The claim of an `according to` cue, unless a claim of the sentence so far holds
/// a cue in its content ("X said Y, according to a statement": X's claim has Y).
pub(super) fn find(ctx: &Ctx, cue: &Cue, _bound: Option<usize>, done: &[RawClaim]) -> Option<RawClaim> {
    let c = ctx.according(cue)?;
    let covers_claim = |r: &Range<usize>| done.iter().any(|d| r.start <= d.cue.start && d.cue.end <= r.end);
    if c.content.as_ref().is_some_and(covers_claim) {
        None
    } else {
        Some(c)
    }
}

impl Ctx<'_> {
    /// "According to X, Y." / "Y, according to X."
    fn according(&self, cue: &Cue) -> Option<RawClaim> {
        let cue_range = self.bytes(cue.first, cue.last)?;
        // at the clause start: speaker up to the next comma, content after it
        let clause_start = (self.lo..cue.first).all(|j| !self.toks[j].word || LEADERS.contains(&self.lower(j)));
        if clause_start {
            let comma = (cue.last..self.hi.min(cue.last + REACH)).find(|&j| is_clause_break(&self.toks[j]))?;
            let speaker = self.bytes(cue.last, comma)?;
            let content = self.trim_content(self.bytes(comma + 1, self.hi)?)?;
            return Some(self.claim(speaker, cue_range, content, cue.stance, Rule::AccordingTo));
        }
        // after the content: speaker to the sentence end (or next comma)
        let mut e = cue.last;
        while e < self.hi && !is_clause_break(&self.toks[e]) {
            match self.mention_step(cue.last, e) {
                Step::Over(next) => e = next,
                Step::End => break,
                Step::On => e += 1,
            }
            if e > cue.last + REACH {
                return None;
            }
        }
        let speaker = self.bytes(cue.last, e)?;
        let mut s = self.lo;
        // (a leading "And" / "But" joins the sentence to the one before: no content,
        // and no opening phrase of its own)
        if COORDINATORS.contains(&self.lower(s)) && s + 1 < cue.first {
            s += 1;
        }
        // (an opening phrase, not a clause: "In 2019," is no content; "When the
        // training is tailored, it works, according to" is content from its first word)
        while s < cue.first && is_intro(self.lower(s)) && self.lower(s) != "according" {
            match (s..cue.first.min(s + REACH)).find(|&j| is_clause_break(&self.toks[j])) {
                Some(c) if c + 1 < cue.first && !(s..c).any(|j| self.finite_verb(&self.toks[j])) => s = c + 1,
                _ => break,
            }
        }
        let content = self.trim_content(self.bytes(s, cue.first)?)?;
        Some(self.claim(speaker, cue_range, content, cue.stance, Rule::AccordingTo))
    }
}
