//! What a model directory holds: its files, and what attribution adds to the BERT
//! `config.json` (the casing flag, the label sets of the syntax heads), with the
//! entity labels read from it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::labels::Label;
#[cfg(feature = "model")]
use crate::syntax::Phrase;
use crate::syntax::Pos;

/// The files of a model directory.
pub(super) const CONFIG: &str = "config.json";
pub(super) const TOKENIZER: &str = "tokenizer.json";
pub(super) const WEIGHTS: &str = "model.safetensors";
/// Key in `config.json` that says token type ids carry the casing signal.
pub(super) const CASING_KEY: &str = "attribution_casing";
/// Keys in `config.json` with the labels of the POS and chunk heads, by id.
const POS_KEY: &str = "attribution_pos_labels";
const CHUNK_KEY: &str = "attribution_chunk_labels";

/// The labels of the POS and chunk heads, by id.
#[derive(Clone, Debug)]
pub(super) struct SyntaxLabels {
    pub(super) pos: Vec<Pos>,
    /// IOB2 chunk tags (`O`, `B-NP`, `I-NP`, ...).
    pub(super) chunks: Vec<String>,
}

impl SyntaxLabels {
    #[cfg(feature = "model")]
    /// The label sets a model is trained with: every POS tag; `O` and `B-`/`I-` of
    /// every phrase kind.
    pub(super) fn all() -> SyntaxLabels {
        let mut chunks = vec!["O".to_owned()];
        for p in Phrase::ALL {
            chunks.push(format!("B-{}", p.as_str()));
            chunks.push(format!("I-{}", p.as_str()));
        }
        SyntaxLabels { pos: Pos::ALL.to_vec(), chunks }
    }

    /// Reads them from a model's `config.json`; `Ok(None)` when it has none.
    pub(super) fn from_config(json: &serde_json::Value, path: &Path) -> Result<Option<SyntaxLabels>> {
        let list =
            |key: &str| -> Option<Vec<String>> { json.get(key)?.as_array()?.iter().map(|v| v.as_str().map(str::to_owned)).collect() };
        let (Some(pos), Some(chunks)) = (list(POS_KEY), list(CHUNK_KEY)) else {
            return Ok(None);
        };
        let pos = pos
            .iter()
            .map(|t| Pos::parse(t).ok_or_else(|| Error::UnknownLabel { path: path.to_owned(), label: t.clone() }))
            .collect::<Result<_>>()?;
        Ok(Some(SyntaxLabels { pos, chunks }))
    }

    #[cfg(feature = "model")]
    /// Writes them into a `config.json`.
    pub(super) fn write_to(&self, json: &mut serde_json::Value) {
        if let Some(obj) = json.as_object_mut() {
            obj.insert(POS_KEY.into(), self.pos.iter().map(|p| p.as_str()).collect::<Vec<_>>().into());
            obj.insert(CHUNK_KEY.into(), self.chunks.clone().into());
        }
    }
}

/// The model's entity labels by id (`id2label` of its `config.json`), checked
/// against the IOB2 scheme.
pub(super) fn labels_of(config: &serde_json::Value, path: &Path) -> Result<Vec<Label>> {
    let unknown = |label: String| Error::UnknownLabel { path: path.to_owned(), label };
    let id2label = config.get("id2label").and_then(|v| v.as_object()).ok_or_else(|| unknown("(no id2label)".into()))?;
    let mut labels = vec![Label::O; id2label.len()];
    for (id, name) in id2label {
        let name = name.as_str().ok_or_else(|| unknown(format!("{id}: {name} (not a string)")))?;
        let id: i64 = id.parse().map_err(|_| unknown(format!("{id}: {name} (ids are not 0..n)")))?;
        let label = Label::parse(name).ok_or_else(|| unknown(name.to_owned()))?;
        let slot = usize::try_from(id)
            .ok()
            .and_then(|i| labels.get_mut(i))
            .ok_or_else(|| Error::UnknownLabel { path: path.to_owned(), label: format!("{id}: {name} (ids are not 0..n)") })?;
        *slot = label;
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_labels_are_read_from_id2label_by_id() {
        let path = Path::new("config.json");
        let config = serde_json::json!({"id2label": {"2": "I-PER", "0": "O", "1": "B-PER"}, "hidden_size": 384});
        let labels = labels_of(&config, path).unwrap();
        assert_eq!(labels, [Label::O, Label::parse("B-PER").unwrap(), Label::parse("I-PER").unwrap()]);
        // (a config, the label the error names)
        for (bad, named) in [
            (serde_json::json!({}), "(no id2label)"),
            (serde_json::json!({"id2label": {"0": "O", "1": "B-FOO"}}), "B-FOO"),
            (serde_json::json!({"id2label": {"0": "O", "x": "B-PER"}}), "x: B-PER (ids are not 0..n)"),
            (serde_json::json!({"id2label": {"0": "O", "5": "B-PER"}}), "5: B-PER (ids are not 0..n)"),
            (serde_json::json!({"id2label": {"0": 3}}), "0: 3 (not a string)"),
        ] {
            match labels_of(&bad, path) {
                Err(Error::UnknownLabel { label, .. }) => assert_eq!(label, named, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
