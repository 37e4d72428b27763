//! Rule `continued_quote`: quotations that continue a claim past its cue — `“A,” X
//! said. “B.”`, `“A,” X said, “B.”`, `“A,” he said, but “B.”` — B, a quotation with
//! no cue of its own right after the cue, is a further claim of the same speaker
//! and cue.

use std::ops::Range;

use super::{RawClaim, Rule};
use crate::claim::QuoteKind;
use crate::doc::Doc;
use crate::lexicon::{is_sentence_end_char, CLAUSE_PUNCTUATION, DOUBLE_QUOTE_CHARS, GAP_CLAUSE_WORDS, SUBJECT_PRONOUNS};

/// Most bytes between a cue (or an inverted speaker) and the quotation that
/// continues its claim: room for `said in an interview on Monday.`, no more.
const GAP: usize = 64;

/// Most words of a tail that closes the cue's sentence with a clause of its own
/// (`said as she marched through the city early Sunday.`, `said, referring to the
/// country's official name, the Democratic People's Republic of Korea.`).
const SENTENCE_TAIL_WORDS: usize = 30;

/// The continuations of `claims` (sorted by cue), as new claims.
pub(super) fn find(doc: &Doc, claims: &[RawClaim]) -> Vec<RawClaim> {
    let (text, quotes) = (doc.text, &doc.quotes[..]);
    let mut out = Vec::new();
    for (k, c) in claims.iter().enumerate() {
        let Some(content) = &c.content else { continue };
        // a quotation closed before its cue
        let holding = quotes.get(quotes.partition_point(|q| q.inner.end < content.end));
        let closed_before =
            holding.is_some_and(|q| q.inner.start <= content.start && content.end <= q.inner.end && q.outer.end <= c.cue.start);
        // (or a report closing before it: "Y, X said. “B.”")
        let reported_before = c.quote != QuoteKind::Direct && content.end <= c.cue.start;
        if !(c.quote == QuoteKind::Direct && closed_before || reported_before) {
            continue;
        }
        let after = c.cue.end.max(c.speaker.end);
        let Some(q) = quotes.get(quotes.partition_point(|q| q.outer.start < after)) else { continue };
        let gap = &text[after..q.outer.start];
        if !(gap.len() <= GAP && continues(gap) || closes_sentence(gap)) {
            continue;
        }
        // the next claim's cue, if any, comes after the quotation, and no claim
        // already holds it ("“B,” Y added." is Y's)
        let next = claims.get(k + 1);
        let taken = |r: &Range<usize>| r.start < q.inner.end && q.inner.start < r.end;
        let near = &claims[k.saturating_sub(8)..(k + 8).min(claims.len())];
        if next.is_some_and(|n| n.cue.start < q.outer.start) || near.iter().any(|d| d.content.as_ref().is_some_and(taken) || taken(&d.cue))
        {
            continue;
        }
        let inner = &text[q.inner.clone()];
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.trim_end_matches(|ch: char| ch.is_whitespace() || CLAUSE_PUNCTUATION.contains(&ch)).len();
        if trail <= lead {
            continue;
        }
        out.push(RawClaim {
            speaker: c.speaker.clone(),
            cue: c.cue.clone(),
            content: Some(q.inner.start + lead..q.inner.start + trail),
            stance: c.stance,
            quote: QuoteKind::Direct,
            relative_to: c.relative_to.clone(),
            rule: Rule::ContinuedQuote,
        });
    }
    out
}

/// Whether the text between a cue and a quotation joins them: punctuation and a
/// conjunction (`, `, `. `, `, but `, `: `), or a short tail closing the cue's
/// sentence (` in an interview. `, ` Monday. `), within one paragraph break.
fn continues(gap: &str) -> bool {
    if gap.matches('\n').count() > 2 || gap.contains(DOUBLE_QUOTE_CHARS) || gap.contains("''") {
        return false;
    }
    let g = gap.trim();
    let g = g.strip_suffix(" but").or_else(|| g.strip_suffix(" and")).unwrap_or(g).trim_end();
    if g.is_empty() {
        return true;
    }
    // a tail ends the sentence (or joins with a comma / colon) and holds no clause
    let Some(body) = g.strip_suffix(CLAUSE_PUNCTUATION) else { return false };
    let words: Vec<&str> = body.split_whitespace().collect();
    words.len() <= 8
        && !words.iter().any(|w| {
            let w = w.to_lowercase();
            SUBJECT_PRONOUNS.contains(&w.as_str()) || GAP_CLAUSE_WORDS.contains(&w.as_str())
        })
}

/// Whether the text between a cue and a quotation is the rest of the cue's sentence:
/// at most [`SENTENCE_TAIL_WORDS`] words with no sentence end before the one that
/// closes it, in the same paragraph (a tail of circumstance; a later cue in it would
/// be a claim of its own, which the caller checks).
fn closes_sentence(gap: &str) -> bool {
    let g = gap.trim();
    let Some(body) = g.strip_suffix(is_sentence_end_char) else { return false };
    !gap.contains('\n')
        && !gap.contains(DOUBLE_QUOTE_CHARS)
        && !gap.contains("''")
        && !body.contains(is_sentence_end_char)
        && !body.contains([';', ':'])
        && body.split_whitespace().count() <= SENTENCE_TAIL_WORDS
}

#[cfg(test)]
mod tests {
    use super::{closes_sentence, continues};

    #[test]
    fn gaps_that_join_a_cue_and_a_quotation() {
        for (gap, want) in [
            (". ", true),
            (", ", true),
            (", but ", true),
            (":\n\n", true),
            (" in an interview. ", true),
            (" at a briefing Monday. ", true),
            (" ", true),
            (" that the plan ", false),
            (". Then he left. ", false),
            (" \n\n\n\n", false),
            (" and the crowd cheered, ", false),
        ] {
            assert_eq!(continues(gap), want, "{gap:?}");
        }
    }

    #[test]
    fn gaps_that_close_the_cues_sentence() {
        for (gap, want) in [
            (" as she and other marchers moved through the city early Sunday. ", true),
            (", referring to the group's full name, the Northern Fishing League. ", true),
            (" as the crowd cheered. Then he left. ", false),
            (" as the crowd cheered.\n\n", false),
            (" as the crowd cheered ", false),
        ] {
            assert_eq!(closes_sentence(gap), want, "{gap:?}");
        }
    }
}
