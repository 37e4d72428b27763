//! Claims from cues: the content and speaker mention of every reporting cue.
//! Pure functions over the text, its tokens and quotation marks.

use std::ops::Range;

use crate::claim::{QuoteKind, Stance};
use crate::cues::{find_cues, Cue, Form};
use crate::quotes::Quote;
use crate::tokens::Tok;

/// A claim before speaker resolution: byte ranges into the text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawClaim {
    pub(crate) speaker: Range<usize>,
    pub(crate) cue: Range<usize>,
    pub(crate) content: Option<Range<usize>>,
    pub(crate) stance: Stance,
    pub(crate) quote: QuoteKind,
}

/// Auxiliaries and modals: a segment holding one is a clause, not a noun phrase.
const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "do", "does", "did", "shall",
];
/// Sentence-initial words that are not part of a speaker mention.
const LEADERS: &[&str] = &[
    "but", "and", "so", "yet", "however", "meanwhile", "separately", "still", "also", "now", "instead", "then",
    "moreover", "further", "furthermore", "indeed", "thus", "hence", "while", "although", "though", "because",
    "since", "as", "when", "that", "after", "before", "if",
];
/// Words that open an introductory phrase (`On Thursday, X said`).
const INTRO: &[&str] = &[
    "on", "in", "during", "after", "before", "despite", "when", "while", "as", "asked", "at", "from", "for",
    "since", "with", "without", "by", "under", "following", "amid", "speaking", "earlier", "later", "last",
    "separately", "meanwhile", "however", "but", "and", "yesterday", "today", "according", "if", "although",
];
/// Verbs that may precede their subject (`“...,” said the official`).
const INVERTING: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "asked", "continued", "explained", "noted", "argued",
    "insisted", "recalled", "replied", "stressed", "warned", "acknowledged", "concluded", "told", "tweeted",
];
/// Prepositions that open an introductory phrase, never a speaker.
const PREPOSITIONS: &[&str] = &[
    "on", "in", "during", "after", "before", "despite", "when", "while", "as", "asked", "at", "from", "for",
    "since", "with", "without", "by", "under", "following", "amid", "if", "although",
];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const TIME_WORDS: &[&str] = &[
    "earlier", "later", "late", "recently", "again", "also", "too", "previously", "yesterday", "today", "tonight",
    "separately", "publicly", "privately", "repeatedly", "once", "last", "this", "on", "early", "week", "month",
    "year", "weekend", "morning", "evening", "night", "afternoon", "then", "first",
];
/// Nouns that end a tail like `in a statement`, `on local radio`.
const TAIL_NOUNS: &[&str] = &[
    "statement", "statements", "remarks", "reply", "interview", "post", "radio", "television", "tv", "twitter",
    "account", "briefing", "conference", "speech", "letter", "email", "e-mail", "tweet", "tweets", "broadcast",
    "message", "call", "telephone", "phone", "note", "release", "blog", "facebook", "hearing", "session",
    "address", "appearance", "video", "podcast", "x", "instagram", "website", "filing", "report", "comments",
    "response", "testimony", "op-ed", "column", "newspaper", "daily", "channel", "program", "programme", "show",
];
/// Objects of `told` that are one word.
const TOLD_OBJECTS: &[&str] = &[
    "reuters", "reporters", "journalists", "lawmakers", "legislators", "him", "her", "them", "us", "me",
    "parliament", "congress", "senators", "delegates", "supporters", "students", "investors", "analysts",
    "cnn", "afp", "bloomberg", "television", "viewers", "listeners", "members", "the", "a", "an", "his",
    "their", "its", "our", "my",
];

fn is_aux(t: &Tok) -> bool {
    AUX.contains(&t.lower.as_str())
}

/// A clause word: an auxiliary or a lower-case past-tense form.
fn is_verbish(t: &Tok) -> bool {
    is_aux(t) || (t.word && !t.cap && t.lower.len() > 4 && t.lower.ends_with("ed") && !t.lower.ends_with("eed"))
}

fn is_comma(t: &Tok) -> bool {
    matches!(t.lower.as_str(), "," | ";")
}

fn is_closing_quote(t: &Tok) -> bool {
    matches!(t.lower.as_str(), "”" | "\"" | "»")
}


/// Sentence-final punctuation and closing marks.
fn is_final(t: &Tok) -> bool {
    !t.word && matches!(t.lower.as_str(), "." | "!" | "?" | "”" | "\"" | "’" | "»" | ")" | "…")
}

