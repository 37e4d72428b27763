//! Cues → claims: the content and speaker mention of every reporting cue, found by
//! the rules of one ordered table, [`RULES`]. Pure functions over the [`Doc`]: its
//! tokens, quotations and (where the model tagged) syntax.
//!
//! A window is read a sentence at a time. In each sentence the cues are swept twice:
//! right to left by the rules whose content closes before the cue (`Y, X said.`:
//! a cue inside such content is a nested report and left alone), then left to right
//! by the rules whose content follows the cue (`X said Y`). Then rules over the
//! window's claims add the claims other claims imply (`X, citing Y, said Z`;
//! `“A,” X said. “B.”`). A cue is claimed by the first rule in table order that
//! answers to its form and stance and finds a claim; every claim names its
//! [`Rule`].
//!
//! | file | rule(s) |
//! |---|---|
//! | [`as_put_it`] | `as_put_it`: `As X put it, Y.` / `Y, as X put it.` |
//! | [`content_before`] | `content_before`: `Y, X said.` / `“Y,” said X.` / `Y said the official.` |
//! | [`split_quote`] | `split_quote`: the second half of `“A,” X said, “B.”` |
//! | [`according`] | `according_to`: `according to X, Y` / `Y, according to X` |
//! | [`passive`] | `passive`: `Y was rejected by X` |
//! | [`nominal`] | `nominal`: `X's claim that Y` |
//! | [`content_after`] | `decline`, `participle`, `content_after`: `X declined to comment on Y`, `X did Z, saying Y`, `X said (that) Y` |
//! | [`tail_end`] | `tail_end`: a noun-phrase content ends before the cue's tail (`denied the charges through his lawyer`) |
//! | [`content_end`] | `content_end` (learned): where a content after its cue ends |
//! | [`speech`] | `speech` (learned): whether a cue is speech here; drops the claims it is not |
//! | [`citing`] | `citing`: `X, citing Y, reported Z` gives Y's claim too |
//! | [`continued_quote`] | `continued_quote`: `“A,” X said. “B.”` |
//!
//! Shared by the rules: [`sentence`] (the sentence being read, `Ctx`), [`speaker`]
//! (speaker mentions), [`tails`] (what stands between a cue and its content). Word
//! lists live in [`crate::lexicon`].
//!
//! To add a rule: a file with its function, a variant of [`Rule`], a row of [`RULES`].

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::claim::{QuoteKind, Stance};
use crate::cues::{find_cues, Cue, Form};
use crate::doc::Doc;
use crate::learned::{Learned, LinearModel};
use crate::lexicon::{CLAUSE_PUNCTUATION, CONTENT_OPENERS, CUE_NOUNS, SUBJECT_PRONOUNS};
use crate::text::quotes::Quote;
use crate::text::tokens::{starting_in, Tok};

mod according;
mod as_put_it;
mod citing;
mod content_after;
mod content_before;
mod content_end;
mod continued_quote;
mod nominal;
mod passive;
mod sentence;
mod speaker;
mod speech;
mod split_quote;
mod tail_end;
mod tails;

use sentence::Ctx;

/// The rule that found a claim: one row of the crate's ordered rule table. Rules can
/// be switched off by name ([`Rules`]); `attribution show --explain` prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A parenthetical `as X put it`: `As Ruiz put it, the plan is dead.`
    AsPutIt,
    /// The content closes before its cue: `Y, X said.`, `“Y,” said X.`, `Y said the
    /// official.`
    ContentBefore,
    /// The second half of a quotation split by its cue: `“A,” X said, “B.”`, `Y, X
    /// said, Z`.
    SplitQuote,
    /// `according to X, Y` / `Y, according to X`.
    AccordingTo,
    /// `Y was rejected by X`.
    Passive,
    /// A noun of a claim after its speaker's possessive: `X's claim that Y`, `his
    /// insistence that Y`.
    Nominal,
    /// A refusal or failure to say, with its topic if any: `X declined to comment
    /// (on Y)`, `X did not respond to a request for comment`.
    Decline,
    /// A participle whose speaker is the clause subject: `X did Z, saying Y`, `with X
    /// saying Y`.
    Participle,
    /// The content follows its cue: `X said (that) Y`, `X told Reuters Y`.
    ContentAfter,
    /// Ends a content that is a noun phrase before a time, medium or go-between of
    /// its cue that closes the sentence: `X denied the charges through his lawyer`,
    /// `X announced his candidacy on Monday`. It finds no claims of its own.
    TailEnd,
    /// Ends a content that follows its cue where the reported clause ends (`X said
    /// Y, as Z happened`): a model learned from annotated news weighs each break
    /// ([`crate::learned`]). It finds no claims of its own: claims it ends keep the
    /// rule that found them.
    ContentEnd,
    /// Keeps a sentence's claims only where their cue is speech here (`X posted
    /// photos`, `the economy added jobs` are not): a model learned from annotated
    /// news weighs the cue in its frame ([`crate::learned`]). It finds no claims of
    /// its own.
    Speech,
    /// The source a report cites: `X, citing Y, reported Z` is Y's claim too.
    Citing,
    /// A quotation that goes on after its cue: `“A,” X said. “B.”`
    ContinuedQuote,
}

