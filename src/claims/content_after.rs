//! Rules `decline`, `participle` and `content_after`: the content follows its cue —
//! `X declined to comment (on Y)`, `X did Z, saying Y`, `with X saying Y`, `X said
//! (that) Y` — one reading of what stands between cue and content for all three.

use std::ops::Range;

use super::sentence::{is_aux, is_clause_break, is_manner_adverb, is_opening_quote, is_quote_mark, Ctx};
use super::{RawClaim, Rule};
use crate::claim::{QuoteKind, Stance};
use crate::cues::{Cue, Form};
use crate::lexicon::{
    is_subordinator, ASK_FORMS, CIRCUMSTANCE_CLAUSE_OPENERS, CIRCUMSTANCE_ONLY_PREPOSITIONS, CONTENT_CLOSING_SUBORDINATORS, COORDINATORS,
    DECLINE_OBJECT_WORDS, DECLINE_TOPIC_ENDS, DECLINE_TOPIC_OPENERS, FRONTING_SUBORDINATORS, INVERTING, NOT_CONTENT_PREPOSITIONS,
    NOT_PARTICIPLE_TAILS, PRO_FORM_CONTENT, RELATIVE_PRONOUNS, TIME_WORDS, WEEKDAYS, WRITING_CUES, WRITTEN_WORKS,
};
use crate::syntax::Pos;
use crate::text::tokens::starting_in;

/// Most tokens from a content's start to the written work it names (`a detailed,
/// six-page letter`).
const WORK_NOUN_TOKENS: usize = 7;

/// Rule `decline`: a refusal to say, with its topic if any. `bound` is where a later
/// cue ends the content, `done` the sentence's claims so far.
pub(super) fn decline(ctx: &Ctx, cue: &Cue, bound: Option<usize>, done: &[RawClaim]) -> Option<RawClaim> {
    ctx.content_after(cue, bound, done, Rule::Decline)
}

/// Rule `participle`: `X did Z, saying Y`, `with X saying Y`.
pub(super) fn participle(ctx: &Ctx, cue: &Cue, bound: Option<usize>, done: &[RawClaim]) -> Option<RawClaim> {
    ctx.content_after(cue, bound, done, Rule::Participle)
}

/// Rule `content_after`: `X said (that) Y`.
pub(super) fn finite(ctx: &Ctx, cue: &Cue, bound: Option<usize>, done: &[RawClaim]) -> Option<RawClaim> {
    ctx.content_after(cue, bound, done, Rule::ContentAfter)
}