/// Extracts raw claims: sentence by sentence, the cues and, for each, its speaker
/// mention and content. Nested reports (a cue inside another claim's content) are
/// dropped.
pub(crate) fn raw_claims(text: &str, toks: &[Tok], sentences: &[Range<usize>], quotes: &[Quote]) -> Vec<RawClaim> {
    let doc_quotes = crate::quotes::has_quote_marks(text);
    // quotes are sorted and disjoint: the one that may hold a token is found by bisection
    let in_quote = |t: &Tok| {
        let i = quotes.partition_point(|q| q.inner.start <= t.start);
        i > 0 && t.end <= quotes[i - 1].inner.end
    };
    let mut out: Vec<RawClaim> = Vec::new();
    for s in sentences {
        let lo = toks.partition_point(|t| t.start < s.start);
        let hi = toks.partition_point(|t| t.start < s.end);
        if lo >= hi {
            continue;
        }
        let ctx = Ctx::new(text, toks, quotes, lo, hi, doc_quotes);
        let cues = find_cues(toks, lo, hi, &in_quote);
        let bounds = ctx.content_bounds(&cues);
        let mut claims: Vec<RawClaim> = Vec::new();
        let mut consumed = vec![false; cues.len()];
        // 1. Cues that close their content: "Y, X said." / "Y, said X." / "Y, X said, Z",
        //    right to left; cues inside such content are nested and left alone.
        for k in (0..cues.len()).rev() {
            let cue = &cues[k];
            let covered = claims.iter().any(|c| c.content.as_ref().is_some_and(|r| r.start <= toks[cue.first].start && toks[cue.last - 1].end <= r.end));
            if covered {
                continue;
            }
            if let Some(c) = ctx.trailing(cue, cues.get(k + 1).map(|d| d.first)) {
                consumed[k] = true;
                claims.push(c);
            }
        }
        // 2. Cues with their content after them, left to right.
        for (k, cue) in cues.iter().enumerate() {
            if consumed[k] {
                continue;
            }
            if let Some(c) = ctx.leading(cue, bounds.bound(&cues, k), &claims) {
                claims.push(c);
            }
        }
        out.extend(claims);
    }
    // "X, citing Y, reported Z": Y's claim is the same report, one level down.
    let mut cited = Vec::new();
    for c in &out {
        let Some(content) = &c.content else { continue };
        let at = toks.partition_point(|t| t.start < c.cue.start);
        // walk back from the cue over "Y ," to "citing"
        let Some(comma) = at.checked_sub(1).filter(|&j| toks[j].lower == ",") else { continue };
        let Some(citing) = (comma.saturating_sub(15)..comma).rev().find(|&j| toks[j].lower == "citing") else { continue };
        if citing == 0 || toks[citing - 1].lower != "," || (citing + 1..comma).any(|j| toks[j].lower == ",") {
            continue;
        }
        if citing + 1 < comma {
            cited.push(RawClaim {
                speaker: toks[citing + 1].start..toks[comma - 1].end,
                cue: toks[citing].start..toks[citing].end,
                content: Some(content.clone()),
                stance: Stance::Assert,
                quote: c.quote,
            });
        }
    }
    out.extend(cited);
    // Nested reports: a cue inside another claim's content is that claim's business.
    // (A claim's content never holds its own cue.) Contents sorted by start, with the
    // running maximum of their ends, answer "is this cue inside any content?".
    let mut contents: Vec<Range<usize>> = out.iter().filter_map(|c| c.content.clone()).collect();
    contents.sort_by_key(|r| r.start);
    let mut reach = Vec::with_capacity(contents.len());
    let mut m = 0;
    for r in &contents {
        m = m.max(r.end);
        reach.push(m);
    }
    out.retain(|c| {
        let i = contents.partition_point(|r| r.start <= c.cue.start);
        !(i > 0 && reach[i - 1] >= c.cue.end)
    });
    out.sort_by_key(|c| (c.cue.start, c.cue.end));
    out.dedup_by(|a, b| a.cue == b.cue);
    out
}

/// Most tokens any rule looks back or ahead from a cue for its speaker's or
/// content's boundaries. Mentions are at most 40 tokens, so the limit never cuts a
/// real one; it keeps the work per cue constant in sentences of thousands of cues.
const REACH: usize = 64;

/// One sentence being analysed.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    quotes: &'a [Quote],
    lo: usize,
    hi: usize,
    doc_quotes: bool,
    /// The first token from which only final punctuation is left.
    final_from: usize,
    /// The first token of the sentence after introductory phrases and leaders.
    subject_start: usize,
}

/// Where the content of each leading cue ends because of a later cue, answered in
/// logarithmic time (a linear scan per cue made sentences of many cues cubic).
struct ContentBounds {
    /// Indices of cues that continue the previous cue's subject.
    sequential: Vec<usize>,
    /// Tokens that may open a coordinate clause (`, while`, `;`), in order.
    markers: Vec<usize>,
    /// Cues preceded by a coordinate clause with its own subject: (cue index, the
    /// clause's opening token), by cue index.
    coordinate: Vec<(usize, usize)>,
}

