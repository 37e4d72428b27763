//! CoNLL-2003 files and entity-level scoring (exact span match, as seqeval does),
//! and the scores of an NER model on them (`evaluate_entities`, `evaluate_syntax`: `model` feature).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::entity::EntityKind;
use crate::error::{Error, Result};
use crate::labels::{chunks, Label};
pub use crate::syntax::SentenceSyntax;

/// One sentence of a CoNLL file: its words, their IOB2 entity labels and, when the
/// file has the four CoNLL-2003 columns, their POS and IOB2 chunk tags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllSentence {
    /// The words.
    pub words: Vec<String>,
    /// One label per word (`O`, `B-PER`, ...).
    pub tags: Vec<String>,
    /// One part-of-speech tag per word (`NNP`, `VBD`, ...), or none.
    pub pos: Vec<String>,
    /// One chunk tag per word (`B-NP`, `I-VP`, `O`, ...), or none.
    pub chunks: Vec<String>,
}

/// Reads a CoNLL-2003 file (`word POS chunk NER` per line, or `word NER`; blank line
/// between sentences, `-DOCSTART-` lines skipped). IOB1 input is converted to IOB2
/// (entities and chunks).
pub fn read_conll(path: &Path) -> Result<Vec<ConllSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_conll(&text).map_err(|reason| Error::InvalidData { path: path.to_owned(), reason })
}

/// Parses CoNLL text; see [`read_conll`].
pub fn parse_conll(text: &str) -> std::result::Result<Vec<ConllSentence>, String> {
    let mut out = Vec::new();
    let mut cur = ConllSentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(&word), Some(&tag)) = (cols.first(), cols.last()) else {
            return Err(format!("line {}: empty", n + 1));
        };
        if Label::parse(tag).is_none() {
            return Err(format!("line {}: unknown label `{tag}`", n + 1));
        }
        if let [_, pos, chunk, _] = cols[..] {
            cur.pos.push(pos.to_owned());
            cur.chunks.push(iob2(chunk, cur.chunks.last()));
        }
        cur.words.push(word.to_owned());
        cur.tags.push(iob2(tag, cur.tags.last()));
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// IOB1 → IOB2, given the tag before (already IOB2): an `I-X` that does not
/// continue an `X` starts one, `B-X`; other tags stay.
fn iob2(tag: &str, prev: Option<&String>) -> String {
    match (tag.split_once('-'), prev.and_then(|p| p.split_once('-'))) {
        (Some(("I", k)), Some((_, j))) if j == k => tag.to_owned(),
        (Some(("I", k)), _) => format!("B-{k}"),
        _ => tag.to_owned(),
    }
}

/// Precision, recall and F1 for one entity type or overall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Exact matches (same span, same type).
    pub correct: usize,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

/// `a / b`, 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Harmonic mean of two rates, 0 when both are 0.
pub(crate) fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Entity-level scores, per type and overall.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EntityScores {
    /// Per entity kind.
    pub per_kind: BTreeMap<EntityKind, Prf>,
    /// All kinds together (micro average).
    pub overall: Prf,
}

/// Scores predicted tag sequences against gold ones, sentence by sentence
/// (exact chunk match, seqeval's default mode).
pub fn score_tags<S: AsRef<str>>(gold: &[Vec<S>], predicted: &[Vec<S>]) -> EntityScores {
    let mut scores = EntityScores::default();
    for k in EntityKind::ALL {
        scores.per_kind.insert(k, Prf::default());
    }
    let parse = |tags: &[S]| -> Vec<Label> { tags.iter().map(|t| Label::parse(t.as_ref()).unwrap_or(Label::O)).collect() };
    for (g, p) in gold.iter().zip(predicted) {
        let gc = chunks(&parse(g));
        let pc = chunks(&parse(p));
        for &(_, _, k) in &gc {
            scores.per_kind.entry(k).or_default().gold += 1;
            scores.overall.gold += 1;
        }
        for c in &pc {
            let e = scores.per_kind.entry(c.2).or_default();
            e.predicted += 1;
            scores.overall.predicted += 1;
            if gc.contains(c) {
                e.correct += 1;
                scores.overall.correct += 1;
            }
        }
    }
    scores
}

/// Part-of-speech accuracy and chunk scores (conlleval: exact span and type).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SyntaxScores {
    /// Words with a gold POS tag.
    pub words: usize,
    /// Of them, tagged right.
    pub pos_correct: usize,
    /// Chunk counts over all types.
    pub chunks: Prf,
}

