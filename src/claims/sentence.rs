//! The sentence being read: its tokens and quotations, token predicates, and where
//! a cue's content may end because of a later cue.

use std::ops::Range;

use super::{RawClaim, Rule};
use crate::claim::{QuoteKind, Stance};
use crate::cues::{Cue, Form};
use crate::doc::Doc;
use crate::entity::Entity;
use crate::lexicon::{
    is_intro, is_sentence_end, AUX, AUX_ALSO_NAMES, CLOSING_QUOTES, CONTENT_LEAD_TRIM, CONTENT_TRAIL_TRIM, COORDINATE_CLAUSE_OPENERS,
    LEADERS, NOUNS_IN_LY, OPENING_QUOTES, SINGLE_QUOTES, TRAILING_MARKS,
};
use crate::syntax::{Pos, Syntax};
use crate::text::quotes::Quote;
use crate::text::tokens::Tok;

/// Most tokens a speaker mention left of its cue may have (`Ctx::speaker_left`);
/// the other mentions are shorter (30 tokens right of a cue, 25 between a
/// content's comma and its cue).
pub(super) const MAX_MENTION_TOKENS: usize = 40;

/// Most tokens any rule looks back or ahead from a cue for its speaker's or
/// content's boundaries. No mention is longer than [`MAX_MENTION_TOKENS`], so the
/// limit never cuts a real one; it keeps the work per cue constant in sentences of
/// thousands of cues.
pub(super) const REACH: usize = 64;

/// One sentence being analysed.
pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    pub(super) quotes: &'a [Quote],
    pub(super) lo: usize,
    pub(super) hi: usize,
    pub(super) doc_quotes: bool,
    /// The first token from which only final punctuation is left.
    pub(super) final_from: usize,
    /// The first token of the sentence after introductory phrases and leaders.
    pub(super) subject_start: usize,
    /// Part-of-speech tags and chunks of the stretches the model tagged (empty
    /// without a syntax model: the rules then read word shapes).
    pub(super) syntax: &'a Syntax,
    /// The window's named entities, sorted by span.
    pub(super) entities: &'a [Entity],
}

/// Where the content of each leading cue ends because of a later cue, answered in
/// logarithmic time (a linear scan per cue made sentences of many cues cubic).
pub(super) struct ContentBounds {
    /// Indices of cues that continue the previous cue's subject.
    pub(super) sequential: Vec<usize>,
    /// Tokens that may open a coordinate clause (`, while`, `;`), in order.
    pub(super) markers: Vec<usize>,
    /// Cues preceded by a coordinate clause with its own subject: (cue index, the
    /// clause's opening token), by cue index.
    pub(super) coordinate: Vec<(usize, usize)>,
}

impl ContentBounds {
    /// The token where the content of cue `k` ends because of a later cue: the first
    /// later cue of the same subject (`, adding`), or the opening of a later
    /// coordinate clause of another speaker (`, while Y said`).
    pub(super) fn bound(&self, cues: &[Cue], k: usize) -> Option<usize> {
        let seq = self.sequential.get(self.sequential.partition_point(|&j| j <= k)).copied();
        // a clause counts only when it opens after this cue
        let first_marker = self.markers.get(self.markers.partition_point(|&m| m < cues[k].last)).copied();
        let coord = first_marker.and_then(|m| {
            let from = cues.partition_point(|d| d.first <= m).max(k + 1);
            self.coordinate.get(self.coordinate.partition_point(|&(j, _)| j < from)).copied()
        });
        match (seq, coord) {
            (Some(s), Some((c, m))) => Some(if s <= c { cues[s].first } else { m }),
            (Some(s), None) => Some(cues[s].first),
            (None, Some((_, m))) => Some(m),
            (None, None) => None,
        }
    }
}