impl Ctx<'_> {
    fn content_after(&self, cue: &Cue, next_seq: Option<usize>, done: &[RawClaim], rule: Rule) -> Option<RawClaim> {
        // ", suggesting ..." after a clause is the writer's inference, not a claim; after
        // a report it is the speaker's ("“…,” Ruiz recalled, suggesting ...")
        if cue.form == Form::Participle && cue.stance == Stance::Hedge && cue.first > self.lo && is_clause_break(&self.toks[cue.first - 1])
        {
            let comma = self.toks[cue.first - 1].start;
            let after_report = done.last().is_some_and(|c| c.cue.end.max(c.speaker.end) == comma);
            if !after_report {
                return None;
            }
        }
        let fronted_participle = self.fronted_participle(cue);
        let fronted_speaker = self.fronted_cue_speaker(cue);
        let speaker = match cue.form {
            Form::Participle => {
                let prev = cue.first.checked_sub(1).map(|p| self.lower(p)).unwrap_or("");
                let after_subordinator =
                    CONTENT_CLOSING_SUBORDINATORS.contains(&prev) && cue.first >= 2 && self.lower(cue.first - 2) == ",";
                // "with Washington saying ..."
                let with = (cue.first.saturating_sub(8).max(self.lo)..cue.first).rev().find(|&j| self.lower(j) == "with");
                match with {
                    // "Claiming X, Ruiz said ...": the subject after the participle's clause
                    _ if fronted_participle.is_some() => fronted_participle.as_ref().map(|(sp, _)| sp.clone()),
                    Some(w) if prev != "," && w + 1 < cue.first => self.bytes(w + 1, cue.first),
                    // "..., X said, adding ..." and "“…,” X said, while arguing ..." — the
                    // speaker of the cue just before (not the sentence's subject: that
                    // may be a quotation's first words), unless that cue was inside a
                    // relative clause ("Trump was defensive about an architect who said
                    // he was stiffed, saying ..."): the participle then belongs to the
                    // main clause and its subject
                    _ if (prev == "," || after_subordinator) && !done.is_empty() => {
                        let last = done.last().map(|c| c.speaker.clone())?;
                        let end = self.toks.partition_point(|t| t.start < last.end);
                        let relative = end > 0 && RELATIVE_PRONOUNS.contains(&self.lower(end - 1));
                        match relative.then(|| self.subject(cue.first)).flatten() {
                            Some(subject) if subject.end <= last.start => Some(subject),
                            _ => Some(last),
                        }
                    }
                    _ => self.subject(cue.first).or_else(|| done.last().map(|c| c.speaker.clone())),
                }
            }
            _ => {
                if self.sequential(cue) {
                    // "X accused Y of Z and said ...": the subject of the clause
                    done.last().map(|c| c.speaker.clone()).or_else(|| self.subject(cue.first))
                } else {
                    self.speaker_left(self.lo, cue.first).or_else(|| fronted_speaker.as_ref().map(|(sp, _)| sp.clone()))
                }
            }
        }?;
        // content: after the cue, its object and tails (after the speaker of a fronted
        // cue, "Said Ruiz: ...")
        let fronted_at = fronted_speaker.as_ref().filter(|(sp, _)| *sp == speaker).map(|&(_, at)| at);
        let object_end = fronted_at.unwrap_or_else(|| self.skip_told_object(cue));
        let mut i = self.skip_tails(object_end);
        // a decline's topic is no tail ("declined to comment on the report"), a time is
        // ("declined to comment on Friday")
        let topic = cue.stance == Stance::Decline
            && DECLINE_TOPIC_OPENERS.contains(&self.lower(object_end))
            && !(object_end..i).any(|j| WEEKDAYS.contains(&self.lower(j)) || TIME_WORDS.contains(&self.lower(j)) && self.lower(j) != "on");
        if topic {
            i = object_end;
        }
        // "said during a rally in Iowa that ...", "said after the vote the bill would
        // fail": the circumstance ends at "that" or at the reported clause's subject
        // (a decline's topic is its object: "queries about his status since ...")
        let past = if cue.stance == Stance::Decline { i } else { self.skip_circumstance(i) };
        if past > i && !self.at_end(past) {
            i = past;
        }
        let cue_end_tok = i;
        if cue.stance == Stance::Decline {
            // "did not respond to a request for comment (on X)"
            while DECLINE_OBJECT_WORDS.contains(&self.lower(i)) {
                i += 1;
            }
        }
        // the content runs to the sentence end, or to the next cue of the same subject
        // or clause of another speaker, without the comma/"and" that joins it
        let mut end_tok = self.hi;
        if let Some(n) = next_seq {
            end_tok = n.max(i);
            while end_tok > i && (is_clause_break(&self.toks[end_tok - 1]) || matches!(self.lower(end_tok - 1), "and" | "but")) {
                end_tok -= 1;
            }
        }
        if let Some((_, comma)) = fronted_participle {
            end_tok = end_tok.min(comma);
        }
        // ", according to a statement": the source of the report, not its content;
        // ", but offered no proof": the subject's next act, not what was said
        let next_act =
            |m: usize| matches!(self.lower(m + 1), "and" | "but") && self.tok(m + 2).is_some_and(|t| self.verbish(t) && !is_aux(t));
        // (never right after a complementiser: "argue that, while the tax may …,
        // workers will …" — the aside opens the clause)
        let after_that = |m: usize| m > i && self.complementizer(m - 1);
        if let Some(m) = (i..end_tok)
            .filter(|&m| !after_that(m))
            .find(|&m| is_clause_break(&self.toks[m]) && ((self.lower(m + 1) == "according" && self.lower(m + 2) == "to") || next_act(m)))
        {
            end_tok = m;
        }
        // outside quotations, the reported clause ends before a subordinate clause of the
        // writer's (", as both camps raced ..."), and a cue in a fronted subordinate clause
        // has its content end with that clause ("When X said Y, Z ...")
        let quoted = |m: usize| self.quote_at(self.toks[m].start).is_some();
        // (also after a comma closed inside a quotation: `… in front of you,” though she
        // noted …`)
        let comma = |m: usize| self.lower(m) == "," || m > i && self.quote_closed_after_comma(m);
        let closing = |m: usize| {
            comma(m)
                && CONTENT_CLOSING_SUBORDINATORS.contains(&self.lower(m + 1))
                && self.lower(m + 2) != "well"
                // with a subject of its own (", while classified as secret, is" is an aside)
                && !self.tok(m + 2).is_some_and(|t| self.verbish(t))
                && self.clause_follows(m + 2)
        };
        // (the subordinator opens the sentence, or stands right before the speaker:
        // "Back when he wrote his book, Mr. McKinley said …", "and once he has said
        // his piece, he is ready to move on")
        let speaker_at = self.toks.partition_point(|t| t.start < speaker.start);
        let fronted = (FRONTING_SUBORDINATORS.contains(&self.lower(self.lo)) && cue.first > self.lo)
            || (speaker_at > self.lo && speaker_at < cue.first && FRONTING_SUBORDINATORS.contains(&self.lower(speaker_at - 1)));
        // nor past a semicolon, a participle tail of the writer's (", citing its
        // position", ", implicitly putting ...") or ", and when ..."
        let tail = |m: usize| self.lower(m) == ";" || self.lower(m) == "," && (self.participle_tail(m + 1) || self.and_subordinate(m + 1));
        if let Some(m) = (i..end_tok).filter(|&m| !after_that(m)).find(|&m| {
            !quoted(m) && (closing(m) || tail(m) && m > i || fronted && m > i && self.lower(m) == "," && self.main_clause_follows(m + 1))
        }) {
            end_tok = m;
        }
        // "said as much in an interview": a pro-form is the whole content, what follows
        // it circumstance
        // (not "as much as half the budget would go", "as much of the city was")
        if self.lower(i) == PRO_FORM_CONTENT[0]
            && self.lower(i + 1) == PRO_FORM_CONTENT[1]
            && !PRO_FORM_CONTENT.contains(&self.lower(i + 2))
            && self.lower(i + 2) != "of"
        {
            end_tok = end_tok.min(i + 2);
        }
        // "declined to comment on X and referred ...": stop at "and <verb>"
        if cue.stance == Stance::Decline {
            // the topic declined on is short: it ends at the next clause
            let whether = self.lower(i) == "whether";
            let stop = (i..end_tok).find(|&m| {
                (self.lower(m) == "and" && self.tok(m + 1).is_some_and(|t| self.verbish(t)))
                    || (!whether && DECLINE_TOPIC_ENDS.contains(&self.lower(m)))
            });
            if let Some(m) = stop {
                end_tok = m;
            }
        }
        // (a fronted cue's speaker is no part of the cue)
        let cue_end_tok = if fronted_at.is_some() { cue.last } else { cue_end_tok };
        let cue_range = self.bytes(cue.first, cue_end_tok.max(cue.last))?;
        let mut content = if i < end_tok { self.bytes(i, end_tok) } else { None };
        // a quotation opened in the content runs to its closing mark, even across sentences
        if let Some(r) = content.clone() {
            if let Some(q) = self.quote_open_in(&r) {
                content = Some(r.start..q.inner.end);
            } else if let Some(q) = self.quote_at(r.start) {
                if q.inner.end > r.end {
                    content = Some(r.start..q.inner.end);
                }
            }
        }
        // "saying, “A,” when B ...": a quotation the content opens with ends it before
        // a subordinate clause of the writer's, or the subject's next act (`chanted,
        // “A?” and kept going`)
        if let Some(r) = content.clone() {
            let first = if self.tok(i).is_some_and(is_clause_break) { i + 1 } else { i };
            let q = self.tok(first).filter(|t| is_opening_quote(t)).and_then(|t| self.quote_at(t.end)).filter(|q| q.outer.end < r.end);
            if let Some(q) = q {
                let mut k = self.toks.partition_point(|t| t.start < q.outer.end);
                if self.lower(k) == "," {
                    k += 1;
                }
                if is_subordinator(self.lower(k)) || next_act(k.saturating_sub(1)) {
                    content = Some(r.start..q.inner.end);
                }
            }
        }
        let mut content = content.and_then(|r| self.trim_content(r));
        // "He said:" closing its paragraph: what was said is the next paragraph
        if content.is_none() && self.lower(i) == ":" && self.at_end(i + 1) {
            content = self.next_paragraph(self.toks[i].end);
        }
        if content.is_none() && cue.stance != Stance::Decline
            || content.as_ref().is_some_and(|r| self.not_content(cue, r) || self.only_circumstance(cue, r))
        {
            return None;
        }
        let quote = content.as_ref().map_or(QuoteKind::Unknown, |r| self.quote_kind(r));
        // "X, who said ...": the speaker is "who", standing for X
        let relative_to = self.relative_antecedent(&speaker);
        Some(RawClaim { speaker, cue: cue_range, content, stance: cue.stance, quote, relative_to, rule })
    }

    /// The tokens of content `r` where the rules may judge it a phrase that reports
    /// nothing ([`Ctx::not_content`], [`Ctx::only_circumstance`]): not a decline's
    /// topic, no quotation in or around it (what was said: `responded with “a firm
    /// no”`), and tagged by the model (without the tags the draft pass keeps the
    /// claim, whose cue the model then tags, and the rules read it again).
    fn unquoted_tagged(&self, cue: &Cue, r: &Range<usize>) -> Option<(usize, usize)> {
        let inside = starting_in(self.toks, r);
        let (a, b) = (inside.start, inside.end.min(self.hi));
        let quoted = self.quote_open_in(r).is_some() || self.quote_at(r.start).is_some();
        if a >= b || cue.stance == Stance::Decline || quoted || (a..b).any(|j| is_quote_mark(&self.toks[j])) {
            return None;
        }
        self.pos_of(&self.toks[a]).is_some().then_some((a, b))
    }

    /// Whether what follows a cue of writing is no content but circumstance or an
    /// act's object: a phrase with no verb and no quotation that opens with a
    /// preposition of place, time or reader (`wrote to clients`, `wrote under a
    /// pseudonym`), or names a written work (`wrote a children's book`, `wrote a
    /// six-page letter to the board`). Decided where the model tagged the words.
    fn not_content(&self, cue: &Cue, r: &Range<usize>) -> bool {
        let Some((a, b)) = self.unquoted_tagged(cue, r) else { return false };
        let writing = (cue.first..cue.last).any(|j| WRITING_CUES.contains(&self.lower(j)));
        if !writing || (a..b).any(|j| self.verbish(&self.toks[j])) {
            return false;
        }
        // (not an infinitive: "wrote to urge ...")
        let infinitive = self.tok(a + 1).and_then(|t| self.pos_of(t)).is_some_and(|p| p == Pos::Vb);
        (NOT_CONTENT_PREPOSITIONS.contains(&self.lower(a)) && !infinitive)
            || (a..(a + WORK_NOUN_TOKENS).min(b)).any(|j| WRITTEN_WORKS.contains(&self.lower(j)))
    }

    /// Whether the main clause after a fronted subordinate one starts at token `i`:
    /// a clause with its verb ([`Ctx::clause_follows`]), not a relative clause or an
    /// aside that the subordinate clause goes on after (`as the Fed said inflation,
    /// which has run hot, was easing`; `demand, especially in Europe, had collapsed`).
    fn main_clause_follows(&self, i: usize) -> bool {
        // (a main clause opens with its subject, not with the verb an aside's clause
        // goes on with: "…, especially in Europe, had collapsed")
        let verb_first = self.tok(i).is_some_and(|t| self.finite_verb(t) || is_aux(t));
        if RELATIVE_PRONOUNS.contains(&self.lower(i)) || verb_first || !self.clause_follows(i) {
            return false;
        }
        let next_break = (i..self.hi).find(|&j| is_clause_break(&self.toks[j]));
        !next_break.is_some_and(|n| self.tok(n + 1).is_some_and(|t| self.finite_verb(t)))
    }

    /// Whether what follows a cue is circumstance only, with no clause of what was
    /// said: phrases of manner, means or place with no finite verb to the sentence
    /// end (`responded with vitriol`, `responded by pointing a finger`,
    /// `reported from Kabul`; not a topic: `argued for the plan`, `wrote of exile`), a
    /// clause of time whose verb is the last (`said before he died`, `added when the
    /// host laughed`; not `noted when the race began she led by 50 points`), or a verb
    /// joined to the cue (`said and did`). Decided where the model tagged the words; a
    /// question's `when` is what was asked.
    fn only_circumstance(&self, cue: &Cue, r: &Range<usize>) -> bool {
        let Some((a, b)) = self.unquoted_tagged(cue, r) else { return false };
        if (cue.first..cue.last).any(|j| ASK_FORMS.contains(&self.lower(j))) {
            return false;
        }
        let first = self.lower(a);
        if COORDINATORS.contains(&first) {
            // (not a second verb of saying with its clause: "said and repeated that …")
            let reported = (a + 2..b).any(|j| self.complementizer(j) || self.finite_verb(&self.toks[j]));
            return self.tok(a + 1).is_some_and(|t| self.verbish(t)) && !reported;
        }
        // (a modal makes it a question asked or answered: "announced when the summit
        // would take place")
        if CIRCUMSTANCE_CLAUSE_OPENERS.contains(&first) {
            if (a..b).any(|j| self.pos_of(&self.toks[j]) == Some(Pos::Md)) {
                return false;
            }
            // each finite verb is the verb of a clause a subordinator opened
            let mut open = false;
            for j in a..b {
                if is_subordinator(self.lower(j)) || CIRCUMSTANCE_CLAUSE_OPENERS.contains(&self.lower(j)) {
                    open = true;
                } else if self.finite_verb(&self.toks[j]) {
                    if !open {
                        return false;
                    }
                    open = false;
                } else if is_clause_break(&self.toks[j]) && self.clause_follows(j + 1) {
                    return false;
                }
            }
            return true;
        }
        CIRCUMSTANCE_ONLY_PREPOSITIONS.contains(&first) && !(a..b).any(|j| self.finite_verb(&self.toks[j]))
    }

    /// The speaker of a cue that opens its sentence, inverted (`Said Ruiz: “…”`,
    /// `Added the mayor, “…”`), with the token after the mark that ends it.
    fn fronted_cue_speaker(&self, cue: &Cue) -> Option<(Range<usize>, usize)> {
        let opens = cue.first == self.lo && cue.form == Form::Finite && self.toks[cue.first].cap;
        if !opens || !INVERTING.contains(&self.lower(cue.last - 1)) {
            return None;
        }
        let sp = self.speaker_right(cue.last)?;
        let end = self.toks.partition_point(|t| t.start < sp.end);
        (matches!(self.lower(end), ":" | ",") && !self.at_end(end + 1)).then_some((sp, end + 1))
    }

    /// The speaker of a participle that opens its sentence (`Claiming the vote was
    /// rigged, the senator called for ...`): the subject of the clause after the
    /// participle's own, with the comma that ends the participle's clause.
    fn fronted_participle(&self, cue: &Cue) -> Option<(Range<usize>, usize)> {
        if cue.form != Form::Participle || cue.first != self.lo || !self.toks[cue.first].cap {
            return None;
        }
        let comma = (cue.last..self.hi)
            .find(|&m| self.lower(m) == "," && self.clause_follows(m + 1) && self.quote_at(self.toks[m].start).is_none())?;
        let verb = (comma + 1..self.hi).find(|&j| self.verbish(&self.toks[j]))?;
        let sp = self.speaker_left(comma + 1, verb)?;
        Some((sp, comma))
    }

    /// Whether a participle clause opens at token `j` (after a comma), an adverb of
    /// manner before it: `citing its position`, `implicitly putting his name on the
    /// line`; not `including ...` nor a noun in `-ing` (`morning`).
    fn participle_tail(&self, j: usize) -> bool {
        let j = if self.tok(j).is_some_and(is_manner_adverb) { j + 1 } else { j };
        self.tok(j).is_some_and(|t| {
            let shape =
                t.word && !t.cap && t.lower.len() > 5 && t.lower.ends_with("ing") && !NOT_PARTICIPLE_TAILS.contains(&t.lower.as_str());
            shape && self.pos_of(t).is_none_or(|p| p == Pos::Vbg)
        })
    }

    /// Whether `and` and a subordinator open at token `j` (`and when pressed, ...`):
    /// a clause of the writer's joined to the report.
    fn and_subordinate(&self, j: usize) -> bool {
        self.lower(j) == "and" && is_subordinator(self.lower(j + 1))
    }

    /// The paragraph after byte `at` when `at` ends its own: the quotation it opens
    /// with, or the whole paragraph.
    fn next_paragraph(&self, at: usize) -> Option<Range<usize>> {
        let rest = &self.text[at..];
        let gap = rest.len() - rest.trim_start().len();
        if !rest[..gap].contains('\n') || gap == rest.len() {
            return None;
        }
        let start = at + gap;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |n| start + n);
        match self.quote_at(start + self.text[start..].chars().next().map_or(1, char::len_utf8)) {
            Some(q) if q.outer.start == start => self.trim_content(q.inner.clone()),
            _ => self.trim_content(start..end),
        }
    }
}
