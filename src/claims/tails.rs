//! What stands between a cue and its content: the object of `told`, time and
//! place phrases (`on Friday`, `in a statement`, `during a visit to Paris`), and
//! `, speaking on condition of anonymity`.

use super::sentence::{is_clause_break, is_final, is_manner_adverb, is_opening_quote, is_quote_mark, Ctx, REACH};
use crate::cues::{asked_object_end, closing_object_end, Cue};
use crate::lexicon::{
    possessive_stem, AFTER_RELATIVE_TIME, ANONYMITY_CLAUSE_OPENERS, ASK_FORMS, CALENDAR_UNITS, CIRCUMSTANCE_PREPOSITIONS, OBJECT_CUES,
    QUESTION_WORDS, RELATIVE_TIME_WORDS, SUBJECT_PRONOUNS, TAIL_COMPLEMENT_PREPOSITIONS, TAIL_NOUNS, TAIL_PREPOSITIONS, TELL_FORMS,
    TIMES_OF_DAY, TIME_WORDS, TIME_WORDS_NOT_ALONE, TOLD_OBJECTS, TOLD_OBJECT_ENDS, TOLD_OBJECT_OPENERS, WEEKDAYS, WEEKDAY_MODIFIERS,
};
use crate::syntax::{Phrase, Pos};
use crate::text::tokens::Tok;

/// Most tokens from an object cue to the `that` that ends its object.
const TOLD_OBJECT_REACH: usize = 14;

