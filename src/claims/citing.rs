//! Rule `citing`: `X, citing Y, reported Z` — the report's content is Y's claim too,
//! one level down, with `citing` as its cue.

use super::{RawClaim, Rule};
use crate::claim::Stance;
use crate::doc::Doc;

/// Most tokens between `citing` and the comma that ends its source.
const SOURCE_TOKENS: usize = 15;

/// The cited sources' claims of `claims`.
pub(super) fn find(doc: &Doc, claims: &[RawClaim]) -> Vec<RawClaim> {
    let toks = &doc.toks;
    let mut cited = Vec::new();
    for c in claims {
        let Some(content) = &c.content else { continue };
        let at = toks.partition_point(|t| t.start < c.cue.start);
        // walk back from the cue over "Y ," to "citing"
        let Some(comma) = at.checked_sub(1).filter(|&j| toks[j].lower == ",") else { continue };
        let Some(citing) = (comma.saturating_sub(SOURCE_TOKENS)..comma).rev().find(|&j| toks[j].lower == "citing") else { continue };
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
                relative_to: None,
                rule: Rule::Citing,
            });
        }
    }
    cited
}
