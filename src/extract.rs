//! The pipeline: text → sentences → entities → cues → claims → speaker
//! resolution → [`Article`].

use std::collections::BTreeMap;
use std::ops::Range;
#[cfg(feature = "model")]
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::claim::{Anonymity, Claim, Speaker, SpeakerKind};
use crate::claims::{raw_claims, RawClaim};
use crate::entity::{Entity, EntityKind};
#[cfg(feature = "model")]
use crate::error::{Error, Result};
#[cfg(feature = "model")]
use crate::ner::NerModel;
use crate::quotes::find_quotes;
use crate::resolve::{analyse, anonymity_markers, Analysis, Pronoun};
use crate::span::Span;
use crate::text::{sentence_spans, windows};
use crate::tokens::tokenize;

/// The claims of one article, and its sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Every claim, in text order.
    pub claims: Vec<Claim>,
    /// The claims grouped by the source they resolve to.
    pub sources: Vec<Source>,
    /// Share of claims (0..=1) made by anonymous sources; 0 when there is none.
    pub anonymous_share: f64,
}

/// One source of an article and its claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The mention that introduces the source (the resolved mention for pronouns).
    pub mention: String,
    /// The proper name, for named persons and bodies.
    pub name: Option<String>,
    /// Named, institutional or anonymous.
    pub anonymity: Anonymity,
    /// Indices into [`Article::claims`].
    pub claims: Vec<usize>,
}

impl Article {
    /// Builds the article result from claims.
    pub fn from_claims(claims: Vec<Claim>) -> Article {
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        let mut sources: Vec<Source> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let mention = c.speaker.resolved.as_ref().map_or(c.speaker.text.clone(), |r| r.text.clone());
            let key = c.speaker.name.clone().unwrap_or_else(|| mention.to_lowercase());
            match groups.get(&key) {
                Some(&g) => sources[g].claims.push(i),
                None => {
                    groups.insert(key, sources.len());
                    sources.push(Source { mention, name: c.speaker.name.clone(), anonymity: c.anonymity, claims: vec![i] });
                }
            }
        }
        let anonymous = claims.iter().filter(|c| c.anonymity == Anonymity::Anonymous).count();
        let anonymous_share = if claims.is_empty() { 0.0 } else { anonymous as f64 / claims.len() as f64 };
        Article { claims, sources, anonymous_share }
    }
}

/// Claims of `text` given its named entities: the attribution heuristics alone, a
/// pure function (no model). Entities must be byte spans into `text`; ones that are
/// not are ignored.
pub fn attribute(text: &str, entities: &[Entity]) -> Vec<Claim> {
    let mut ents: Vec<&Entity> = entities.iter().collect();
    ents.sort_by_key(|e| (e.start, e.end));
    let mut out = Vec::new();
    for w in windows(text, WINDOW) {
        let lo = ents.partition_point(|e| e.start < w.start);
        let hi = ents.partition_point(|e| e.start < w.end);
        let local: Vec<Entity> = ents[lo..hi]
            .iter()
            // inverted or out-of-window spans are not trusted
            .filter(|e| e.start < e.end && e.end <= w.end)
            .map(|e| Entity { start: e.start - w.start, end: e.end - w.start, ..(*e).clone() })
            .collect();
        let part = &text[w.clone()];
        out.extend(Plan::new(part).finish(part, &local).into_iter().map(|c| shift(c, w.start)));
    }
    out
}

/// Bytes of text the heuristics see at once: longer documents are cut into windows
/// (between sentences, never inside a quotation: see [`windows`]) so that memory
/// grows with the longest sentence, not with the document. Pronouns do not point
/// across windows; news articles fit in one.
const WINDOW: usize = 64 * 1024;

/// Moves a claim's spans by `by` bytes.
fn shift(mut c: Claim, by: usize) -> Claim {
    let mv = |s: &mut Span| {
        s.start += by;
        s.end += by;
    };
    c.speaker.start += by;
    c.speaker.end += by;
    if let Some(r) = c.speaker.resolved.as_mut() {
        mv(r);
    }
    mv(&mut c.cue);
    if let Some(t) = c.text.as_mut() {
        mv(t);
    }
    c.anonymity_markers.iter_mut().for_each(mv);
    c
}

/// The entity-free part of the heuristics over one window: sentences and raw
/// claims. Which sentences need entities follows from it.
struct Plan {
    sentences: Vec<Range<usize>>,
    raws: Vec<RawClaim>,
}