impl Rule {
    /// Every rule, in table order.
    pub const ALL: [Rule; 14] = [
        Rule::AsPutIt,
        Rule::ContentBefore,
        Rule::SplitQuote,
        Rule::AccordingTo,
        Rule::Passive,
        Rule::Nominal,
        Rule::Decline,
        Rule::Participle,
        Rule::ContentAfter,
        Rule::TailEnd,
        Rule::ContentEnd,
        Rule::Speech,
        Rule::Citing,
        Rule::ContinuedQuote,
    ];

    /// The rule's name as serialized (`content_before`, `according_to`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Rule::AsPutIt => "as_put_it",
            Rule::ContentBefore => "content_before",
            Rule::SplitQuote => "split_quote",
            Rule::AccordingTo => "according_to",
            Rule::Passive => "passive",
            Rule::Nominal => "nominal",
            Rule::Decline => "decline",
            Rule::Participle => "participle",
            Rule::ContentAfter => "content_after",
            Rule::TailEnd => "tail_end",
            Rule::ContentEnd => "content_end",
            Rule::Speech => "speech",
            Rule::Citing => "citing",
            Rule::ContinuedQuote => "continued_quote",
        }
    }

    /// Whether the rule finds claims (all but `tail_end` and the learned
    /// `content_end` and `speech`, which end and sieve the claims others found).
    pub fn finds_claims(self) -> bool {
        !matches!(self, Rule::TailEnd | Rule::ContentEnd | Rule::Speech)
    }

    fn bit(self) -> u32 {
        1 << Rule::ALL.iter().position(|&r| r == self).unwrap_or(0)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Rule {
    type Err = crate::Error;

    /// A rule by its name (`passive`, `according_to`; `-` and `_` alike).
    fn from_str(s: &str) -> Result<Rule, crate::Error> {
        let want = s.trim().replace('-', "_");
        Rule::ALL.into_iter().find(|r| r.name() == want).ok_or_else(|| crate::Error::UnknownRule {
            name: s.to_owned(),
            known: Rule::ALL.iter().map(|r| r.name()).collect::<Vec<_>>().join(", "),
        })
    }
}

/// Which rules run: all by default; switch one off with [`Rules::without`] to see
/// what it contributes (its claims go, or fall to a later rule of the table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rules {
    on: u32,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::all()
    }
}

impl Rules {
    /// Every rule on.
    pub fn all() -> Rules {
        Rules { on: Rule::ALL.iter().fold(0, |m, r| m | r.bit()) }
    }

    /// These rules, with `rule` off.
    #[must_use]
    pub fn without(self, rule: Rule) -> Rules {
        Rules { on: self.on & !rule.bit() }
    }

    /// These rules, with `rule` on.
    #[must_use]
    pub fn with(self, rule: Rule) -> Rules {
        Rules { on: self.on | rule.bit() }
    }

    /// Whether `rule` is on.
    pub fn contains(self, rule: Rule) -> bool {
        self.on & rule.bit() != 0
    }

    /// The rules that are on, in table order.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL.into_iter().filter(move |&r| self.contains(r))
    }
}

/// A claim before speaker resolution: byte ranges into the text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawClaim {
    pub(crate) speaker: Range<usize>,
    pub(crate) cue: Range<usize>,
    pub(crate) content: Option<Range<usize>>,
    pub(crate) stance: Stance,
    pub(crate) quote: QuoteKind,
    /// For a relative pronoun speaker (`X, who said ...`), the mention it stands for.
    pub(crate) relative_to: Option<Range<usize>>,
    /// The rule that found it.
    pub(crate) rule: Rule,
}

/// Which cues a cue rule answers to.
struct Cues {
    forms: &'static [Form],
    stances: Stances,
}

/// The stances a cue rule answers to.
enum Stances {
    Any,
    /// Only refusals (`declined to comment`).
    Decline,
    /// Everything but refusals.
    NotDecline,
}

