//! CoNLL-2003 files and entity-level scoring (exact span match, as seqeval does).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::entity::EntityKind;
use crate::error::{Error, Result};
use crate::labels::{chunks, Label};

/// One sentence of a CoNLL file: its words and their IOB2 labels.
#[derive(Clone, Debug, PartialEq)]
pub struct ConllSentence {
    /// The words.
    pub words: Vec<String>,
    /// One label per word (`O`, `B-PER`, ...).
    pub tags: Vec<String>,
}

/// Reads a CoNLL-2003 file (`word POS chunk NER` per line, blank line between
/// sentences, `-DOCSTART-` lines skipped). IOB1 input is converted to IOB2.
pub fn read_conll(path: &Path) -> Result<Vec<ConllSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_conll(&text).map_err(|reason| Error::InvalidData { path: path.to_owned(), reason })
}

/// Parses CoNLL text; see [`read_conll`].
pub fn parse_conll(text: &str) -> std::result::Result<Vec<ConllSentence>, String> {
    let mut out = Vec::new();
    let mut cur = ConllSentence { words: Vec::new(), tags: Vec::new() };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(&mut cur, ConllSentence { words: Vec::new(), tags: Vec::new() }));
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(word), Some(tag)) = (cols.next(), line.split_whitespace().last()) else {
            return Err(format!("line {}: empty", n + 1));
        };
        let label = Label::parse(tag).ok_or_else(|| format!("line {}: unknown label `{tag}`", n + 1))?;
        // IOB1 → IOB2: an I- that does not continue the same type starts an entity.
        let label = match (label, cur.tags.last().and_then(|t| Label::parse(t))) {
            (Label::I(k), Some(Label::B(j) | Label::I(j))) if j == k => label,
            (Label::I(k), _) => Label::B(k),
            _ => label,
        };
        cur.words.push(word.to_owned());
        cur.tags.push(label.name());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
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
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Harmonic mean of two rates, 0 when both are 0.
pub(crate) fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
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
    let parse = |tags: &[S]| -> Vec<Label> {
        tags.iter().map(|t| Label::parse(t.as_ref()).unwrap_or(Label::O)).collect()
    };
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
}
