//! Claims → speakers: what each speaker mention says about its source (anonymity,
//! name, descriptor: [`analysis`]) and what `he`, `the official` or `one of them`
//! stands for (coreference, here). Pure functions over the text, the raw claims and
//! entity spans.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::claim::{Anonymity, Claim, Speaker, SpeakerKind};
use crate::claims::RawClaim;
use crate::doc::Doc;
use crate::entity::{Entity, EntityKind};
use crate::lexicon::{is_title, ARTICLES, GENERIC_SOURCE_NOUNS};
use crate::span::Span;

mod analysis;

pub(crate) use analysis::anonymity_markers;
use analysis::{analyse, MentionFacts, Pronoun};

/// Speaker analysis and resolution for every raw claim, in order.
pub(crate) fn resolve_all(doc: &Doc, raws: &[RawClaim]) -> Vec<Claim> {
    let (text, sentences) = (doc.text, &doc.sentences[..]);
    // antecedents so far: (mention range, what it says)
    let mut seen: Vec<(std::ops::Range<usize>, MentionFacts)> = Vec::new();
    let mut out = Vec::with_capacity(raws.len());
    // anonymity markers of each sentence, found once however many claims it holds
    let mut markers_of: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for raw in raws {
        let a = facts(doc, &raw.speaker);
        // "X, who said ...": "who" is X; else pronouns and back-references look back
        let relative = raw.relative_to.clone().map(|r| {
            let t = facts(doc, &r);
            (r, t)
        });
        let titled = a.title.as_deref().and_then(|title| titled_person(doc, raw.speaker.start, title));
        let target = if relative.is_some() {
            relative
        } else if let Some(r) = titled.clone() {
            let t = facts(doc, &r);
            Some((r, t))
        } else if a.pronoun.is_some() || a.back_reference {
            antecedent(doc, &raw.speaker, &a, &seen)
        } else {
            None
        };
        let stands_for = a.pronoun.is_some() || raw.relative_to.is_some() || titled.is_some();
        let (anonymity, name, kind) = match &target {
            Some((_, t)) => (t.anonymity, t.name.clone(), if stands_for { t.kind } else { a.kind }),
            // `he` / `she` with no antecedent found: news names the people it quotes by
            // pronoun far more often than it hides them, so a named person it stays
            None if a.pronoun == Some(Pronoun::Person) => (Anonymity::Named, None, a.kind),
            None => (a.anonymity, a.name.clone(), a.kind),
        };
        let resolved = target.as_ref().and_then(|(r, _)| Span::of(text, r.start, r.end));
        // the sentence of the cue holds the anonymity markers (those near the cue)
        let i = sentences.partition_point(|s| s.end <= raw.cue.start);
        let sent = sentences.get(i).filter(|s| s.start <= raw.cue.start).cloned().unwrap_or(raw.cue.clone());
        let markers = markers_of
            .entry(sent.start)
            .or_insert_with(|| anonymity_markers(text, sent))
            .iter()
            .filter(|m| m.end + MARKER_REACH >= raw.cue.start && m.start <= raw.cue.end + MARKER_REACH)
            .filter_map(|r| Span::of(text, r.start, r.end))
            .collect();
        let (Some(cue), Some(mention)) = (Span::of(text, raw.cue.start, raw.cue.end), Span::of(text, raw.speaker.start, raw.speaker.end))
        else {
            continue;
        };
        let content = raw.content.as_ref().and_then(|r| Span::of(text, r.start, r.end));
        let descriptor = match &target {
            Some((_, t)) if stands_for || a.back_reference => t.descriptor.clone(),
            _ => a.descriptor.clone(),
        };
        out.push(Claim {
            speaker: Speaker { start: mention.start, end: mention.end, text: mention.text, resolved, name, kind, descriptor },
            anonymity,
            anonymity_markers: markers,
            stance: raw.stance,
            cue,
            text: content,
            quote: raw.quote,
            rule: raw.rule,
        });
        // later references resolve to the antecedent, not to the pronoun; a pronoun
        // left unresolved is no antecedent (it says nothing of who it is)
        match target {
            Some((r, t)) => seen.push((r, t)),
            None if a.pronoun.is_some() => {}
            None => seen.push((raw.speaker.clone(), a)),
        }
    }
    resolve_forward(&mut out);
    resolve_lede(doc, &mut out);
    out
}

/// What the mention at `r` of the window says about its source.
fn facts(doc: &Doc, r: &Range<usize>) -> MentionFacts {
    analyse(doc.text, r.clone(), &doc.toks_of(r), &doc.entities)
}