impl Cues {
    fn answers(&self, cue: &Cue) -> bool {
        let stance = match self.stances {
            Stances::Any => true,
            Stances::Decline => cue.stance == Stance::Decline,
            Stances::NotDecline => cue.stance != Stance::Decline,
        };
        stance && self.forms.contains(&cue.form)
    }
}

/// What a rule reads and when it runs. A rule's claims carry its name.
enum Step {
    /// A cue whose content closes before it; cues right to left. `next` is the
    /// first token of the next cue.
    Closing(Cues, fn(ctx: &Ctx, cue: &Cue, next: Option<usize>) -> Option<RawClaim>),
    /// A second content of a claim a `Closing` rule just found (`Y, X said, Z`):
    /// kept only while that claim is.
    Second(fn(ctx: &Ctx, claim: &RawClaim, next: Option<usize>) -> Option<Range<usize>>),
    /// A cue whose content follows it; cues left to right, those no earlier rule
    /// claimed. `bound` is where a later cue ends the content; `done` are the
    /// sentence's claims so far.
    Opening(Cues, fn(ctx: &Ctx, cue: &Cue, bound: Option<usize>, done: &[RawClaim]) -> Option<RawClaim>),
    /// Where the content of a claim an `Opening` rule just found ends, by a rule.
    Trimming(fn(ctx: &Ctx, claim: &mut RawClaim)),
    /// Where the content of a claim an `Opening` rule just found ends, decided by a
    /// learned model (the sentence's cues are given).
    Ending(fn(ctx: &Ctx, cues: &[Cue], claim: &mut RawClaim, model: &LinearModel)),
    /// Whether a claim a cue rule found in the sentence is kept, decided by a
    /// learned model.
    Sieve(fn(ctx: &Ctx, claim: &RawClaim, model: &LinearModel) -> bool),
    /// Claims the window's claims imply, before nested reports are dropped.
    Implied(fn(doc: &Doc, claims: &[RawClaim]) -> Vec<RawClaim>),
    /// Claims that continue the window's final claims.
    Continuing(fn(doc: &Doc, claims: &[RawClaim]) -> Vec<RawClaim>),
}

/// One row of the rule table.
struct Row {
    rule: Rule,
    step: Step,
}

use Form::{According, Finite, Participle};
use Stances::{Any, NotDecline};

/// The rules, in the order they claim cues. Within a sweep a cue goes to the first
/// row that answers to its form and stance and finds a claim.
const RULES: &[Row] = &[
    // sweep 1, cues right to left: content before the cue
    Row { rule: Rule::AsPutIt, step: Step::Closing(Cues { forms: &[Finite], stances: NotDecline }, as_put_it::find) },
    Row { rule: Rule::ContentBefore, step: Step::Closing(Cues { forms: &[Finite], stances: NotDecline }, content_before::find) },
    Row { rule: Rule::SplitQuote, step: Step::Second(split_quote::find) },
    // sweep 2, cues left to right: the speaker after a preposition, or the content after the cue
    Row { rule: Rule::AccordingTo, step: Step::Opening(Cues { forms: &[According], stances: Any }, according::find) },
    Row { rule: Rule::Passive, step: Step::Opening(Cues { forms: &[Form::Passive], stances: Any }, passive::find) },
    Row { rule: Rule::Nominal, step: Step::Opening(Cues { forms: &[Form::Nominal], stances: Any }, nominal::find) },
    Row {
        rule: Rule::Decline,
        step: Step::Opening(Cues { forms: &[Finite, Participle], stances: Stances::Decline }, content_after::decline),
    },
    Row { rule: Rule::Participle, step: Step::Opening(Cues { forms: &[Participle], stances: NotDecline }, content_after::participle) },
    Row { rule: Rule::ContentAfter, step: Step::Opening(Cues { forms: &[Finite], stances: NotDecline }, content_after::finite) },
    Row { rule: Rule::TailEnd, step: Step::Trimming(tail_end::end) },
    Row { rule: Rule::ContentEnd, step: Step::Ending(content_end::end) },
    Row { rule: Rule::Speech, step: Step::Sieve(speech::keeps) },
    // over the window's claims
    Row { rule: Rule::Citing, step: Step::Implied(citing::find) },
    Row { rule: Rule::ContinuedQuote, step: Step::Continuing(continued_quote::find) },
];