impl<'a> Ctx<'a> {
    /// Tokens `lo..hi` of `doc`, a sentence.
    pub(super) fn new(doc: &'a Doc<'a>, (lo, hi): (usize, usize)) -> Ctx<'a> {
        let toks = &doc.toks[..];
        let final_from = (lo..hi).rev().find(|&j| !is_final(&toks[j])).map_or(lo, |j| j + 1);
        let mut ctx = Ctx {
            text: doc.text,
            toks,
            quotes: &doc.quotes,
            lo,
            hi,
            doc_quotes: doc.has_quote_marks,
            final_from,
            subject_start: lo,
            syntax: &doc.syntax,
            entities: &doc.entities,
        };
        ctx.subject_start = ctx.find_subject_start();
        ctx
    }

    /// The later-cue boundaries of the contents of `cues`.
    pub(super) fn content_bounds(&self, cues: &[Cue]) -> ContentBounds {
        let sequential = (0..cues.len()).filter(|&j| self.sequential(&cues[j])).collect();
        let markers: Vec<usize> = (self.lo..self.hi)
            .filter(|&m| (is_clause_break(&self.toks[m]) && COORDINATE_CLAUSE_OPENERS.contains(&self.lower(m + 1))) || self.lower(m) == ";")
            .collect();
        let coordinate = (0..cues.len())
            .filter_map(|j| {
                let d = &cues[j];
                let m = *markers.get(markers.partition_point(|&m| m < d.first).checked_sub(1)?)?;
                self.coordinate_clause(m, d).then_some((j, m))
            })
            .collect();
        ContentBounds { sequential, markers, coordinate }
    }

    /// The model's part-of-speech tag of a token, when it tagged a word that starts
    /// where the token does.
    pub(super) fn pos_of(&self, t: &Tok) -> Option<Pos> {
        self.syntax.word_at(t.start).filter(|w| w.start == t.start).map(|w| w.pos)
    }

    /// A clause word: with the model's tags, an auxiliary or a finite verb or past
    /// participle (`holds`, `said`, `rejected`); without them, the word-shape guess
    /// [`is_verbish`].
    pub(super) fn verbish(&self, t: &Tok) -> bool {
        match self.pos_of(t) {
            Some(p) => is_aux(t) || ((p.is_finite() || p == Pos::Vbn) && t.word),
            None => is_verbish(t),
        }
    }

    /// A word that makes a clause: with the model's tags, an auxiliary or a finite
    /// verb (not a participle: `a voter raised in Chile`, `a group based in Ohio`
    /// are phrases); without them, [`Ctx::verbish`].
    pub(super) fn finite_verb(&self, t: &Tok) -> bool {
        match self.pos_of(t) {
            Some(p) => is_aux(t) || (p.is_finite() && t.word),
            None => is_verbish(t),
        }
    }

    pub(super) fn tok(&self, i: usize) -> Option<&Tok> {
        (i < self.hi && i >= self.lo).then(|| &self.toks[i])
    }

    pub(super) fn lower(&self, i: usize) -> &str {
        self.tok(i).map_or("", |t| t.lower.as_str())
    }

    /// Byte range covering tokens `[a, b)`.
    pub(super) fn bytes(&self, a: usize, b: usize) -> Option<Range<usize>> {
        (a < b && b <= self.toks.len()).then(|| self.toks[a].start..self.toks[b - 1].end)
    }

    /// Whether only final punctuation is left from `i` on.
    pub(super) fn at_end(&self, i: usize) -> bool {
        i >= self.final_from
    }

    /// The first token of the sentence after introductory phrases and leaders.
    pub(super) fn find_subject_start(&self) -> usize {
        let mut i = self.lo;
        // a dateline: "LONDON (Reuters) - "
        if let Some(d) = (self.lo..(self.lo + 8).min(self.hi)).find(|&j| self.lower(j) == "-" && j > self.lo && self.lower(j - 1) == ")") {
            i = d + 1;
        }
        while is_intro(self.lower(i)) {
            let Some(c) = (i..self.hi).find(|&j| is_clause_break(&self.toks[j])) else { break };
            i = c + 1;
        }
        // a leader, but not a sentence-initial demonstrative ("That proposal was ...")
        while i < self.hi && ((LEADERS.contains(&self.lower(i)) && !(self.toks[i].cap && self.lower(i) == "that")) || !self.toks[i].word) {
            i += 1;
        }
        i
    }

    /// Whether cue `d` continues the previous cue's subject (`, adding`, `,” adding`,
    /// `and denies`).
    pub(super) fn sequential(&self, d: &Cue) -> bool {
        let prev = d.first.checked_sub(1).map(|p| self.lower(p)).unwrap_or("");
        // (a comma closed inside a quotation: `“… the party,” adding`)
        let after_quote = d.first >= 1 && self.quote_closed_after_comma(d.first - 1);
        (d.form == Form::Participle && (prev == "," || after_quote)) || (d.form == Form::Finite && matches!(prev, "and" | "but"))
    }

    /// Whether token `m` is the closing mark of a paired quotation right after a comma
    /// (`… the party,”`): the comma closes the clause inside the quotation.
    pub(super) fn quote_closed_after_comma(&self, m: usize) -> bool {
        m > self.lo
            && self.lower(m - 1) == ","
            && self.tok(m).is_some_and(|t| is_closing_quote(t) && self.quote_closing_before(t.end).is_some_and(|q| q.outer.end == t.end))
    }

    /// Whether the marker token `m` (`, while`, `;`) opens a coordinate clause with a
    /// subject of its own before cue `d` (`, while Nissan did not respond`, `; Honda
    /// said`, `, but she denied`, `, and human rights groups warned`): up to eight
    /// words, no verb and no comma among them, right before the cue.
    pub(super) fn coordinate_clause(&self, m: usize, d: &Cue) -> bool {
        let subject = m + if self.lower(m) == ";" { 1 } else { 2 };
        let Some(n) = d.first.checked_sub(subject) else { return false };
        let Some(first) = self.tok(subject) else { return false };
        (1..=8).contains(&n) && first.word && !(subject..d.first).any(|j| self.verbish(&self.toks[j]) || is_clause_break(&self.toks[j]))
    }

    /// The quotation whose inner text contains byte `b`.
    pub(super) fn quote_at(&self, b: usize) -> Option<&Quote> {
        // quotations are sorted and disjoint
        let i = self.quotes.partition_point(|q| q.inner.start <= b);
        self.quotes[..i].last().filter(|q| b < q.inner.end)
    }

    /// Whether token `j` closes a quotation that opened before this sentence
    /// (`“A. B,” said X`: the sentence is `B,” said X`).
    pub(super) fn quote_opened_before(&self, j: usize) -> bool {
        let t = &self.toks[j];
        is_closing_quote(t)
            && self.quote_closing_before(t.end).is_some_and(|q| q.outer.end == t.end && q.outer.start < self.toks[self.lo].start)
    }

    /// The quotation that opens inside `r` and closes after it.
    pub(super) fn quote_open_in(&self, r: &Range<usize>) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.outer.start < r.end);
        self.quotes[..i].last().filter(|q| q.outer.start >= r.start && q.inner.end > r.end)
    }

    /// The quotation whose closing mark ends at or just before byte `b`.
    pub(super) fn quote_closing_before(&self, b: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.outer.end <= b);
        self.quotes[..i].last().filter(|q| b - q.outer.end <= 2)
    }

    /// The claim of `speaker` with cue `cue` and content `content` (its quote kind read
    /// from the marks), found by `rule`.
    pub(super) fn claim(&self, speaker: Range<usize>, cue: Range<usize>, content: Range<usize>, stance: Stance, rule: Rule) -> RawClaim {
        let quote = self.quote_kind(&content);
        RawClaim { speaker, cue, content: Some(content), stance, quote, relative_to: None, rule }
    }

    pub(super) fn quote_kind(&self, r: &Range<usize>) -> QuoteKind {
        if !self.doc_quotes {
            return QuoteKind::Unknown;
        }
        let from = self.quotes.partition_point(|q| q.inner.end <= r.start);
        let quoted: usize = self.quotes[from..]
            .iter()
            .take_while(|q| q.inner.start < r.end)
            .map(|q| q.inner.end.min(r.end).saturating_sub(q.inner.start.max(r.start)))
            .sum();
        if quoted * 2 > r.len() {
            QuoteKind::Direct
        } else {
            QuoteKind::Indirect
        }
    }

    /// Trims a content range: leading `that`, marks and punctuation; trailing
    /// punctuation and marks.
    pub(super) fn trim_content(&self, r: Range<usize>) -> Option<Range<usize>> {
        let s = self.text.get(r.clone())?;
        let mut a = r.start + (s.len() - s.trim_start_matches(CONTENT_LEAD_TRIM).len());
        // a dateline: "TOKYO (Reuters) - "
        let head_end = (a..=(a + 84).min(r.end)).rev().find(|&e| self.text.is_char_boundary(e)).unwrap_or(a);
        if let Some(d) = self.text[a..head_end].find(") - ").filter(|&d| d < 80) {
            let head = &self.text[a..a + d];
            if head.contains('(') && head.chars().next().is_some_and(char::is_uppercase) {
                a += d + 4;
            }
        }
        let rest = &self.text[a..r.end];
        // a complementiser (lower-case; a sentence-initial "That" is a demonstrative,
        // and so is one the model tagged as a determiner: "rejected that argument")
        let determiner = || {
            let at = self.toks.partition_point(|t| t.start < a);
            self.toks.get(at).filter(|t| t.start == a).and_then(|t| self.pos_of(t)).is_some_and(|p| p == Pos::Dt)
        };
        if rest.starts_with("that ") && !determiner() {
            a += "that ".len();
        } else if rest.starts_with("that, ") && !determiner() {
            // "say that, in addition to X, he would ...": the aside opens the clause
            a += "that, ".len();
        }
        let s = &self.text[a..r.end];
        let mut b = a + s.trim_end_matches(CONTENT_TRAIL_TRIM).len();
        // two apostrophes close a quotation in some styles (`''No.''`); no word ends so
        while b >= a + 2 && self.text[a..b].ends_with("''") {
            b = a + self.text[a..b - 2].trim_end_matches(CONTENT_TRAIL_TRIM).len();
        }
        (a < b).then_some(a..b)
    }
}