impl Plan {
    fn new(text: &str) -> Plan {
        let sentences = sentence_spans(text);
        let toks = tokenize(text, 0..text.len());
        let quotes = find_quotes(text);
        let raws = raw_claims(text, &toks, &sentences, &quotes);
        Plan { sentences, raws }
    }

    #[cfg(feature = "model")]
    /// The stretches of text whose entities speaker analysis reads, as byte ranges
    /// on word boundaries: each speaker mention with a few words of context; for a
    /// pronoun, the openings of the sentences back to the previous speaker (at most
    /// three), where a sentence subject may be its antecedent; and for a one-word
    /// name, the context of its first mention (where the full name usually is).
    fn stretches_needed(&self, text: &str) -> Vec<Range<usize>> {
        let n = self.sentences.len();
        let index = |b: usize| self.sentences.partition_point(|s| s.end <= b).min(n.saturating_sub(1));
        let mut need: Vec<Range<usize>> = Vec::new();
        let mut prev_speaker = 0;
        for raw in &self.raws {
            if n == 0 {
                break;
            }
            let i = index(raw.speaker.start);
            let sent = self.sentences[i].clone();
            need.push(around(text, raw.speaker.clone(), &sent, CONTEXT_WORDS));
            let mention = &text[raw.speaker.clone()];
            if matches!(mention.to_lowercase().as_str(), "he" | "she" | "it" | "they") {
                for s in &self.sentences[prev_speaker.max(i.saturating_sub(3))..i] {
                    need.push(around(text, s.start..s.start, s, OPENING_WORDS));
                }
            }
            // a short name ("Zarif", "Cho"): its first mention, where the full name is
            let names = mention
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| w.len() > 2 && w.chars().next().is_some_and(char::is_uppercase) && !matches!(*w, "The" | "An"))
                .take(3);
            for word in names {
                let first = self.sentences[..i].iter().find_map(|s| text[s.clone()].find(word).map(|at| (s, s.start + at)));
                if let Some((s, at)) = first {
                    need.push(around(text, at..at + word.len(), s, CONTEXT_WORDS));
                }
            }
            prev_speaker = i;
        }
        // merge overlapping stretches
        need.sort_by_key(|r| r.start);
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in need {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }

    fn finish(&self, text: &str, entities: &[Entity]) -> Vec<Claim> {
        // only spans of this text, and with its words: a caller's `text` field is not
        // trusted (an empty one once gave empty names)
        let mut ents: Vec<Entity> = entities
            .iter()
            .filter_map(|e| {
                let slice = text.get(e.start..e.end).filter(|s| !s.trim().is_empty())?;
                Some(Entity { text: slice.to_owned(), ..e.clone() })
            })
            .collect();
        ents.sort_by_key(|e| (e.start, e.end));
        resolve_all(text, &self.raws, &ents, &self.sentences)
    }
}

/// Words of context the NER model sees on each side of a speaker mention.
#[cfg(feature = "model")]
const CONTEXT_WORDS: usize = 6;
/// Words of a sentence opening tagged for pronoun antecedents.
#[cfg(feature = "model")]
const OPENING_WORDS: usize = 10;

/// `r` widened by `words` whitespace-separated words on each side, within `bound`.
#[cfg(feature = "model")]
fn around(text: &str, r: Range<usize>, bound: &Range<usize>, words: usize) -> Range<usize> {
    let before = &text[bound.start..r.start.max(bound.start)];
    let mut start = r.start.max(bound.start);
    let mut seen = 0;
    for (i, c) in before.char_indices().rev() {
        if c.is_whitespace() {
            seen += 1;
            if seen > words {
                break;
            }
        }
        start = bound.start + i;
    }
    let after = &text[r.end.min(bound.end)..bound.end];
    let mut end = r.end.min(bound.end);
    let mut seen = 0;
    for (i, c) in after.char_indices() {
        if c.is_whitespace() {
            seen += 1;
            if seen > words {
                break;
            }
        }
        end = r.end.min(bound.end) + i + c.len_utf8();
    }
    start..end.max(start)
}