/// The claims of one window, by the rules that are on: sentence by sentence, the
/// cues and, for each, its speaker mention and content. Nested reports (a cue
/// inside another claim's content) are dropped. The learned rows read `learned`.
pub(crate) fn raw_claims(doc: &Doc, rules: Rules, learned: &Learned) -> Vec<RawClaim> {
    let rows: Vec<&Row> = RULES.iter().filter(|r| rules.contains(r.rule)).collect();
    let inside = |claims: &[RawClaim], r: &Range<usize>| {
        claims.iter().any(|c| c.content.as_ref().is_some_and(|y| y.start <= r.start && r.end <= y.end))
    };
    let mut out: Vec<RawClaim> = Vec::new();
    // the second halves of split quotations, kept while the claim of their first half is
    let mut second_halves: Vec<RawClaim> = Vec::new();
    for s in &doc.sentences {
        let Some((ctx, cues)) = read_sentence(doc, s) else { continue };
        let bounds = ctx.content_bounds(&cues);
        let mut claims: Vec<RawClaim> = Vec::new();
        let mut claimed = vec![false; cues.len()];
        // sweep 1: right to left; a cue inside content found so far is nested
        for k in (0..cues.len()).rev() {
            let cue = &cues[k];
            let Some(span) = ctx.bytes(cue.first, cue.last) else { continue };
            if inside(&claims, &span) {
                continue;
            }
            let next = cues.get(k + 1).map(|d| d.first);
            let found = rows.iter().find_map(|row| match &row.step {
                Step::Closing(answers, find) if answers.answers(cue) => find(&ctx, cue, next),
                _ => None,
            });
            let Some(mut c) = found else { continue };
            claimed[k] = true;
            for row in &rows {
                if let Step::Second(second) = row.step {
                    if let Some(z) = second(&ctx, &c, next) {
                        let quote = ctx.quote_kind(&z);
                        let half = RawClaim { content: Some(z), quote, rule: row.rule, ..c.clone() };
                        // a first half cut after its relative pronoun ("the stadium,
                        // which, he said, is full on game days") says nothing: the
                        // second is the claim
                        if split_quote::dangles(&ctx, &c) {
                            c = half;
                        } else {
                            second_halves.push(half);
                        }
                    }
                }
            }
            claims.push(c);
        }
        // sweep 2: left to right, the cues left; a cue inside content found so far is nested
        for (k, cue) in cues.iter().enumerate() {
            if claimed[k] {
                continue;
            }
            let Some(span) = ctx.bytes(cue.first, cue.last) else { continue };
            if inside(&claims, &span) {
                continue;
            }
            let bound = bounds.bound(&cues, k);
            let found = rows.iter().find_map(|row| match &row.step {
                Step::Opening(answers, find) if answers.answers(cue) => find(&ctx, cue, bound, &claims),
                _ => None,
            });
            if let Some(mut c) = found {
                for row in &rows {
                    match row.step {
                        Step::Trimming(end) => end(&ctx, &mut c),
                        Step::Ending(end) => end(&ctx, &cues, &mut c, &learned.content_end),
                        _ => {}
                    }
                }
                claims.push(c);
            }
        }
        for row in &rows {
            if let Step::Sieve(keeps) = row.step {
                claims.retain(|c| keeps(&ctx, c, &learned.speech));
            }
        }
        out.extend(claims);
    }
    // `He’s said`: the speaker is the pronoun
    for c in &mut out {
        c.speaker = speaker::without_contraction(doc.text, c.speaker.clone());
    }
    for row in &rows {
        if let Step::Implied(find) = row.step {
            let more = find(doc, &out);
            out.extend(more);
        }
    }
    drop_nested(&mut out);
    out.sort_by_key(|c| (c.cue.start, c.cue.end));
    out.dedup_by(|a, b| a.cue == b.cue);
    second_halves.retain(|z| {
        let i = out.partition_point(|c| c.cue.start < z.cue.start);
        out.get(i).is_some_and(|c| c.cue == z.cue && c.speaker == z.speaker && c.content.as_ref().is_some_and(|y| y.end <= z.cue.start))
    });
    if !second_halves.is_empty() {
        out.extend(second_halves);
        sort_claims(&mut out);
    }
    for row in &rows {
        if let Step::Continuing(find) = row.step {
            let more = find(doc, &out);
            if !more.is_empty() {
                out.extend(more);
                sort_claims(&mut out);
            }
        }
    }
    out
}

