//! The pipeline: text → sentences → entities → cues → claims → speaker
//! resolution → [`Article`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::claim::{Anonymity, Claim, Speaker, SpeakerKind};
use crate::claims::{raw_claims, RawClaim};
use crate::entity::{Entity, EntityKind};
use crate::error::Result;
use crate::models::ModelsConfig;
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
            .filter(|e| e.end <= w.end)
            .map(|e| Entity { start: e.start - w.start, end: e.end - w.start, ..(*e).clone() })
            .collect();
        out.extend(attribute_window(&text[w.clone()], &local).into_iter().map(|c| shift(c, w.start)));
    }
    out
}

/// Bytes of text the heuristics see at once: longer documents are cut into windows
/// (at line breaks) so that time and memory grow linearly with their length.
/// References do not cross windows; news articles fit in one.
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

/// The heuristics over one window.
fn attribute_window(text: &str, entities: &[Entity]) -> Vec<Claim> {
    let mut ents: Vec<Entity> = entities
        .iter()
        .filter(|e| e.start < e.end && text.get(e.start..e.end).is_some())
        .cloned()
        .collect();
    ents.sort_by_key(|e| (e.start, e.end));
    let sentences = sentence_spans(text);
    let toks = tokenize(text, 0..text.len());
    let quotes = find_quotes(text);
    let raws = raw_claims(text, &toks, &sentences, &quotes);
    resolve_all(text, &raws, &ents, &sentences)
}

/// Speaker analysis and resolution for every raw claim, in order.
fn resolve_all(text: &str, raws: &[RawClaim], ents: &[Entity], sentences: &[std::ops::Range<usize>]) -> Vec<Claim> {
    // antecedents so far: (mention range, analysis)
    let mut seen: Vec<(std::ops::Range<usize>, Analysis)> = Vec::new();
    let mut out = Vec::with_capacity(raws.len());
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
        // the sentence of the cue holds the anonymity markers
        let sent = sentences
            .iter()
            .find(|s| s.start <= raw.cue.start && raw.cue.start < s.end)
            .cloned()
            .unwrap_or(raw.cue.clone());
        let markers = anonymity_markers(text, sent).into_iter().filter_map(|r| Span::of(text, r.start, r.end)).collect();
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
    out
}

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
            None => c.anonymity == Anonymity::Anonymous && c.plural == a.plural || c.descriptor.role.is_some() && c.descriptor.role == a.descriptor.role,
        }
    };
    let same_role = |c: &Analysis| a.descriptor.role.is_some() && c.descriptor.role == a.descriptor.role;
    let earlier = seen.iter().filter(|(r, _)| r.end <= at);
    let from_speakers = if a.back_reference {
        earlier.clone().rev().find(|(_, c)| same_role(c)).or_else(|| earlier.clone().rev().find(|(_, c)| fits(c)))
    } else {
        earlier.clone().rev().find(|(_, c)| fits(c))
    };
    // a person or body that opens a sentence after that speaker ("Trump has ... He said")
    let subject = match a.pronoun {
        Some(Pronoun::Person) | Some(Pronoun::Thing) => {
            let want = |k: EntityKind| if a.pronoun == Some(Pronoun::Person) { k == EntityKind::Person } else { k != EntityKind::Person };
            let after = from_speakers.map_or(0, |(r, _)| r.end);
            sentences
                .iter()
                .filter(|s| s.start >= after && s.start < at)
                .filter_map(|s| {
                    let lead = &text[s.clone()];
                    let skip = lead.len() - lead.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                    ents.iter().find(|e| e.start == s.start + skip && want(e.kind) && e.end <= at)
                })
                .last()
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
pub struct Extractor {
    ner: NerModel,
}

impl Extractor {
    /// An extractor around an already loaded NER model.
    pub fn new(ner: NerModel) -> Extractor {
        Extractor { ner }
    }

    /// Loads model `name` (or the default) of a `models.toml`.
    pub fn from_models_file(models_toml: impl AsRef<Path>, name: Option<&str>) -> Result<Extractor> {
        Ok(Extractor::new(NerModel::from_config(&ModelsConfig::from_file(models_toml)?, name)?))
    }

    /// The NER model.
    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    /// The claims and sources of one article (of any length: long documents are
    /// processed window by window, in bounded memory).
    pub fn extract(&self, text: &str) -> Result<Article> {
        let mut claims = Vec::new();
        for w in windows(text, WINDOW) {
            let part = &text[w.clone()];
            let entities = self.ner.recognize(part)?;
            claims.extend(attribute(part, &entities).into_iter().map(|c| shift(c, w.start)));
        }
        Ok(Article::from_claims(claims))
    }

    /// Many articles at once: their sentences share NER batches.
    pub fn extract_batch<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Article>> {
        let entities = self.ner.recognize_batch(texts)?;
        Ok(texts.iter().zip(&entities).map(|(t, e)| Article::from_claims(attribute(t.as_ref(), e))).collect())
    }
}
