//! Property tests of the pure heuristics: any input text and any entity list give
//! claims whose spans lie on char boundaries inside the input and equal its slices,
//! and never a panic. No model needed.

mod common;

use attribution::text::{paragraph_spans, sentence_spans, windows};
use attribution::{attribute, Entity, EntityKind};
use common::check_spans;
use proptest::prelude::*;

const VOCAB: &[&str] = &[
    "said", "says", "told", "Reuters", "declined to comment", "did not respond", "according to", "denied", "he", "she", "it", "they",
    "the official", "a senior official", "Iran", "Bahram Qasemi", "that", ",", ".", ":", "“", "”", "\"", "‘", "’", "«", "»", "„", "(", ")",
    " - ", "\n", "\n\n", "was quoted as saying", "saying", "and", "but", "who", "which", "on Friday", "on condition of anonymity", "€",
    "café", "Zoë", "שלום", "مرحبا", "e\u{301}", "👍🏽", "\u{0}", "\u{200f}", "U.S.", "Mr.", "...", "—", "citing", "rejected by", "with",
];

fn vocab_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..80).prop_map(|w| w.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![vocab_text(), ".{0,300}", "[\"“”‘’«» .,:\n]{0,100}", "[\\p{Hebrew}\\p{Arabic} \u{301}\u{200f}.,]{0,100}"]
}

/// Entities at random (possibly invalid) byte ranges.
fn with_entities() -> impl Strategy<Value = (String, Vec<Entity>)> {
    any_text()
        .prop_flat_map(|t| {
            let n = t.len() + 3;
            let kinds = prop::sample::select(&EntityKind::ALL[..]);
            (Just(t), prop::collection::vec((0..n, 0..n, kinds), 0..12))
        })
        .prop_map(|(t, raw)| {
            let ents = raw
                .into_iter()
                // some inverted (start > end): they must be ignored, not trusted
                .map(|(a, b, kind)| {
                    let (start, end) = if a % 3 == 0 { (a, b) } else { (a.min(b), a.max(b)) };
                    // the text they cover, as real entities carry it (name and affiliation
                    // logic reads it); invalid ranges carry some text all the same
                    let text = t.get(start..end).filter(|s| !s.is_empty()).unwrap_or("Name").to_owned();
                    Entity { kind, start, end, text, score: 1.0 }
                })
                .collect();
            (t, ents)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn attribute_never_panics_and_spans_are_slices((text, ents) in with_entities()) {
        for c in attribute(&text, &ents) {
            check_spans(&text, &c);
        }
    }

    #[test]
    fn text_ranges_are_valid(text in any_text(), max in 4usize..64) {
        for r in sentence_spans(&text).into_iter().chain(paragraph_spans(&text)) {
            prop_assert!(text.get(r.clone()).is_some() && !r.is_empty());
        }
        let w = windows(&text, max);
        let joined: String = w.iter().map(|r| &text[r.clone()]).collect();
        prop_assert_eq!(joined, text);
    }
}

#[test]
fn extreme_inputs() {
    let long_word = "a".repeat(100_000);
    let cases = [
        long_word.clone(),
        format!("{long_word} said the official."),
        ".,;:!?\"“”«»".repeat(2_000),
        "\n".repeat(10_000),
        "\u{0}said\u{0}".to_owned(),
        "“".repeat(500) + &"”".repeat(500),
        "He said “".to_owned(),
        String::new(),
    ];
    for text in &cases {
        for c in attribute(text, &[]) {
            check_spans(text, &c);
        }
    }
}

/// 10 MB through the heuristics: every copy of an article gives the same claims.
#[test]
fn ten_megabytes_of_heuristics() {
    let one = "A senior official said the talks would resume. “We are ready,” he said. The ministry declined to comment.\n";
    let per = attribute(one, &[]).len();
    assert_eq!(per, 3);
    let copies = 10 * 1024 * 1024 / one.len();
    let doc = one.repeat(copies);
    let claims = attribute(&doc, &[]);
    assert_eq!(claims.len(), per * copies);
    let last = claims.last().unwrap();
    assert_eq!(&doc[last.cue.start..last.cue.end], "declined to comment");
}

/// An inverted entity span in a later window of a long text is ignored (it once
/// underflowed when shifted into the window).
#[test]
fn inverted_entity_in_a_later_window() {
    let line = "The ministry said that exports had fallen sharply.\n";
    let text = line.repeat(70 * 1024 / line.len() + 2);
    let late = text.len() - line.len();
    let ents = vec![Entity { kind: EntityKind::Organization, start: late, end: 10, text: "The ministry".into(), score: 1.0 }];
    let claims = attribute(&text, &ents);
    assert_eq!(claims.len(), text.len() / line.len());
}