/// The person a definite title stands for (`the mayor` after `Mayor Bill de Blasio`,
/// `the senator` after `Sen. Ann Lee` or `Ann Lee, the senator from Ohio`): the latest
/// person entity before `at` with that title right before it or in the apposition
/// right after it.
fn titled_person(doc: &Doc, at: usize, title: &str) -> Option<Range<usize>> {
    let toks = &doc.toks;
    let before_has = |e: &Entity| {
        let i = toks.partition_point(|t| t.start < e.start);
        // a few words back, over the periods of abbreviations (`Sen.`)
        toks[i.saturating_sub(TITLE_WORDS)..i]
            .iter()
            .rev()
            .filter(|t| t.lower != ".")
            .take_while(|t| t.word)
            .any(|t| is_title(&t.lower, title))
    };
    let after_has = |e: &Entity| {
        let j = toks.partition_point(|t| t.start < e.end);
        toks.get(j).is_some_and(|t| t.lower == ",")
            && toks[j + 1..(j + 1 + TITLE_WORDS).min(toks.len())].iter().take_while(|t| t.word).any(|t| is_title(&t.lower, title))
    };
    doc.entities
        .iter()
        .rev()
        .filter(|e| e.end <= at && e.kind == EntityKind::Person)
        .find(|e| before_has(e) || after_has(e))
        .map(|e| e.start..e.end)
}

/// Most words a title stands from its name (`Democratic presidential nominee Hillary
/// Clinton`, `Ann Lee, the junior senator`).
const TITLE_WORDS: usize = 4;

/// "a Moody s official said ... Alastair Wilson, managing director at Moody s, said":
/// an unnamed person whose affiliation the next claim's named speaker shares is that
/// person.
fn resolve_forward(claims: &mut [Claim]) {
    for i in 1..claims.len() {
        let (before, after) = claims.split_at_mut(i);
        let (prev, next) = (&mut before[i - 1], &after[0]);
        let unnamed = prev.anonymity == Anonymity::Anonymous && prev.speaker.resolved.is_none() && prev.speaker.kind == SpeakerKind::Person;
        let named_next = next.anonymity == Anonymity::Named && next.speaker.resolved.is_none() && next.speaker.start > prev.cue.end;
        if !unnamed || !named_next || next.speaker.start - prev.cue.end > FORWARD_BYTES {
            continue;
        }
        let shared = prev.speaker.descriptor.affiliation.iter().any(|a| a.len() > 2 && next.speaker.text.contains(a.as_str()));
        if shared {
            take_name(prev, next);
        }
    }
}

/// The delayed name of a news lede: "Lawmaker urges retaliation" (headline), "A former
/// party chairman says ..." (lede), then "said Don Fowler, who ..." — an unnamed person
/// who speaks at the opening of a document, before any named source, is the named
/// speaker of the claim that follows when that name is new there. Resolved back to
/// front, so a headline takes the lede's name.
fn resolve_lede(doc: &Doc, claims: &mut [Claim]) {
    if !doc.opens_document {
        return;
    }
    let Some(first_named) = claims.iter().position(|c| c.anonymity == Anonymity::Named) else { return };
    for i in (0..first_named).rev() {
        let (before, after) = claims.split_at_mut(i + 1);
        let (prev, next) = (&mut before[i], &after[0]);
        let indefinite = doc
            .toks_of(&(prev.speaker.start..prev.speaker.end))
            .iter()
            .find(|t| t.word)
            .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an") || t.cap && !ARTICLES.contains(&t.lower.as_str()));
        let unnamed = prev.anonymity == Anonymity::Anonymous
            && prev.speaker.resolved.is_none()
            && prev.speaker.kind == SpeakerKind::Person
            && prev.speaker.descriptor.count.is_none_or(|n| n == 1)
            && indefinite
            && prev.cue.start < LEDE_BYTES;
        let named_next = next.anonymity == Anonymity::Named
            && next.speaker.kind == SpeakerKind::Person
            && next.speaker.start > prev.cue.end
            && next.speaker.start - prev.cue.end <= FORWARD_BYTES;
        // the name is new: its last word is not written before the unnamed mention
        let new_name = next
            .speaker
            .name
            .as_deref()
            .and_then(|n| n.rsplit(' ').next())
            .is_some_and(|last| doc.text.find(last).is_none_or(|at| at >= prev.speaker.end));
        // the named speaker is of no other body than the unnamed one ("a Moody s
        // official ... Anna Berg of Fitch" are two people); a body matches its initials
        let bodies =
            doc.entities.iter().filter(|e| e.kind != EntityKind::Person && e.start >= next.speaker.start && e.end <= next.speaker.end);
        let affiliation = &prev.speaker.descriptor.affiliation;
        let compatible = affiliation.is_empty()
            || bodies.clone().next().is_none()
            || affiliation.iter().any(|a| {
                a.len() > 2
                    && (next.speaker.text.contains(a.as_str()) || bodies.clone().any(|b| b.text == initials(a) || initials(&b.text) == *a))
            });
        if unnamed && named_next && new_name && compatible {
            take_name(prev, next);
        }
    }
}

/// An unnamed speaker resolved forward to the named speaker of a later claim: what
/// that mention stands for (or the mention itself), its name, named.
fn take_name(prev: &mut Claim, next: &Claim) {
    let s = &next.speaker;
    prev.speaker.resolved = Some(s.resolved.clone().unwrap_or(Span { start: s.start, end: s.end, text: s.text.clone() }));
    prev.speaker.name = s.name.clone();
    prev.anonymity = Anonymity::Named;
}