/// The cues of the window that none of `claims` has (by where they start), as byte
/// ranges, each with whether a comma stands right before it: words the rules may
/// read as a cue once the model has tagged the phrases around them (`X, a voter
/// raised in Chile, said ...`: the apposition before the comma).
#[cfg(feature = "onnx")]
pub(crate) fn unclaimed_cues(doc: &Doc, claims: &[RawClaim]) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let Some((ctx, cues)) = read_sentence(doc, s) else { continue };
        for cue in &cues {
            if let Some(r) = ctx.bytes(cue.first, cue.last) {
                if !claims.iter().any(|c| c.cue.start == r.start) {
                    out.push((r, cue.first > ctx.lo && ctx.lower(cue.first - 1) == ","));
                }
            }
        }
    }
    out
}

/// Whether token `t` is inside a quotation (they are sorted and disjoint: the one
/// that may hold it is found by bisection).
fn in_quote(quotes: &[Quote], t: &Tok) -> bool {
    let i = quotes.partition_point(|q| q.inner.start <= t.start);
    i > 0 && t.end <= quotes[i - 1].inner.end
}

/// For learning the learned rows, what they see of each of `claims` (found with
/// them off): the places where its content may end, with their features (none
/// where the content does not follow its cue), and what `speech` weighs.
#[cfg_attr(not(feature = "model"), allow(dead_code))]
pub(crate) fn learned_features(doc: &Doc, claims: &[RawClaim]) -> Vec<(Vec<content_end::Candidate>, Vec<String>)> {
    claims
        .iter()
        .map(|c| {
            let s = doc.sentences.get(doc.sentences.partition_point(|s| s.end <= c.cue.start));
            match s.and_then(|s| read_sentence(doc, s)) {
                Some((ctx, cues)) => (content_end::candidates(&ctx, &cues, c), speech::features(&ctx, c)),
                None => (Vec::new(), Vec::new()),
            }
        })
        .collect()
}

/// Sentence `s` of `doc` as the rules read it: its tokens (a [`Ctx`]) and its cues,
/// those inside quotations left out. `None` for a sentence without tokens.
fn read_sentence<'a>(doc: &'a Doc<'a>, s: &Range<usize>) -> Option<(Ctx<'a>, Vec<Cue>)> {
    let Range { start: lo, end: hi } = starting_in(&doc.toks, s);
    if lo >= hi {
        return None;
    }
    // a capitalised later word of a person's name is no cue (`Omar Said`), nor a
    // word that is a cue or a noun where the model tagged it a noun, unless a name
    // stands before it or a clause follows (`dubious medical claims on air`; not
    // `Lynch notes the agency had no choice`, `she notes they were ...`)
    let reads_as_verb = |t: &Tok| {
        let at = doc.toks.partition_point(|x| x.start < t.start);
        let next = doc.toks.get(at + 1).map_or("", |n| n.lower.as_str());
        let name_before =
            at.checked_sub(1).is_some_and(|p| doc.name_ends_at(doc.toks[p].end) || SUBJECT_PRONOUNS.contains(&doc.toks[p].lower.as_str()));
        name_before
            || CONTENT_OPENERS.contains(&next)
            || SUBJECT_PRONOUNS.contains(&next)
            || CLAUSE_PUNCTUATION.iter().any(|c| next.starts_with(*c))
    };
    let skip = |t: &Tok| {
        in_quote(&doc.quotes, t)
            || t.cap && doc.inside_person_name(t.start)
            || CUE_NOUNS.contains(&t.lower.as_str()) && doc.tagged_noun(t.start) && !reads_as_verb(t)
    };
    let cues = find_cues(&doc.toks, lo, hi, &skip);
    Some((Ctx::new(doc, (lo, hi)), cues))
}

/// Sorts claims by cue, then content start.
fn sort_claims(claims: &mut [RawClaim]) {
    claims.sort_by_key(|c| (c.cue.start, c.cue.end, c.content.as_ref().map_or(0, |r| r.start)));
}

/// Drops nested reports: a cue inside another claim's content is that claim's
/// business (a claim's content never holds its own cue). Contents sorted by start,
/// with the running maximum of their ends, answer "is this cue inside any content?"
/// in logarithmic time.
fn drop_nested(claims: &mut Vec<RawClaim>) {
    let mut contents: Vec<Range<usize>> = claims.iter().filter_map(|c| c.content.clone()).collect();
    contents.sort_by_key(|r| r.start);
    let mut reach = Vec::with_capacity(contents.len());
    let mut m = 0;
    for r in &contents {
        m = m.max(r.end);
        reach.push(m);
    }
    claims.retain(|c| {
        let i = contents.partition_point(|r| r.start <= c.cue.start);
        !(i > 0 && reach[i - 1] >= c.cue.end)
    });
}
