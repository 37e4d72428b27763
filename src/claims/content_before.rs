//! Rule `content_before`: the content closes before its cue — `Y, X said.`, `“Y,”
//! said X.`, `Y said the official.` — with the speaker left of the cue, right of an
//! inverting one, or with its appositions (`Y, X, a title, said.`).

use std::ops::Range;

use super::sentence::{is_clause_break, is_closing_quote, is_opening_quote, is_quote_mark, Ctx, REACH};
use super::{RawClaim, Rule};
use crate::cues::Cue;
use crate::lexicon::{
    is_intro, is_source_noun, ARTICLES, CIRCUMSTANCE_OPENERS, CLAUSE_JOINERS, COORDINATORS, INVERTED_HEAD_STOPS, INVERTING, LEADERS,
    MENTION_DETERMINERS, OPENING_PHRASE_WORDS, PERSON_PRONOUNS, QUANTIFIERS, RELATIVE_PRONOUNS, REPORTED_QUOTE_ENDS, SUBJECT_PRONOUNS,
};
use crate::text::tokens::starting_in;

/// Most tokens of the speaker between the comma (or closing mark) that ends the
/// content and the cue (`Y, X said.`); a boundary further back is no boundary.
const MAX_SPEAKER_TOKENS: usize = 25;

/// The claim of a finite cue that closes its content (the table gives it finite
/// cues that are not declines); `next_cue` is the first token of the next cue.
pub(super) fn find(ctx: &Ctx, cue: &Cue, next_cue: Option<usize>) -> Option<RawClaim> {
    ctx.content_before(cue, next_cue)
}