impl ContentBounds {
    /// The token where the content of cue `k` ends because of a later cue: the first
    /// later cue of the same subject (`, adding`), or the opening of a later
    /// coordinate clause of another speaker (`, while Y said`).
    fn bound(&self, cues: &[Cue], k: usize) -> Option<usize> {
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
    fn new(text: &'a str, toks: &'a [Tok], quotes: &'a [Quote], lo: usize, hi: usize, doc_quotes: bool) -> Ctx<'a> {
        let final_from = (lo..hi).rev().find(|&j| !is_final(&toks[j])).map_or(lo, |j| j + 1);
        let mut ctx = Ctx { text, toks, quotes, lo, hi, doc_quotes, final_from, subject_start: lo };
        ctx.subject_start = ctx.find_subject_start();
        ctx
    }

    /// The later-cue boundaries of the contents of `cues`.
    fn content_bounds(&self, cues: &[Cue]) -> ContentBounds {
        let sequential = (0..cues.len()).filter(|&j| self.sequential(&cues[j])).collect();
        let markers: Vec<usize> = (self.lo..self.hi)
            .filter(|&m| {
                (is_comma(&self.toks[m]) && matches!(self.lower(m + 1), "while" | "whereas" | "but" | "and" | "although" | "though"))
                    || self.lower(m) == ";"
            })
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

    fn tok(&self, i: usize) -> Option<&Tok> {
        (i < self.hi && i >= self.lo).then(|| &self.toks[i])
    }

    fn lower(&self, i: usize) -> &str {
        self.tok(i).map_or("", |t| t.lower.as_str())
    }

    /// Byte range covering tokens `[a, b)`.
    fn bytes(&self, a: usize, b: usize) -> Option<Range<usize>> {
        (a < b && b <= self.toks.len()).then(|| self.toks[a].start..self.toks[b - 1].end)
    }

    /// Whether only final punctuation is left from `i` on.
    fn at_end(&self, i: usize) -> bool {
        i >= self.final_from
    }

    /// Skips time and place phrases after a cue (`on Friday`, `in a statement`,
    /// `on condition of anonymity`, `earlier this month`).
    fn skip_tails(&self, mut i: usize) -> usize {
        loop {
            let w = self.lower(i);
            if w == "on" && self.lower(i + 1) == "condition" {
                // "on condition of anonymity" / "on condition that he not be named"
                let mut j = i + 2;
                while j < self.hi && !is_comma(&self.toks[j]) && !is_final(&self.toks[j]) && self.lower(j) != "that" {
                    j += 1;
                    if self.lower(j - 1) == "anonymity" {
                        break;
                    }
                }
                i = j;
                continue;
            }
            if matches!(w, "on" | "late" | "early" | "last" | "this" | "next") && WEEKDAYS.contains(&self.lower(i + 1)) {
                i += 2;
                while matches!(self.lower(i), "night" | "morning" | "evening" | "afternoon") {
                    i += 1;
                }
                continue;
            }
            if WEEKDAYS.contains(&w) {
                i += 1;
                continue;
            }
            if w == "that" && matches!(self.lower(i + 1), "day" | "week" | "month" | "morning" | "evening" | "night" | "year" | "afternoon") {
                i += 2;
                continue;
            }
            if matches!(w, "last" | "this" | "earlier" | "later") && matches!(self.lower(i + 1), "week" | "month" | "year" | "weekend" | "this" | "last" | "on" | "in") {
                i += 2;
                continue;
            }
            if TIME_WORDS.contains(&w) && !matches!(w, "on" | "this" | "last") {
                i += 1;
                continue;
            }
            if matches!(w, "in" | "on" | "at" | "during" | "via" | "through" | "over" | "to") {
                // a tail ends in a tail noun within a few words
                if let Some(j) = (i + 1..(i + 7).min(self.hi)).find(|&j| TAIL_NOUNS.contains(&self.lower(j))) {
                    if (i + 1..j).all(|m| self.toks[m].word) {
                        i = j + 1;
                        // "in an interview with Reuters", "in a note to clients": the
                        // tail's own complement, up to "that", a comma or the end
                        if matches!(self.lower(i), "with" | "to" | "from" | "for" | "by" | "on" | "at") {
                            let end = (i + 1..(i + 6).min(self.hi + 1)).find(|&k| self.at_end(k) || self.lower(k) == "that" || self.tok(k).is_some_and(is_comma));
                            if let Some(k) = end.filter(|&k| k > i + 1 && !(i + 1..k).any(|m| is_verbish(&self.toks[m]))) {
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
                if self.at_end(j) || self.tok(j).is_some_and(is_comma) {
                    i = j;
                    continue;
                }
            }
            if matches!(w, "during" | "at" | "in" | "on" | "after" | "before" | "ahead" | "following" | "amid" | "via" | "through" | "while") {
                // a phrase closing the sentence ("during a visit to Paris.") or standing
                // before "that" ("during a visit to Paris that ...")
                let end = (i + 1..(i + 12).min(self.hi + 1)).find(|&j| self.at_end(j) || self.lower(j) == "that");
                let clause_word = |m: usize| {
                    matches!(self.lower(m), "whether" | "if" | "how" | "what" | "why" | "when" | "who" | "which" | "where" | "it" | "he" | "she" | "they" | "we" | "i" | "there")
                };
                if let Some(j) = end {
                    // (a capitalised "May" is the month)
                    let phrase = !(i + 1..j).any(|m| {
                        (is_verbish(&self.toks[m]) && !self.toks[m].cap) || is_comma(&self.toks[m]) || clause_word(m) || !self.toks[m].word && !self.at_end(m)
                    });
                    if j > i + 1 && phrase && (self.lower(j) == "that" || j - i <= 7) {
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

    /// Skips the object of `told` (`told Reuters`, `told the Supreme Court`).
    fn skip_told_object(&self, cue: &Cue) -> usize {
        let i = cue.last;
        let head = self.lower(cue.last - 1);
        if !matches!(head, "told" | "tell" | "tells" | "telling") {
            return i;
        }
        // "told X that ..." — the object ends at "that"
        if let Some(j) = (i..(i + 9).min(self.hi)).find(|&j| self.lower(j) == "that") {
            if (i..j).all(|m| self.toks[m].word || self.lower(m) == "(" || self.lower(m) == ")") {
                return j;
            }
        }
        let Some(t) = self.tok(i) else { return i };
        let w = t.lower.as_str();
        if matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "members") {
            // determiner + up to three words, up to what opens the reported clause:
            // "the Supreme Court it would ...", "a daily briefing."
            let mut j = i + 1;
            if self.lower(j) == "of" {
                j += 1;
            }
            let opens_clause = |t: &Tok| {
                matches!(
                    t.lower.as_str(),
                    "it" | "he" | "she" | "they" | "we" | "i" | "there" | "the" | "a" | "an" | "this" | "his" | "her" | "its" | "their"
                        | "in" | "on" | "at" | "during" | "via" | "after" | "before" | "for" | "with" | "by" | "over"
                )
                    || is_verbish(t)
                    || !t.word
            };
            while j < (i + 4).min(self.hi) && self.tok(j).is_some_and(|t| !opens_clause(t)) {
                j += 1;
            }
            return j.max(i + 1).min(self.hi);
        }
        if t.cap && self.lower(i + 1) == "s" || self.lower(i).ends_with("’s") || self.lower(i).ends_with("'s") {
            // "India s top court": possessive, then lower-case words
            let mut j = i + if self.lower(i + 1) == "s" { 2 } else { 1 };
            while self.tok(j).is_some_and(|t| t.word && !t.cap) && j < i + 5 {
                j += 1;
            }
            return j;
        }
        if TOLD_OBJECTS.contains(&w) || t.cap {
            return i + 1;
        }
        i
    }

    /// Whether cue `d` continues the previous cue's subject (`, adding`, `and denies`).
    fn sequential(&self, d: &Cue) -> bool {
        let prev = d.first.checked_sub(1).map(|p| self.lower(p)).unwrap_or("");
        (d.form == Form::Participle && prev == ",") || (d.form == Form::Finite && matches!(prev, "and" | "but"))
    }

    /// Whether the marker token `m` (`, while`, `;`) opens a coordinate clause with a
    /// subject of its own before cue `d` (`, while Nissan did not respond`, `; Honda
    /// said`).
    fn coordinate_clause(&self, m: usize, d: &Cue) -> bool {
        let subject = m + if self.lower(m) == ";" { 1 } else { 2 };
        let Some(n) = d.first.checked_sub(subject) else { return false };
        let Some(first) = self.tok(subject) else { return false };
        let np = (1..=8).contains(&n)
            && (first.cap
                || matches!(first.lower.as_str(), "the" | "a" | "an" | "two" | "three" | "another" | "other" | "some")
                || crate::resolve::is_role_noun(&first.lower))
            && !(subject..d.first).any(|j| is_verbish(&self.toks[j]) || is_comma(&self.toks[j]));
        np
    }

    /// The quotation whose inner text contains byte `b`.
    fn quote_at(&self, b: usize) -> Option<&Quote> {
        // quotations are sorted and disjoint
        let i = self.quotes.partition_point(|q| q.inner.start <= b);
        self.quotes[..i].last().filter(|q| b < q.inner.end)
    }

    /// The quotation that opens inside `r` and closes after it.
    fn quote_open_in(&self, r: &Range<usize>) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.outer.start < r.end);
        self.quotes[..i].last().filter(|q| q.outer.start >= r.start && q.inner.end > r.end)
    }

    /// The quotation whose closing mark ends at or just before byte `b`.
    fn quote_closing_before(&self, b: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.outer.end <= b);
        self.quotes[..i].last().filter(|q| b - q.outer.end <= 2)
    }

    fn quote_kind(&self, r: &Range<usize>) -> QuoteKind {
        if !self.doc_quotes {
            return QuoteKind::Unknown;
        }
        let from = self.quotes.partition_point(|q| q.inner.end <= r.start);
        let quoted: usize = self.quotes[from..]
            .iter()
            .take_while(|q| q.inner.start < r.end)
            .map(|q| q.inner.end.min(r.end).saturating_sub(q.inner.start.max(r.start)))
            .sum();
        if quoted * 2 > r.len() { QuoteKind::Direct } else { QuoteKind::Indirect }
    }

    /// Trims a content range: leading `that`, marks and punctuation; trailing
    /// punctuation and marks.
    fn trim_content(&self, r: Range<usize>) -> Option<Range<usize>> {
        let s = self.text.get(r.clone())?;
        let lead_chars: &[char] = &[' ', ',', ':', ';', '“', '"', '«', '-', '—', '–', '\n', '\t'];
        let mut a = r.start + (s.len() - s.trim_start_matches(lead_chars).len());
        // a dateline: "TOKYO (Reuters) - "
        let head_end = (a..=(a + 84).min(r.end)).rev().find(|&e| self.text.is_char_boundary(e)).unwrap_or(a);
        if let Some(d) = self.text[a..head_end].find(") - ").filter(|&d| d < 80) {
            let head = &self.text[a..a + d];
            if head.contains('(') && head.chars().next().is_some_and(char::is_uppercase) {
                a += d + 4;
            }
        }
        let rest = &self.text[a..r.end];
        // a complementiser (lower-case; a sentence-initial "That" is a demonstrative)
        if rest.starts_with("that ") {
            a += "that ".len();
        }
        let s = &self.text[a..r.end];
        let trail_chars: &[char] = &[' ', ',', '.', ':', ';', '”', '"', '»', '\n', '\t', '-', '—', '–'];
        let b = a + s.trim_end_matches(trail_chars).len();
        (a < b).then_some(a..b)
    }

    /// "Y, X said." / "“Y,” said X." — the cue closes the sentence.
    fn trailing(&self, cue: &Cue, next_cue: Option<usize>) -> Option<RawClaim> {
        if cue.form != Form::Finite || cue.stance == Stance::Decline {
            return None;
        }
        let object_end = self.skip_told_object(cue);
        let after = self.skip_tails(object_end);
        let before = cue.first.checked_sub(1)?;
        if before < self.lo {
            return None;
        }
        let prev = &self.toks[before];
        let (speaker, boundary) = if is_comma(prev) || is_closing_quote(prev) {
            // "Y, said X ." — speaker after the cue, with verbs that invert
            if self.at_end(after) || !INVERTING.contains(&self.lower(cue.last - 1)) {
                return None;
            }
            let sp = self.speaker_right(after)?;
            (sp, before)
        } else if let Some(sp) = self.inverted_speaker(cue, after) {
            // "Y said the official." with the comma missing: a named or described
            // speaker closing the sentence is not what was said
            (sp, before)
        } else {
            // "Y, X said ." / "Y, X said, Z" — speaker between the last comma and the cue
            let after = self.skip_anonymity_clause(after);
            // a split quotation ("“A,” he said, “B.”") continues like narration does
            // (a speaker is at most 25 tokens: a boundary further back is no boundary)
            let near = cue.first.saturating_sub(REACH).max(self.lo);
            let boundary = (near..cue.first).rev().find(|&j| is_comma(&self.toks[j]) || is_closing_quote(&self.toks[j]));
            let split_quote = boundary.is_some_and(|b| is_closing_quote(&self.toks[b]));
            let continues = (self.tok(after).is_some_and(is_comma)
                && (split_quote || !self.tok(after + 1).is_some_and(|t| matches!(t.lower.as_str(), "“" | "\"" | "«"))))
                || next_cue == Some(after);
            if !self.at_end(after) && !continues {
                return None;
            }
            let b = boundary?;
            let mut first = b + 1;
            while first < cue.first && (is_closing_quote(&self.toks[first]) || is_comma(&self.toks[first])) {
                first += 1;
            }
            if first >= cue.first || cue.first - first > 25 {
                return None;
            }
            // the part before the comma must be content, not an opening phrase
            let words = (self.lo..b).filter(|&j| self.toks[j].word).take(2).count();
            let clause = || (self.lo..b).any(|j| is_verbish(&self.toks[j]) || self.quote_at(self.toks[j].start).is_some_and(|q| self.toks[j].end <= q.inner.end));
            if words < 2 || (PREPOSITIONS.contains(&self.lower(self.lo)) && !clause()) {
                return None;
            }
            (self.bytes(first, cue.first)?, b)
        };
        // the content ends at the boundary; it starts at the sentence start, or at
        // the opening mark of a quotation that closes at the boundary
        let mut end_tok = boundary;
        while end_tok > self.lo && (is_comma(&self.toks[end_tok]) || is_closing_quote(&self.toks[end_tok])) {
            end_tok -= 1;
        }
        let end = self.toks[end_tok].end;
        let mut start = self.toks[self.lo].start;
        if let Some(q) = self.quote_closing_before(self.toks[boundary].end.max(end)) {
            if q.inner.start < start || q.outer.start <= start + 1 {
                start = q.inner.start;
            }
        }
        let content = self.trim_content(start..end)?;
        let quote = self.quote_kind(&content);
        Some(RawClaim {
            speaker,
            cue: self.bytes(cue.first, object_end.max(cue.last))?,
            content: Some(content),
            stance: cue.stance,
            quote,
        })
    }

    /// After an inverting cue with no comma before it, a speaker that closes the
    /// sentence: a mention with a name or a role (`... said the official.`, `... said
    /// Smith.`), not any noun phrase (`They said the same.`).
    fn inverted_speaker(&self, cue: &Cue, after: usize) -> Option<Range<usize>> {
        // (`told` takes its object first: "told the official" is not inverted)
        if !INVERTING.contains(&self.lower(cue.last - 1)) || self.skip_told_object(cue) != cue.last {
            return None;
        }
        let sp = self.speaker_right(after)?;
        let end = self.toks.partition_point(|t| t.start < sp.end);
        // a noun phrase: it opens with a name, a determiner or a number, and names or
        // describes someone before any preposition ("the same of Sanders" does not)
        let opens = self.tok(after).is_some_and(|t| {
            t.cap || matches!(t.lower.as_str(), "the" | "a" | "an" | "one" | "two" | "three" | "four" | "another" | "several" | "other")
        });
        let head_end = (after..end).find(|&j| PREPOSITIONS.contains(&self.lower(j)) || matches!(self.lower(j), "of" | "to" | ",")).unwrap_or(end);
        let described = opens
            && (after..head_end).any(|j| {
                let t = &self.toks[j];
                (t.cap && j > after)
                    || t.cap && !matches!(t.lower.as_str(), "the" | "a" | "an")
                    || crate::resolve::is_role_noun(&t.lower) && !matches!(t.lower.as_str(), "one" | "some" | "several" | "many" | "others")
                    || crate::resolve::is_spokes_noun(&t.lower)
                    || crate::resolve::is_institution_noun(&t.lower)
            });
        // short, and ending in its name or role ("the party truly cares" is a clause)
        let last = &self.toks[end.max(after + 1) - 1];
        let ends_in_head = last.cap || crate::resolve::is_role_noun(&last.lower) || crate::resolve::is_spokes_noun(&last.lower) || crate::resolve::is_institution_noun(&last.lower);
        if !described || !ends_in_head || end - after > 6 || !self.at_end(end) || self.sequential(cue) || matches!(self.lower(after), "he" | "she" | ":") {
            return None;
        }
        // only when what stands before the cue names no one ("One official said the
        // deputy minister." keeps its speaker)
        let left = self.speaker_left(self.lo, cue.first);
        let names_someone = left.is_some_and(|r| {
            let (a, b) = (self.toks.partition_point(|t| t.start < r.start), self.toks.partition_point(|t| t.start < r.end));
            (a..b).any(|j| {
                let t = &self.toks[j];
                t.cap || matches!(t.lower.as_str(), "he" | "she" | "they" | "it" | "we" | "i")
                    || crate::resolve::is_role_noun(&t.lower) || crate::resolve::is_spokes_noun(&t.lower) || crate::resolve::is_institution_noun(&t.lower)
            })
        });
        (!names_someone).then_some(sp)
    }

    /// Skips `, speaking on condition of anonymity` / `, who asked not to be named`.
    fn skip_anonymity_clause(&self, i: usize) -> usize {
        if self.lower(i) == "," && matches!(self.lower(i + 1), "speaking" | "who" | "asking" | "declining" | "requesting" | "citing") {
            return if self.final_from <= i + REACH { self.final_from.max(i) } else { i };
        }
        i
    }

    /// The speaker after a cue: "said former CIA officer David Priess, who ...".
    fn speaker_right(&self, from: usize) -> Option<Range<usize>> {
        let first = self.tok(from)?;
        let speakerish = first.cap
            || matches!(first.lower.as_str(), "a" | "an" | "the" | "one" | "two" | "three" | "four" | "another" | "he" | "she" | "some" | "several" | "other" | "others")
            || (from..(from + 6).min(self.hi)).any(|j| self.toks[j].cap || crate::resolve::is_role_noun(&self.toks[j].lower));
        if !speakerish || matches!(first.lower.as_str(), "that" | "it" | "they" | "whether" | "to") {
            return None;
        }
        let mut end = from;
        // (a mention longer than 30 tokens is refused below: no need to look further)
        while end < self.hi && end <= from + 31 && !is_final(&self.toks[end]) {
            // a relative clause or participle, or the rest of a split quotation
            if is_comma(&self.toks[end]) && matches!(self.lower(end + 1), "who" | "which" | "whose" | "where" | "adding" | "saying" | "speaking" | "according" | "“" | "\"" | "«") {
                break;
            }
            if self.lower(end) == "on" && (WEEKDAYS.contains(&self.lower(end + 1)) || self.lower(end + 1) == "condition") {
                break;
            }
            end += 1;
        }
        while end > from && is_comma(&self.toks[end - 1]) {
            end -= 1;
        }
        // a clause is not a speaker; "-ed" participles are fine in an appositive
        let first_comma = (from..end).find(|&j| is_comma(&self.toks[j])).unwrap_or(end);
        let clause = (from..end).any(|j| is_aux(&self.toks[j]) || (j < first_comma && is_verbish(&self.toks[j])));
        if end <= from || end - from > 30 || clause {
            return None;
        }
        self.bytes(from, end)
    }

    /// The speaker before a finite cue: the noun phrase ending at the cue, with
    /// appositives (`Juan Roig, chairman of X, said`) and relative clauses.
    fn speaker_left(&self, lo: usize, cue_first: usize) -> Option<Range<usize>> {
        if cue_first <= lo {
            return None;
        }
        // segments between commas, right to left
        let seg_end = cue_first;
        // a mention is at most 40 tokens: the walk back stops soon after
        let lo = lo.max(cue_first.saturating_sub(REACH));
        let mut j = cue_first;
        while j > lo && !is_comma(&self.toks[j - 1]) && !matches!(self.lower(j - 1), ":" | "—" | "–" | "(" | "-") {
            j -= 1;
        }
        let mut first = j;
        if first == seg_end {
            // "X, appositive, said": walk back over noun-phrase segments
            let mut k = j;
            loop {
                if k <= lo {
                    break;
                }
                // k-1 is a comma; segment before it
                let e = k - 1;
                let mut s = e;
                while s > lo && !is_comma(&self.toks[s - 1]) {
                    s -= 1;
                }
                // a relative clause, or a reduced one ("published by the U.N.")
                let relative = matches!(self.lower(s), "who" | "which" | "whose")
                    || (is_verbish(&self.toks[s]) && !is_aux(&self.toks[s]));
                if !relative && PREPOSITIONS.contains(&self.lower(s)) {
                    break;
                }
                let np = e > s && e - s <= 30 && (relative || !(s..e).any(|m| is_verbish(&self.toks[m])));
                if !np {
                    break;
                }
                first = s;
                k = s;
            }
            if first == cue_first {
                return None;
            }
        } else {
            // a clause before "and"/"but"/"that"... inside the segment: keep what follows
            let cut = (first..cue_first).rev().find(|&m| {
                matches!(self.lower(m), "and" | "but" | "that" | "while" | "because" | "as" | "after" | "when" | "if" | "although" | "though" | "since")
                    && (first..m).any(|x| is_verbish(&self.toks[x]))
            });
            if let Some(m) = cut {
                first = m + 1;
            }
            // "..., which analysts said ...": the relative pronoun is the object
            if matches!(self.lower(first), "who" | "which" | "that") && first + 1 < cue_first {
                first += 1;
            }
            // "X, who quickly indicated ...": the speaker is X
            if matches!(self.lower(first), "who" | "which") && first > lo && is_comma(&self.toks[first - 1]) {
                let e = first - 1;
                let mut s = e;
                while s > lo && !is_comma(&self.toks[s - 1]) && !is_verbish(&self.toks[s - 1]) {
                    s -= 1;
                }
                return if e > s && e - s <= 12 { self.bytes(s, e) } else { None };
            }
        }
        // leading conjunctions and quotes are not part of the mention
        while first < cue_first && (LEADERS.contains(&self.lower(first)) || !self.toks[first].word) {
            first += 1;
        }
        let mut last = cue_first;
        while last > first && !self.toks[last - 1].word && self.lower(last - 1) != ")" {
            last -= 1;
        }
        // "The White House on Monday said": the time is not part of the mention
        if last >= first + 3 && self.lower(last - 2) == "on" && WEEKDAYS.contains(&self.lower(last - 1)) {
            last -= 2;
        }
        if last <= first || last - first > 40 {
            return None;
        }
        self.bytes(first, last)
    }

    /// The subject of the sentence (for participle cues): the noun phrase after any
    /// introductory phrase, up to the first verb.
    fn subject(&self, cue_first: usize) -> Option<Range<usize>> {
        let start = self.subject_start;
        if start >= cue_first {
            return None;
        }
        let mut j = start;
        while j < cue_first {
            if j >= start + REACH {
                // no noun phrase is this long
                return None;
            }
            let t = &self.toks[j];
            let ok = if is_verbish(t) {
                false
            } else if t.cap
                || t.lower == "s"
                || (!t.word && matches!(t.lower.as_str(), "(" | ")" | "-"))
                || matches!(t.lower.as_str(), "the" | "a" | "an" | "some" | "other" | "two" | "three" | "several" | "many" | "most" | "both" | "all" | "its" | "his" | "her" | "their" | "senior" | "former" | "top")
            {
                true
            } else if matches!(t.lower.as_str(), "and" | "of" | "for") {
                self.tok(j + 1).is_some_and(|n| n.cap)
                    || (t.lower == "and" && (j + 1..(j + 4).min(cue_first)).any(|m| crate::resolve::is_role_noun(&self.toks[m].lower)))
            } else if crate::resolve::is_role_noun(&t.lower) || crate::resolve::is_institution_noun(&t.lower) {
                true
            } else {
                // lower-case modifiers of a role noun a few words on ("civil liberties advocates")
                let noun = (j + 1..(j + 4).min(cue_first)).find(|&m| {
                    crate::resolve::is_role_noun(&self.toks[m].lower) || crate::resolve::is_institution_noun(&self.toks[m].lower)
                });
                match noun {
                    Some(m) if (j..m).all(|x| self.toks[x].word && !self.toks[x].cap && !is_verbish(&self.toks[x])) => {
                        j = m;
                        true
                    }
                    _ => false,
                }
            };
            if !ok {
                break;
            }
            j += 1;
        }
        if j > start { self.bytes(start, j) } else { None }
    }

    /// A cue with its content after it.
    fn leading(&self, cue: &Cue, next_seq: Option<usize>, done: &[RawClaim]) -> Option<RawClaim> {
        let cue_bytes = self.bytes(cue.first, cue.last)?;
        if done.iter().any(|c| c.content.as_ref().is_some_and(|r| r.start <= cue_bytes.start && cue_bytes.end <= r.end)) {
            return None;
        }
        if cue.form == Form::According {
            // "X said Y, according to a statement": X's claim already holds Y
            let c = self.according(cue)?;
            let covers_claim = |r: &Range<usize>| done.iter().any(|d| r.start <= d.cue.start && d.cue.end <= r.end);
            return if c.content.as_ref().is_some_and(covers_claim) { None } else { Some(c) };
        }
        if cue.form == Form::Passive {
            return self.passive(cue);
        }
        // ", suggesting ..." after a clause is the writer's inference, not a claim
        if cue.form == Form::Participle && cue.stance == Stance::Hedge && cue.first > self.lo && is_comma(&self.toks[cue.first - 1]) {
            return None;
        }
        let speaker = match cue.form {
            Form::Participle => {
                let prev = cue.first.checked_sub(1).map(|p| self.lower(p)).unwrap_or("");
                // "with Washington saying ..."
                let with = (cue.first.saturating_sub(8).max(self.lo)..cue.first).rev().find(|&j| self.lower(j) == "with");
                match with {
                    Some(w) if prev != "," && w + 1 < cue.first => self.bytes(w + 1, cue.first),
                    // "..., X said, adding ..." — the speaker of the cue just before
                    _ if prev == "," && !done.is_empty() => done.last().map(|c| c.speaker.clone()),
                    _ => self.subject(cue.first).or_else(|| done.last().map(|c| c.speaker.clone())),
                }
            }
            _ => {
                if self.sequential(cue) {
                    // "X accused Y of Z and said ...": the subject of the clause
                    done.last().map(|c| c.speaker.clone()).or_else(|| self.subject(cue.first))
                } else {
                    self.speaker_left(self.lo, cue.first)
                }
            }
        }?;
        // content: after the cue, its object and tails
        let mut i = self.skip_tails(self.skip_told_object(cue));
        let cue_end_tok = i;
        if cue.stance == Stance::Decline {
            // "did not respond to a request for comment (on X)"
            while matches!(
                self.lower(i),
                "to" | "a" | "an" | "requests" | "request" | "queries" | "inquiries" | "calls" | "messages" | "emails" | "seeking"
                    | "for" | "comment" | "comments" | "on" | "about" | "regarding" | "reuters" | "reuters’" | "reuters'" | "emailed"
                    | "e-mailed" | "written" | "phone" | "telephone" | "email" | "repeated" | "multiple" | "several"
            ) {
                i += 1;
            }
        }
        // the content runs to the sentence end, or to the next cue of the same subject
        // or clause of another speaker, without the comma/"and" that joins it
        let mut end_tok = self.hi;
        if let Some(n) = next_seq {
            end_tok = n.max(i);
            while end_tok > i && (is_comma(&self.toks[end_tok - 1]) || matches!(self.lower(end_tok - 1), "and" | "but")) {
                end_tok -= 1;
            }
        }
        // ", according to a statement": the source of the report, not its content
        if let Some(m) = (i..end_tok).find(|&m| is_comma(&self.toks[m]) && self.lower(m + 1) == "according" && self.lower(m + 2) == "to") {
            end_tok = m;
        }
        // "declined to comment on X and referred ...": stop at "and <verb>"
        if cue.stance == Stance::Decline {
            // the topic declined on is short: it ends at the next clause
            let whether = self.lower(i) == "whether";
            let stop = (i..end_tok).find(|&m| {
                (self.lower(m) == "and" && self.tok(m + 1).is_some_and(is_verbish))
                    || (!whether && matches!(self.lower(m), "since" | "because" | "after" | "when" | "but" | "while" | "as" | "and" | ","))
            });
            if let Some(m) = stop {
                end_tok = m;
            }
        }
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
        let content = content.and_then(|r| self.trim_content(r));
        if content.is_none() && cue.stance != Stance::Decline {
            return None;
        }
        let quote = content.as_ref().map_or(QuoteKind::Unknown, |r| self.quote_kind(r));
        Some(RawClaim { speaker, cue: cue_range, content, stance: cue.stance, quote })
    }

    /// "Y has been rejected by X."
    fn passive(&self, cue: &Cue) -> Option<RawClaim> {
        let speaker = self.speaker_right(cue.last)?;
        // the subject: from the sentence start to the auxiliary before the cue
        let mut e = cue.first;
        while e > self.lo && (is_aux(&self.toks[e - 1]) || matches!(self.lower(e - 1), "," | "however" | "also" | "since" | "already")) {
            e -= 1;
        }
        let content = self.trim_content(self.bytes(self.subject_start, e)?)?;
        let quote = self.quote_kind(&content);
        Some(RawClaim { speaker, cue: self.bytes(cue.first, cue.last)?, content: Some(content), stance: cue.stance, quote })
    }

    /// The first token of the sentence after introductory phrases and leaders.
    fn find_subject_start(&self) -> usize {
        let mut i = self.lo;
        // a dateline: "LONDON (Reuters) - "
        if let Some(d) = (self.lo..(self.lo + 8).min(self.hi)).find(|&j| self.lower(j) == "-" && j > self.lo && self.lower(j - 1) == ")") {
            i = d + 1;
        }
        while INTRO.contains(&self.lower(i)) {
            let Some(c) = (i..self.hi).find(|&j| is_comma(&self.toks[j])) else { break };
            i = c + 1;
        }
        // a leader, but not a sentence-initial demonstrative ("That proposal was ...")
        while i < self.hi && ((LEADERS.contains(&self.lower(i)) && !(self.toks[i].cap && self.lower(i) == "that")) || !self.toks[i].word) {
            i += 1;
        }
        i
    }

    /// "According to X, Y." / "Y, according to X."
    fn according(&self, cue: &Cue) -> Option<RawClaim> {
        let cue_range = self.bytes(cue.first, cue.last)?;
        // at the clause start: speaker up to the next comma, content after it
        let clause_start = (self.lo..cue.first).all(|j| !self.toks[j].word || LEADERS.contains(&self.lower(j)));
        if clause_start {
            let comma = (cue.last..self.hi.min(cue.last + REACH)).find(|&j| is_comma(&self.toks[j]))?;
            let speaker = self.bytes(cue.last, comma)?;
            let content = self.trim_content(self.bytes(comma + 1, self.hi)?)?;
            let quote = self.quote_kind(&content);
            return Some(RawClaim { speaker, cue: cue_range, content: Some(content), stance: cue.stance, quote });
        }
        // after the content: speaker to the sentence end (or next comma)
        let mut e = cue.last;
        while e < self.hi && !is_final(&self.toks[e]) && !is_comma(&self.toks[e]) {
            e += 1;
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
        Some(RawClaim { speaker, cue: cue_range, content: Some(content), stance: cue.stance, quote })
    }
}