impl SyntaxScores {
    /// Share of words with the right POS tag.
    pub fn pos_accuracy(&self) -> f64 {
        ratio(self.pos_correct, self.words)
    }
}

/// Scores predicted POS and chunk tags against gold ones, sentence by sentence.
/// Sentences without gold tags are skipped.
pub fn score_syntax<S: AsRef<str>>(gold: &[(Vec<S>, Vec<S>)], predicted: &[(Vec<S>, Vec<S>)]) -> SyntaxScores {
    let mut out = SyntaxScores::default();
    for ((gp, gc), (pp, pc)) in gold.iter().zip(predicted) {
        out.words += gp.len();
        out.pos_correct += gp.iter().zip(pp).filter(|(g, p)| g.as_ref() == p.as_ref()).count();
        let g = crate::syntax::iob_chunks(gc);
        let p = crate::syntax::iob_chunks(pc);
        out.chunks.gold += g.len();
        out.chunks.predicted += p.len();
        out.chunks.correct += p.iter().filter(|c| g.contains(c)).count();
    }
    out
}

/// Entity-level scores of `model` on CoNLL sentences (exact span match per type).
#[cfg(feature = "onnx")]
pub fn evaluate_entities(model: &crate::ner::NerModel, sentences: &[ConllSentence]) -> Result<EntityScores> {
    let words: Vec<Vec<String>> = sentences.iter().map(|s| s.words.clone()).collect();
    let gold: Vec<Vec<String>> = sentences.iter().map(|s| s.tags.clone()).collect();
    let predicted = model.tag_words(&words)?;
    Ok(score_tags(&gold, &predicted))
}

/// POS accuracy and chunk scores of `model` on the CoNLL sentences with gold syntax;
/// `None` when the model has no syntax heads.
#[cfg(feature = "onnx")]
pub fn evaluate_syntax(model: &crate::ner::NerModel, sentences: &[ConllSentence]) -> Result<Option<SyntaxScores>> {
    let with: Vec<&ConllSentence> = sentences.iter().filter(|s| s.pos.len() == s.words.len()).collect();
    let words: Vec<Vec<String>> = with.iter().map(|s| s.words.clone()).collect();
    let Some(predicted) = model.tag_syntax(&words)? else {
        return Ok(None);
    };
    let gold: Vec<SentenceSyntax> = with.iter().map(|s| (s.pos.clone(), s.chunks.clone())).collect();
    Ok(Some(score_syntax(&gold, &predicted)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_converts_iob1() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let s = parse_conll(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["EU", "rejects", "German"]);
        assert_eq!(s[0].tags, ["B-ORG", "O", "B-MISC"]);
        assert_eq!(s[1].tags, ["B-PER", "I-PER"]);
        assert_eq!(s[0].pos, ["NNP", "VBZ", "JJ"]);
        assert_eq!(s[0].chunks, ["B-NP", "B-VP", "B-NP"]);
        // two-column files have no syntax; IOB1 chunks become IOB2
        assert!(parse_conll("EU B-ORG\n").unwrap()[0].pos.is_empty());
        let iob1 = parse_conll("the DT I-NP O\nboy NN I-NP O\nran VBD I-VP O\n").unwrap();
        assert_eq!(iob1[0].chunks, ["B-NP", "I-NP", "B-VP"]);
        assert!(parse_conll("word POS X-FOO\n").is_err());
    }

    #[test]
    fn scores_exact_spans() {
        let gold = vec![vec!["B-PER", "I-PER", "O", "B-LOC"]];
        let pred = vec![vec!["B-PER", "O", "O", "B-LOC"]];
        let s = score_tags(&gold, &pred);
        assert_eq!(s.overall, Prf { gold: 2, predicted: 2, correct: 1 });
        assert_eq!(s.per_kind[&EntityKind::Location].f1(), 1.0);
        assert_eq!(s.per_kind[&EntityKind::Person].f1(), 0.0);
        assert!((s.overall.f1() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn scores_syntax() {
        let v = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let gold = vec![(v(&["NNP", "VBD", "IN"]), v(&["B-NP", "B-VP", "B-PP"]))];
        let pred = vec![(v(&["NNP", "VBD", "RB"]), v(&["B-NP", "I-NP", "B-PP"]))];
        let s = score_syntax(&gold, &pred);
        assert_eq!((s.words, s.pos_correct), (3, 2));
        assert_eq!(s.chunks, Prf { gold: 3, predicted: 2, correct: 1 });
    }
}