impl Ctx<'_> {
    /// Skips time and place phrases after a cue (`on Friday`, `in a statement`,
    /// `on condition of anonymity`, `earlier this month`).
    pub(super) fn skip_tails(&self, mut i: usize) -> usize {
        loop {
            let w = self.lower(i);
            if w == "on" && self.lower(i + 1) == "condition" {
                // "on condition of anonymity" / "on condition that he not be named"
                let mut j = i + 2;
                while j < self.hi && !is_clause_break(&self.toks[j]) && !is_final(&self.toks[j]) && self.lower(j) != "that" {
                    j += 1;
                    if self.lower(j - 1) == "anonymity" {
                        break;
                    }
                }
                i = j;
                continue;
            }
            if WEEKDAY_MODIFIERS.contains(&w) && WEEKDAYS.contains(&self.lower(i + 1)) {
                i += 2;
                while TIMES_OF_DAY.contains(&self.lower(i)) {
                    i += 1;
                }
                continue;
            }
            if WEEKDAYS.contains(&w) {
                i += 1;
                continue;
            }
            if w == "that" && (TIMES_OF_DAY.contains(&self.lower(i + 1)) || CALENDAR_UNITS.contains(&self.lower(i + 1))) {
                i += 2;
                continue;
            }
            if RELATIVE_TIME_WORDS.contains(&w) && AFTER_RELATIVE_TIME.contains(&self.lower(i + 1)) {
                i += 2;
                continue;
            }
            if TIME_WORDS.contains(&w) && !TIME_WORDS_NOT_ALONE.contains(&w) {
                i += 1;
                continue;
            }
            // a manner adverb closing the cue: "said sarcastically."
            if self.tok(i).is_some_and(is_manner_adverb) && (self.at_end(i + 1) || self.tok(i + 1).is_some_and(is_clause_break)) {
                i += 1;
                continue;
            }
            if TAIL_PREPOSITIONS.contains(&w) {
                // a tail ends in a tail noun within a few words
                if let Some(j) = (i + 1..(i + 7).min(self.hi)).find(|&j| TAIL_NOUNS.contains(&self.lower(j))) {
                    if (i + 1..j).all(|m| self.toks[m].word) {
                        i = j + 1;
                        // a compound: "in a phone interview", "at a news conference"
                        while TAIL_NOUNS.contains(&self.lower(i)) {
                            i += 1;
                        }
                        // "in an interview with Reuters", "in a note to clients": the
                        // tail's own complement, up to "that", a comma or the end
                        if TAIL_COMPLEMENT_PREPOSITIONS.contains(&self.lower(i)) {
                            let end = (i + 1..(i + 6).min(self.hi + 1))
                                .find(|&k| self.at_end(k) || self.lower(k) == "that" || self.tok(k).is_some_and(is_clause_break));
                            if let Some(k) = end.filter(|&k| k > i + 1 && !(i + 1..k).any(|m| self.verbish(&self.toks[m]))) {
                                i = k;
                            }
                        }
                        continue;
                    }
                }
            }
            if matches!(w, "in" | "at") && self.tok(i + 1).is_some_and(|t| t.cap) {
                // a place closing the sentence: "told reporters in Berlin."
                let mut j = i + 1;
                while self.tok(j).is_some_and(|t| t.cap && t.word) {
                    j += 1;
                }
                if self.at_end(j) || self.tok(j).is_some_and(is_clause_break) {
                    i = j;
                    continue;
                }
            }
            if CIRCUMSTANCE_PREPOSITIONS.contains(&w) {
                // a phrase closing the sentence ("during a visit to Paris.") or standing
                // before "that" ("during a visit to Paris that ...") or a quotation
                // ("during the debate last week, “...”")
                let quotation = |j: usize| self.lower(j) == "," && self.tok(j + 1).is_some_and(is_opening_quote);
                let end = (i + 1..(i + 12).min(self.hi + 1)).find(|&j| self.at_end(j) || self.lower(j) == "that" || quotation(j));
                let clause_word = |m: usize| {
                    let w = self.lower(m);
                    QUESTION_WORDS.contains(&w) || SUBJECT_PRONOUNS.contains(&w) || w == "which" || w == "there"
                };
                if let Some(j) = end {
                    // (a capitalised "May" is the month)
                    let phrase = !(i + 1..j).any(|m| {
                        (self.verbish(&self.toks[m]) && !self.toks[m].cap)
                            || is_clause_break(&self.toks[m])
                            || clause_word(m)
                            || !self.toks[m].word && !self.at_end(m)
                    });
                    if j > i + 1 && phrase && (self.lower(j) == "that" || j - i <= 7) {
                        // (the comma before the quotation stays: content opens after it)
                        i = j;
                        continue;
                    }
                }
            }
            if w == "by" && (i + 1..(i + 6).min(self.hi + 1)).any(|j| self.at_end(j)) {
                // "was quoted as saying by Iranian media."
                let j = (i + 1..=self.hi).find(|&j| self.at_end(j)).unwrap_or(self.hi);
                i = j;
                continue;
            }
            return i;
        }
    }

    /// With the model's chunks: a run of phrases with no verb of its own after a cue
    /// — prepositional and noun phrases (`during a rally in Kenansville, N.C.`), a
    /// preposition or subordinator with a participle (`before boarding the plane`) —
    /// is circumstance, not content. Returns where it ends when it runs to the
    /// sentence end or to a complementiser `that` (`said during a visit to Paris
    /// that ...`); else `i`. Without chunks at `i`, `i`.
    pub(super) fn skip_circumstance(&self, i: usize) -> usize {
        let Some(first) = self.tok(i) else { return i };
        let opens = self.syntax.chunk_at(first.start).is_some_and(|c| {
            c.start == first.start && matches!(c.kind, Phrase::Pp | Phrase::Sbar | Phrase::Advp) && self.lower(i) != "that"
        });
        if !opens {
            return i;
        }
        let mut j = i;
        let mut subordinate = false;
        while j < (i + REACH).min(self.hi) && !self.at_end(j) {
            let t = &self.toks[j];
            if self.complementizer(j) && j > i {
                return j;
            }
            subordinate |= self.syntax.chunk_at(t.start).is_some_and(|c| c.kind == Phrase::Sbar);
            if self.pos_of(t).is_some_and(|p| p.is_finite()) {
                // a clause with its subject after the phrases ("said after the vote the
                // bill would fail"): the phrases end where its subject starts; a clause
                // a subordinator opens ("since he was detained") is circumstance too
                return self.subject_before(j).filter(|&k| k > i + 1 && !subordinate).unwrap_or(i);
            }
            // a comma goes on only to a name ("Kenansville, N.C."); ", adding" is a
            // new step
            let comma_ends = is_clause_break(t) && !self.tok(j + 1).is_some_and(|n| n.cap && n.word);
            if is_quote_mark(t) || comma_ends || (t.word && self.pos_of(t).is_none()) {
                return i;
            }
            j += 1;
        }
        if self.at_end(j) {
            j
        } else {
            i
        }
    }

    /// The first token of the noun-phrase chunk that ends right before the verb group
    /// holding token `v` (the verb's subject), by the model's chunks.
    pub(super) fn subject_before(&self, v: usize) -> Option<usize> {
        let t = self.tok(v)?;
        let vp = self.syntax.chunk_at(t.start).filter(|c| c.kind == Phrase::Vp)?;
        let i = self.syntax.chunks.partition_point(|c| c.end <= vp.start);
        let np = self.syntax.chunks[..i].last().filter(|c| c.kind == Phrase::Np)?;
        // adjacent: only spaces between the noun phrase and the verb group
        if !self.text.get(np.end..vp.start)?.trim().is_empty() {
            return None;
        }
        let k = self.toks.partition_point(|x| x.start < np.start);
        (k >= self.lo && self.toks.get(k)?.start == np.start).then_some(k)
    }

    /// Whether token `j` is `that` opening a reported clause: not a relative pronoun
    /// (`actions that would worsen`) or a determiner (`that day`) by the model's
    /// tags; every `that` without them.
    pub(super) fn complementizer(&self, j: usize) -> bool {
        self.lower(j) == "that" && self.tok(j).and_then(|t| self.pos_of(t)).is_none_or(|p| p == Pos::In)
    }

    /// Skips the object of `told` (`told Reuters`, `told the Supreme Court`).
    pub(super) fn skip_told_object(&self, cue: &Cue) -> usize {
        let i = cue.last;
        let head = self.lower(cue.last - 1);
        if ASK_FORMS.contains(&head) {
            // "asked the candidates to discuss ...": the object ends where the question
            // or request opens
            // ("“…?” she asked reporters.": an object closing the sentence)
            return asked_object_end(self.toks, i, self.hi).or_else(|| closing_object_end(self.toks, i, self.hi)).unwrap_or(i);
        }
        if !OBJECT_CUES.contains(&head) {
            return i;
        }
        // "told X that ..." — the object ends at "that" (the object and a
        // circumstance may take a dozen words: "told one of his young protégés on a
        // regular basis that")
        if let Some(j) = (i..(i + TOLD_OBJECT_REACH).min(self.hi)).find(|&j| self.complementizer(j)) {
            if (i..j).all(|m| self.toks[m].word || self.lower(m) == "(" || self.lower(m) == ")") {
                return j;
            }
        }
        // other hearers ("warned the deal would fail") are told apart by "that" only
        if !TELL_FORMS.contains(&head) {
            return i;
        }
        let Some(t) = self.tok(i) else { return i };
        let w = t.lower.as_str();
        if TOLD_OBJECT_OPENERS.contains(&w) {
            // determiner + up to three words, up to what opens the reported clause:
            // "the Supreme Court it would ...", "a daily briefing."
            let mut j = i + 1;
            if self.lower(j) == "of" {
                j += 1;
            }
            let opens_clause = |t: &Tok| TOLD_OBJECT_ENDS.contains(&t.lower.as_str()) || self.verbish(t) || !t.word;
            while j < (i + 4).min(self.hi) && self.tok(j).is_some_and(|t| !opens_clause(t)) {
                j += 1;
            }
            return j.max(i + 1).min(self.hi);
        }
        if t.cap && self.lower(i + 1) == "s" || possessive_stem(self.lower(i)).is_some() {
            // "India s top court": possessive, then lower-case words
            let mut j = i + if self.lower(i + 1) == "s" { 2 } else { 1 };
            while self.tok(j).is_some_and(|t| t.word && !t.cap) && j < i + 5 {
                j += 1;
            }
            return j;
        }
        if t.cap {
            // a name ("told Bill Moyers of PBS"): its capitalised words, and "of" + name
            // when nothing but tails follows; else one word ("told Reuters Tehran would")
            let mut j = i + 1;
            while self.tok(j).is_some_and(|t| t.cap && t.word) || (self.lower(j) == "of" && self.tok(j + 1).is_some_and(|t| t.cap)) {
                j += 1;
            }
            let k = self.skip_tails(j);
            return if self.at_end(k) || self.tok(k).is_some_and(is_clause_break) { j } else { i + 1 };
        }
        if TOLD_OBJECTS.contains(&w) {
            return i + 1;
        }
        // a bare noun right before the reported clause's subject: "told pollsters they
        // distrusted ...", "told lawmakers it would ..."
        // (a time between them: "told voters this weekend he would ...")
        if t.word && !self.verbish(t) && SUBJECT_PRONOUNS.contains(&self.lower(self.skip_tails(i + 1))) {
            return i + 1;
        }
        i
    }

    /// Skips `, speaking on condition of anonymity` / `, who asked not to be named`.
    pub(super) fn skip_anonymity_clause(&self, i: usize) -> usize {
        if self.lower(i) == "," && ANONYMITY_CLAUSE_OPENERS.contains(&self.lower(i + 1)) {
            return if self.final_from <= i + REACH { self.final_from.max(i) } else { i };
        }
        i
    }
}