/// Speaker analysis and resolution for every raw claim, in order.
fn resolve_all(text: &str, raws: &[RawClaim], ents: &[Entity], sentences: &[std::ops::Range<usize>]) -> Vec<Claim> {
    // antecedents so far: (mention range, analysis)
    let mut seen: Vec<(std::ops::Range<usize>, Analysis)> = Vec::new();
    let mut out = Vec::with_capacity(raws.len());
    // anonymity markers of each sentence, found once however many claims it holds
    let mut markers_of: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for raw in raws {
        let a = analyse(text, raw.speaker.clone(), ents);
        let target = if a.pronoun.is_some() || a.back_reference {
            antecedent(text, raw.speaker.start, &a, &seen, ents, sentences)
        } else {
            None
        };
        let (anonymity, name, kind) = match &target {
            Some((_, t)) => (t.anonymity, t.name.clone(), if a.pronoun.is_some() { t.kind } else { a.kind }),
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
        let (Some(cue), Some(mention)) = (Span::of(text, raw.cue.start, raw.cue.end), Span::of(text, raw.speaker.start, raw.speaker.end)) else {
            continue;
        };
        let content = raw.content.as_ref().and_then(|r| Span::of(text, r.start, r.end));
        let descriptor = match &target {
            Some((_, t)) if a.pronoun.is_some() || a.back_reference => t.descriptor.clone(),
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
        });
        // later references resolve to the antecedent, not to the pronoun
        match target {
            Some((r, t)) => seen.push((r, t)),
            None => seen.push((raw.speaker.clone(), a)),
        }
    }
    resolve_forward(&mut out);
    out
}

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
            prev.speaker.resolved = Some(Span { start: next.speaker.start, end: next.speaker.end, text: next.speaker.text.clone() });
            prev.speaker.name = next.speaker.name.clone();
            prev.anonymity = Anonymity::Named;
        }
    }
}

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
    text: &str,
    at: usize,
    a: &Analysis,
    seen: &[(std::ops::Range<usize>, Analysis)],
    ents: &[Entity],
    sentences: &[std::ops::Range<usize>],
) -> Option<(std::ops::Range<usize>, Analysis)> {
    let fits = |c: &Analysis| -> bool {
        match a.pronoun {
            Some(Pronoun::Person) => c.kind == SpeakerKind::Person && !c.plural,
            Some(Pronoun::Thing) => matches!(c.kind, SpeakerKind::Organization | SpeakerKind::Document) && !c.plural
                || c.anonymity == Anonymity::Institutional && c.kind != SpeakerKind::Person,
            Some(Pronoun::Plural) => c.plural,
            None if a.kind == SpeakerKind::Document => c.anonymity == Anonymity::Institutional,
            // "one of them / one of the sources": one of a group
            None if a.group_member => c.plural && c.kind != SpeakerKind::Organization,
            None => c.anonymity == Anonymity::Anonymous && c.plural == a.plural || c.descriptor.role.is_some() && c.descriptor.role == a.descriptor.role,
        }
    };
    let same_role = |c: &Analysis| a.descriptor.role.is_some() && c.descriptor.role == a.descriptor.role;
    let earlier = seen.iter().rev().filter(|(r, _)| r.end <= at).take(ANTECEDENT_REACH);
    let from_speakers = if a.back_reference {
        earlier.clone().find(|(_, c)| same_role(c)).or_else(|| earlier.clone().find(|(_, c)| fits(c)))
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
        return Some((e.start..e.end, analyse(text, e.start..e.end, ents)));
    }
    from_speakers.cloned()
}

/// Builds [`Article`]s from text: the NER model plus the heuristics. Build once;
/// `&self` methods may be called from many threads.
#[cfg(feature = "model")]
pub struct Extractor {
    ner: NerModel,
}

#[cfg(feature = "model")]
impl Extractor {
    /// An extractor around an already loaded NER model.
    pub fn new(ner: NerModel) -> Extractor {
        Extractor { ner }
    }

    /// Loads model `name` (or the default) of a `models.toml`.
    pub fn from_models_file(models_toml: impl AsRef<Path>, name: Option<&str>) -> Result<Extractor> {
        NerModel::from_models_file(models_toml, name).map(Extractor::new)
    }

    /// The NER model.
    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    /// The claims and sources of one article (of any length: long documents are
    /// processed window by window, in bounded memory).
    ///
    /// The NER model runs only on the sentences the speaker analysis reads (those
    /// with a speaker, and the few a pronoun may point back to), which gives the
    /// same claims as tagging every sentence at a fraction of the cost.
    pub fn extract(&self, text: &str) -> Result<Article> {
        let mut articles = self.extract_batch(&[text])?;
        Ok(articles.pop().unwrap_or_else(|| Article::from_claims(Vec::new())))
    }