impl Ctx<'_> {
    /// "Y, X said." / "“Y,” said X." — the cue closes the sentence.
    fn content_before(&self, cue: &Cue, next_cue: Option<usize>) -> Option<RawClaim> {
        let object_end = self.skip_told_object(cue);
        let after = self.skip_tails(object_end);
        // phrases without a verb to the sentence end are circumstance, by the chunks
        let after = Some(self.skip_circumstance(after)).filter(|&j| self.at_end(j)).unwrap_or(after);
        let before = cue.first.checked_sub(1)?;
        if before < self.lo {
            return None;
        }
        let prev = &self.toks[before];
        // a quotation closing inside another closes with it (`'old-school,` + `'''`)
        let nested_close = is_quote_mark(prev) && before > self.lo && {
            let p = &self.toks[before - 1];
            is_closing_quote(p) || is_clause_break(p)
        };
        let (speaker, boundary) = if is_clause_break(prev) || is_closing_quote(prev) || nested_close {
            // "Y, said X ." — speaker after the cue, with verbs that invert
            // (what stands before must be content: a clause or a quotation, not a
            // mention with its appositions, "X, a member of Y, said Z"; a subject
            // pronoun marks a clause where stripped apostrophes hide its verb)
            // a quotation closing there that opened sentences back ("“A. B,” said X")
            // is content too
            let content_before = self.quote_opened_before(before)
                || (self.lo..before).any(|j| {
                    let t = &self.toks[j];
                    self.verbish(t) || is_quote_mark(t) || SUBJECT_PRONOUNS.contains(&t.lower.as_str()) || t.lower == "you"
                });
            let inverted = content_before && !self.at_end(after) && INVERTING.contains(&self.lower(cue.last - 1));
            // (after a part that is no quotation, a quotation right after the mention
            // goes on with a clause that mention opens: "X, who ran Y, said he still
            // “prays …”" is no "Y, said X"; "“Y,” said the authors of “Z”" is)
            let quoted_before = (self.lo..=before).any(|j| is_quote_mark(&self.toks[j]));
            let closes_clause = |sp: &Range<usize>| {
                quoted_before || !self.tok(self.toks.partition_point(|t| t.start < sp.end)).is_some_and(is_opening_quote)
            };
            match inverted.then(|| self.speaker_right(after)).flatten().filter(closes_clause) {
                Some(sp) => (sp, before),
                // "Y, X, a title, said." — the speaker with its appositions
                None if is_clause_break(prev)
                    && (self.at_end(after) || self.tok(after).is_some_and(is_clause_break) || self.reported_quote_before(cue)) =>
                {
                    self.appositive_speaker(cue)?
                }
                None => return None,
            }
        } else if let Some(sp) = self.inverted_speaker(cue, after) {
            // "Y said the official." with the comma missing: a named or described
            // speaker closing the sentence is not what was said
            (sp, before)
        } else {
            // "Y, X said ." / "Y, X said, Z" — speaker between the last comma and the cue
            let after = self.skip_anonymity_clause(after);
            // a split quotation ("“A,” he said, “B.”") continues like narration does
            // (the boundary is looked for within REACH tokens; a speaker longer than
            // MAX_SPEAKER_TOKENS is refused below)
            let near = cue.first.saturating_sub(REACH).max(self.lo);
            let boundary = (near..cue.first).rev().find(|&j| is_clause_break(&self.toks[j]) || is_closing_quote(&self.toks[j]));
            let split_quote = boundary.is_some_and(|b| is_closing_quote(&self.toks[b]));
            // (or a colon before a quotation: "Y, Kall said: “Z.”", the quotation a claim
            // of its own, the continued_quote rule's; what stands before must then be a
            // clause, which "But in a statement Friday, Trump said: “…”" has not)
            let colon_quote = self.lower(after) == ":"
                && self.tok(after + 1).is_some_and(is_opening_quote)
                && !OPENING_PHRASE_WORDS.contains(&self.lower(self.lo))
                && (self.lo..cue.first).any(|j| self.verbish(&self.toks[j]));
            let continues = (self.tok(after).is_some_and(is_clause_break)
                && (split_quote || !self.tok(after + 1).is_some_and(is_opening_quote)))
                || next_cue == Some(after)
                || colon_quote;
            // after "“A,” X said", what follows the cue is circumstance ("said as she left")
            let reported = self.reported_quote_before(cue);
            if !self.at_end(after) && !continues && !reported {
                return None;
            }
            let mut b = boundary?;
            let mut first = b + 1;
            while first < cue.first && (is_closing_quote(&self.toks[first]) || is_clause_break(&self.toks[first])) {
                first += 1;
            }
            let mut speaker = None;
            if first >= cue.first && is_clause_break(&self.toks[b]) {
                let (sp, at) = self.appositive_speaker(cue)?;
                b = at;
                first = self.toks.partition_point(|t| t.start < sp.start);
                speaker = Some(sp);
            }
            if first >= cue.first || cue.first - first > MAX_SPEAKER_TOKENS {
                return None;
            }
            // a clause of its own is no speaker: "…, which she was doing when the
            // police located her and told her to leave"
            let opens_clause = RELATIVE_PRONOUNS.contains(&self.lower(first)) || CLAUSE_JOINERS.contains(&self.lower(first));
            if opens_clause && (first + 1..cue.first).any(|j| self.verbish(&self.toks[j])) {
                return None;
            }
            // the part before the comma must be content, not an opening phrase
            let words = (self.lo..b).filter(|&j| self.toks[j].word).take(2).count();
            // (a quotation counts when it is what the sentence opens with, not a title
            // inside an opening phrase: "On the “Morning Show,” she said ...")
            let opens_with_quote = self.quote_at(self.toks[self.lo].end).is_some_and(|q| q.outer.start <= self.toks[self.lo].start);
            let clause =
                || opens_with_quote || (self.lo..b).any(|j| self.verbish(&self.toks[j]) && self.quote_at(self.toks[j].start).is_none());
            if words < 2 || (OPENING_PHRASE_WORDS.contains(&self.lower(self.lo)) && !clause()) {
                return None;
            }
            // a parenthetical cue ("The museum, he said, would open in May."): what
            // stands before it is no clause, the clause goes on after it; the content
            // is after the cue, which the leading rules read
            if !split_quote
                && self.tok(after).is_some_and(is_clause_break)
                && next_cue != Some(after)
                && !clause()
                && self.clause_follows(after + 1)
            {
                return None;
            }
            (speaker.or_else(|| self.bytes(first, cue.first))?, b)
        };
        // the content ends at the boundary; it starts at the sentence start, or at
        // the opening mark of a quotation that closes at the boundary
        let mut end_tok = boundary;
        while end_tok > self.lo && (is_clause_break(&self.toks[end_tok]) || is_closing_quote(&self.toks[end_tok])) {
            end_tok -= 1;
        }
        let end = self.toks[end_tok].end;
        let mut start = self.toks[self.lo].start;
        if let Some(q) = self.quote_closing_before(self.toks[boundary].end.max(end)) {
            // (or one a colon introduces: "X scolded him: “A,” she said", or an opening
            // phrase and its comma: "As for complexity, “A,” she said")
            let open = self.toks.partition_point(|t| t.start < q.outer.start);
            let after_colon = open > self.lo && self.lower(open - 1) == ":";
            let after_opening = open > self.lo + 1
                && self.lower(open - 1) == ","
                && (is_intro(self.lower(self.lo)) || LEADERS.contains(&self.lower(self.lo)))
                && !(self.lo..open).any(|j| self.finite_verb(&self.toks[j]));
            if q.inner.start < start || q.outer.start <= start + 1 || after_colon || after_opening {
                start = q.inner.start;
            }
        }
        let content = self.trim_content(start..end)?;
        Some(self.claim(speaker, self.bytes(cue.first, object_end.max(cue.last))?, content, cue.stance, Rule::ContentBefore))
    }

    /// Whether a quotation closes as a report does (`,”` `?”` `!”`, not a phrase:
    /// `warned against “X” and said`) right before the cue's speaker and its
    /// appositions (`“A,” X said`, `“A,” Quina Jones, 25, said`; not a clause a joiner
    /// opens: `“A,” though she noted B`): what follows the cue is then circumstance
    /// (`said as she left`), never content.
    fn reported_quote_before(&self, cue: &Cue) -> bool {
        let near = cue.first.saturating_sub(REACH).max(self.lo);
        let close = (near..cue.first).rev().find(|&j| is_closing_quote(&self.toks[j]));
        close.is_some_and(|b| {
            b > self.lo
                && REPORTED_QUOTE_ENDS.contains(&self.lower(b - 1))
                && !COORDINATORS.contains(&self.lower(b + 1))
                && !CLAUSE_JOINERS.contains(&self.lower(b + 1))
                && !(b + 1..cue.first).any(|j| self.verbish(&self.toks[j]) || is_quote_mark(&self.toks[j]))
        })
    }

    /// "Y, X, a title, said": the speaker with its appositions (and the token that
    /// ends the content before it: the comma or closing mark before the speaker),
    /// when what stands before is content (a clause or a quotation), not an opening
    /// phrase.
    fn appositive_speaker(&self, cue: &Cue) -> Option<(Range<usize>, usize)> {
        let sp = self.speaker_left(self.lo, cue.first)?;
        let at = self.toks.partition_point(|t| t.start < sp.start);
        let b =
            (at.saturating_sub(3).max(self.lo)..at).rev().find(|&j| is_clause_break(&self.toks[j]) || is_closing_quote(&self.toks[j]))?;
        let quoted = (b.saturating_sub(1).max(self.lo)..=b).any(|j| is_closing_quote(&self.toks[j]));
        let words = (self.lo..b).filter(|&j| self.toks[j].word).take(2).count();
        let clause = (self.lo..b).any(|j| self.verbish(&self.toks[j]));
        (words >= 2 && (quoted || clause) && !OPENING_PHRASE_WORDS.contains(&self.lower(self.lo))).then_some((sp, b))
    }

    /// Whether a clause with its verb starts at token `i` (not a circumstance:
    /// `, reiterating ...`, `, as ...`, `, in a move ...`).
    pub(super) fn clause_follows(&self, i: usize) -> bool {
        let Some(first) = self.tok(i) else { return false };
        if first.lower.ends_with("ing") || !first.word || CIRCUMSTANCE_OPENERS.contains(&first.lower.as_str()) {
            return false;
        }
        (i..(i + 12).min(self.hi)).any(|j| self.verbish(&self.toks[j]))
    }

    /// After an inverting cue with no comma before it, a speaker that closes the
    /// sentence: a mention with a name or a role (`... said the official.`, `... said
    /// Smith.`), not any noun phrase (`They said the same.`).
    pub(super) fn inverted_speaker(&self, cue: &Cue, after: usize) -> Option<Range<usize>> {
        // (`told` takes its object first: "told the official" is not inverted)
        if !INVERTING.contains(&self.lower(cue.last - 1)) || self.skip_told_object(cue) != cue.last {
            return None;
        }
        let sp = self.speaker_right(after)?;
        let end = self.toks.partition_point(|t| t.start < sp.end);
        // a noun phrase: it opens with a name, a determiner or a number, and names or
        // describes someone before any preposition ("the same of Sanders" does not)
        let opens = self.tok(after).is_some_and(|t| t.cap || MENTION_DETERMINERS.contains(&t.lower.as_str()));
        let head_end = (after..end)
            .find(|&j| OPENING_PHRASE_WORDS.contains(&self.lower(j)) || INVERTED_HEAD_STOPS.contains(&self.lower(j)))
            .unwrap_or(end);
        let described = opens
            && (after..head_end).any(|j| {
                let t = &self.toks[j];
                let w = t.lower.as_str();
                t.cap && (j > after || !ARTICLES.contains(&w))
                    || is_source_noun(w) && !(QUANTIFIERS.contains(&w) || w == "one" || w == "others")
            });
        // short, and ending in its name or role ("the party truly cares" is a clause)
        let last = &self.toks[end.max(after + 1) - 1];
        let ends_in_head = last.cap || is_source_noun(&last.lower);
        if !described
            || !ends_in_head
            || end - after > 6
            || !self.at_end(end)
            || self.sequential(cue)
            || PERSON_PRONOUNS.contains(&self.lower(after))
            || self.lower(after) == ":"
        {
            return None;
        }
        // only when what stands before the cue names no one ("One official said the
        // deputy minister." keeps its speaker)
        let left = self.speaker_left(self.lo, cue.first);
        let names_someone = left.is_some_and(|r| {
            starting_in(self.toks, &r).any(|j| {
                let t = &self.toks[j];
                t.cap || SUBJECT_PRONOUNS.contains(&t.lower.as_str()) || is_source_noun(&t.lower)
            })
        });
        (!names_someone).then_some(sp)
    }
}
