//! Cues whose speaker follows a preposition: `according to X` (before or after
//! the content) and passives (`Y was rejected by X`).

use super::sentence::{is_aux, is_comma, Ctx, REACH};
use super::speaker::Step;
use super::RawClaim;
use crate::cues::Cue;
use crate::lexicon::{INTRO, LEADERS};

impl Ctx<'_> {
    /// "According to X, Y." / "Y, according to X."
    pub(super) fn according(&self, cue: &Cue) -> Option<RawClaim> {
        let cue_range = self.bytes(cue.first, cue.last)?;
        // at the clause start: speaker up to the next comma, content after it
        let clause_start = (self.lo..cue.first).all(|j| !self.toks[j].word || LEADERS.contains(&self.lower(j)));
        if clause_start {
            let comma = (cue.last..self.hi.min(cue.last + REACH)).find(|&j| is_comma(&self.toks[j]))?;
            let speaker = self.bytes(cue.last, comma)?;
            let content = self.trim_content(self.bytes(comma + 1, self.hi)?)?;
            let quote = self.quote_kind(&content);
            return Some(RawClaim { speaker, cue: cue_range, content: Some(content), stance: cue.stance, quote, relative_to: None });
        }
        // after the content: speaker to the sentence end (or next comma)
        let mut e = cue.last;
        while e < self.hi && !is_comma(&self.toks[e]) {
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
        while s < cue.first && INTRO.contains(&self.lower(s)) && self.lower(s) != "according" {
            match (s..cue.first.min(s + REACH)).find(|&j| is_comma(&self.toks[j])) {
                Some(c) if c + 1 < cue.first => s = c + 1,
                _ => break,
            }
        }
        let content = self.trim_content(self.bytes(s, cue.first)?)?;
        let quote = self.quote_kind(&content);
        Some(RawClaim { speaker, cue: cue_range, content: Some(content), stance: cue.stance, quote, relative_to: None })
    }

    /// "Y has been rejected by X."
    pub(super) fn passive(&self, cue: &Cue) -> Option<RawClaim> {
        let speaker = self.speaker_right(cue.last)?;
        // the subject: from the sentence start to the auxiliary before the cue
        let mut e = cue.first;
        while e > self.lo && (is_aux(&self.toks[e - 1]) || matches!(self.lower(e - 1), "," | "however" | "also" | "since" | "already")) {
            e -= 1;
        }
        let content = self.trim_content(self.bytes(self.subject_start, e)?)?;
        let quote = self.quote_kind(&content);
        Some(RawClaim {
            speaker,
            cue: self.bytes(cue.first, cue.last)?,
            content: Some(content),
            stance: cue.stance,
            quote,
            relative_to: None,
        })
    }
}