/// A lower-case word in `-ly` of manner or time (`forcefully`, `sarcastically`), not
/// a noun in `-ly` (`family`, `ally`).
pub(super) fn is_manner_adverb(t: &Tok) -> bool {
    t.word && !t.cap && t.lower.len() > 4 && t.lower.ends_with("ly") && !NOUNS_IN_LY.contains(&t.lower.as_str())
}

pub(super) fn is_aux(t: &Tok) -> bool {
    // capitalised, `May` is the month and `Will` a name ("who in May said")
    AUX.contains(&t.lower.as_str()) && !(t.cap && AUX_ALSO_NAMES.contains(&t.lower.as_str()))
}

/// A clause word: an auxiliary or a lower-case past-tense form.
fn is_verbish(t: &Tok) -> bool {
    is_aux(t) || (t.word && !t.cap && t.lower.len() > 4 && t.lower.ends_with("ed") && !t.lower.ends_with("eed"))
}

/// A comma or a semicolon: what ends a segment, an appositive or a clause.
pub(super) fn is_clause_break(t: &Tok) -> bool {
    matches!(t.lower.as_str(), "," | ";")
}

/// A mark that opens a quotation (a straight `"` or `''` may open one).
pub(super) fn is_opening_quote(t: &Tok) -> bool {
    !t.word && OPENING_QUOTES.contains(&t.lower.as_str())
}

/// Any quotation mark, opening or closing.
pub(super) fn is_quote_mark(t: &Tok) -> bool {
    let w = t.lower.as_str();
    !t.word && (OPENING_QUOTES.contains(&w) || CLOSING_QUOTES.contains(&w) || SINGLE_QUOTES.contains(&w))
}

/// A mark that may close a quotation.
pub(super) fn is_closing_quote(t: &Tok) -> bool {
    CLOSING_QUOTES.contains(&t.lower.as_str())
}

/// Sentence-final punctuation and closing marks.
pub(super) fn is_final(t: &Tok) -> bool {
    let w = t.lower.as_str();
    !t.word && (is_sentence_end(w) || CLOSING_QUOTES.contains(&w) || TRAILING_MARKS.contains(&w))
}