    /// Many articles at once: their sentences share NER batches.
    pub fn extract_batch<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Article>> {
        // every window of every text, planned; their needed sentences share NER batches
        let mut parts: Vec<(usize, Range<usize>, Plan)> = Vec::new();
        for (t, text) in texts.iter().enumerate() {
            for w in windows(text.as_ref(), WINDOW) {
                let plan = guarded(|| Plan::new(&text.as_ref()[w.clone()]))?;
                parts.push((t, w, plan));
            }
        }
        let mut segs: Vec<(usize, Range<usize>)> = Vec::new();
        for (p, (t, w, plan)) in parts.iter().enumerate() {
            for r in guarded(|| plan.stretches_needed(&texts[*t].as_ref()[w.clone()]))? {
                segs.push((p, r));
            }
        }
        let segments: Vec<(&str, usize)> = segs
            .iter()
            .map(|(p, r)| {
                let (t, w, _) = &parts[*p];
                (&texts[*t].as_ref()[w.start + r.start..w.start + r.end], r.start)
            })
            .collect();
        let found = self.ner.recognize_segments(&segments)?;
        let mut per_part: Vec<Vec<Entity>> = vec![Vec::new(); parts.len()];
        for ((p, _), ents) in segs.iter().zip(found) {
            per_part[*p].extend(ents);
        }
        let mut claims: Vec<Vec<Claim>> = vec![Vec::new(); texts.len()];
        for ((t, w, plan), ents) in parts.iter().zip(per_part) {
            let part = &texts[*t].as_ref()[w.clone()];
            claims[*t].extend(guarded(|| plan.finish(part, &ents))?.into_iter().map(|c| shift(c, w.start)));
        }
        Ok(claims.into_iter().map(Article::from_claims).collect())
    }
}

/// Runs a step of the heuristics so that a bug in it becomes [`Error::Internal`]
/// for this call instead of unwinding through the caller (a service or a corpus
/// run goes on with the next document). The heuristics hold no shared state, so
/// nothing is left half-updated.
#[cfg(feature = "model")]
fn guarded<T>(step: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Error::Internal { message }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Descriptor, QuoteKind, Stance};

    fn claim(mention: &str, resolved: Option<&str>, name: Option<&str>, anonymity: Anonymity) -> Claim {
        let span = |t: &str| Span { start: 0, end: t.len(), text: t.to_owned() };
        Claim {
            speaker: Speaker {
                start: 0,
                end: mention.len(),
                text: mention.to_owned(),
                resolved: resolved.map(span),
                name: name.map(str::to_owned),
                kind: SpeakerKind::Person,
                descriptor: Descriptor::default(),
            },
            anonymity,
            anonymity_markers: Vec::new(),
            stance: Stance::Assert,
            cue: span("said"),
            text: None,
            quote: QuoteKind::Unknown,
        }
    }

    /// Sources group claims by name, else by the (resolved) mention, case-blind;
    /// the anonymous share counts claims, not sources.
    #[test]
    fn sources_and_anonymous_share() {
        use Anonymity::*;
        let claims = vec![
            claim("Ana Silva", None, Some("Ana Silva"), Named),
            claim("a senior official", None, None, Anonymous),
            claim("Silva", None, Some("Ana Silva"), Named),
            claim("the official", Some("a senior official"), None, Anonymous),
            claim("A senior official", None, None, Anonymous),
            claim("The ministry", None, Some("ministry"), Institutional),
        ];
        let a = Article::from_claims(claims);
        let got: Vec<(&str, Option<&str>, Anonymity, &[usize])> =
            a.sources.iter().map(|s| (s.mention.as_str(), s.name.as_deref(), s.anonymity, s.claims.as_slice())).collect();
        assert_eq!(
            got,
            [
                ("Ana Silva", Some("Ana Silva"), Named, &[0, 2][..]),
                ("a senior official", None, Anonymous, &[1, 3, 4][..]),
                ("The ministry", Some("ministry"), Institutional, &[5][..]),
            ]
        );
        assert_eq!(a.anonymous_share, 0.5);
        assert_eq!(Article::from_claims(Vec::new()).anonymous_share, 0.0);
    }

    #[cfg(feature = "model")]
    #[test]
    fn a_panic_in_a_step_is_a_typed_error() {
        let e = guarded(|| -> usize { panic!("boom at byte 7") }).unwrap_err();
        assert!(matches!(&e, Error::Internal { message } if message == "boom at byte 7"), "{e:?}");
        assert_eq!(guarded(|| 3).unwrap(), 3);
    }
}