/// The initials of a name of several capitalised words (`Democratic National
/// Committee` → `DNC`).
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

/// How far into a document (bytes) its opening reaches: a headline, a lede and the
/// paragraph after it.
const LEDE_BYTES: usize = 1_000;

/// How far (bytes) from its cue an anonymity marker may stand in the cue's sentence.
const MARKER_REACH: usize = 400;

/// How many earlier speakers a pronoun or back-reference may point back over.
const ANTECEDENT_REACH: usize = 64;

/// How many sentences back a pronoun's antecedent may open a sentence.
const SUBJECT_REACH: usize = 20;

/// How far ahead (bytes) a forward reference may be named.
const FORWARD_BYTES: usize = 600;

/// The earlier mention a pronoun or back-reference stands for: the latest earlier
/// speaker that fits (person, body or group; same role for `the official`), or
/// for `he`/`she`/`it` a person or body that opens a more recent sentence.
fn antecedent(
    doc: &Doc,
    mention: &Range<usize>,
    a: &MentionFacts,
    seen: &[(Range<usize>, MentionFacts)],
) -> Option<(Range<usize>, MentionFacts)> {
    let (text, ents, sentences) = (doc.text, &doc.entities[..], &doc.sentences[..]);
    let at = mention.start;
    let fits = |c: &MentionFacts| -> bool {
        match a.pronoun {
            Some(Pronoun::Person) => c.kind == SpeakerKind::Person && !c.plural,
            Some(Pronoun::Thing) => {
                matches!(c.kind, SpeakerKind::Organization | SpeakerKind::Document) && !c.plural
                    || c.anonymity == Anonymity::Institutional && c.kind != SpeakerKind::Person
            }
            Some(Pronoun::Plural) => c.plural,
            None if a.kind == SpeakerKind::Document => c.anonymity == Anonymity::Institutional,
            // "one of them / one of the sources": one of a group
            None if a.group_member => c.plural && c.kind != SpeakerKind::Organization,
            None => {
                c.anonymity == Anonymity::Anonymous && c.plural == a.plural
                    || c.descriptor.role.is_some() && c.descriptor.role == a.descriptor.role
            }
        }
    };
    let same_role = |c: &MentionFacts| a.descriptor.role.is_some() && c.descriptor.role == a.descriptor.role;
    let earlier = seen.iter().rev().filter(|(r, _)| r.end <= at).take(ANTECEDENT_REACH);
    // the words a back-reference repeats of its antecedent ("the senior ministry official"
    // after "a senior ministry official", not after a later "a former mining official")
    let words = |r: &Range<usize>| -> Vec<String> {
        doc.toks_of(r).iter().filter(|t| t.word && !ARTICLES.contains(&t.lower.as_str())).map(|t| t.lower.clone()).collect()
    };
    let from_speakers = if a.back_reference {
        let own = words(mention);
        let shared = |r: &Range<usize>| words(r).iter().filter(|w| own.contains(w)).count();
        // the latest speaker of the same role that repeats the most of its words
        let mut best: Option<(&(Range<usize>, MentionFacts), usize)> = None;
        for s in earlier.clone().filter(|(_, c)| same_role(c)) {
            let n = shared(&s.0);
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((s, n));
            }
        }
        // (a back-reference with a role names the role: "the investor" is no earlier
        // "the undersecretary"; "the person", "the source" may be anyone's)
        let any_role = a.descriptor.role.as_deref().is_none_or(|r| GENERIC_SOURCE_NOUNS.contains(&r));
        best.map(|(s, _)| s).or_else(|| earlier.clone().find(|(_, c)| fits(c) && any_role))
    } else {
        earlier.clone().find(|(_, c)| fits(c))
    };
    // a person or body that opens a sentence after that speaker ("Trump has ... He said")
    let subject = match a.pronoun {
        Some(Pronoun::Person) | Some(Pronoun::Thing) => {
            let want = |k: EntityKind| if a.pronoun == Some(Pronoun::Person) { k == EntityKind::Person } else { k != EntityKind::Person };
            let after = from_speakers.map_or(0, |(r, _)| r.end);
            let (lo, hi) = (sentences.partition_point(|s| s.start < after), sentences.partition_point(|s| s.start < at));
            sentences[lo..hi.max(lo)].iter().rev().take(SUBJECT_REACH).find_map(|s| {
                let lead = &text[s.clone()];
                let skip = lead.len() - lead.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                // entities are sorted by start
                let first = ents.partition_point(|e| e.start < s.start + skip);
                ents[first..].iter().take_while(|e| e.start == s.start + skip).find(|e| want(e.kind) && e.end <= at)
            })
        }
        _ => None,
    };
    if let Some(e) = subject {
        let r = e.start..e.end;
        let t = facts(doc, &r);
        return Some((r, t));
    }
    from_speakers.cloned()
}
