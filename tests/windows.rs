//! Long documents go through windows: a claim across where a window could be cut
//! comes back exactly as when its paragraph is processed alone. No model needed.

use attribution::text::{sentence_spans, windows};
use attribution::{attribute, Claim};
use proptest::prelude::*;

/// What the tests compare: speaker span and text, cue span, and content span and
/// length, all relative to `shift`.
type Key = (usize, usize, String, usize, usize, Option<(usize, usize, usize)>);

fn key(c: &Claim, shift: usize) -> Key {
    (
        c.speaker.start - shift,
        c.speaker.end - shift,
        c.speaker.text.clone(),
        c.cue.start - shift,
        c.cue.end - shift,
        c.text.as_ref().map(|t| (t.start - shift, t.end - shift, t.text.len())),
    )
}

#[test]
fn a_quotation_of_70_kb_comes_back_whole() {
    let inner = "We are ready. ".repeat(70 * 1024 / 14);
    let inner = inner.trim_end();
    let text = format!("“{inner}” he said.");
    let claims = attribute(&text, &[]);
    assert_eq!(claims.len(), 1, "{:?}", claims.iter().map(|c| &c.cue.text).collect::<Vec<_>>());
    let c = &claims[0];
    assert_eq!(c.speaker.text, "he");
    assert_eq!(c.cue.text, "said");
    let content = c.text.as_ref().expect("content");
    assert_eq!(content.text, inner.trim_end_matches('.'));
    assert_eq!(content.start, "“".len());
}

#[test]
fn a_word_of_100_000_bytes_before_the_cue() {
    let text = format!("{} said the official.", "a".repeat(100_000));
    let claims = attribute(&text, &[]);
    assert_eq!(claims.len(), 1);
    assert!(claims[0].speaker.text == "the official", "speaker at {}", claims[0].speaker.start);
    assert_eq!(claims[0].speaker.start, 100_006);
    assert_eq!(claims[0].text.as_ref().map(|t| t.text.len()), Some(100_000));
}

/// A filler paragraph of `n` bytes of sentences without cues, then a claim in the same
/// paragraph: the claim comes back as when its sentences stand alone.
fn filler(n: usize) -> String {
    let s = "The weather was mild and the roads were quiet. ";
    let mut f = s.repeat(n / s.len() + 1);
    f.truncate(n / s.len() * s.len());
    f
}

const CLAIMS: &[&str] = &[
    "“The plan works. It has always worked. It will work again,” the minister said. ",
    "The ministry said in a statement that exports had fallen. ",
    "“We will appeal,” said a spokeswoman for the company, “and we will win.” ",
    "A senior official, who spoke on condition of anonymity, said the talks had stalled. ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Claims placed so that they cross the 64 KB mark, in one long paragraph.
    #[test]
    fn claims_across_the_window_size_are_whole(before in 64 * 1024 - 400..64 * 1024 + 50usize, which in 0..CLAIMS.len(), after in 0..2_000usize) {
        let claim = CLAIMS[which];
        let lead = filler(before);
        let text = format!("{lead}{claim}{}", filler(after));
        let alone: Vec<_> = attribute(claim, &[]).iter().map(|c| key(c, 0)).collect();
        prop_assert!(!alone.is_empty());
        let got: Vec<_> = attribute(&text, &[]).iter().map(|c| key(c, lead.len())).collect();
        prop_assert_eq!(got, alone);
    }
}

#[test]
fn windows_cut_only_between_sentences_outside_quotations() {
    let quote = format!("“{}”", "Yes. ".repeat(30_000).trim_end());
    let text = format!("{} {quote} she said. {}", filler(70_000), filler(70_000));
    let w = windows(&text, 64 * 1024);
    assert!(w.len() >= 3);
    let q = text.find('“').unwrap();
    let qe = text.find('”').unwrap();
    // the windows tile the text, in order
    assert_eq!(w.first().map(|r| r.start), Some(0));
    assert_eq!(w.last().map(|r| r.end), Some(text.len()));
    assert!(w.windows(2).all(|p| p[0].end == p[1].start), "{w:?}");
    let sentences = sentence_spans(&text);
    for r in &w {
        // no window edge inside the quotation
        assert!(!(q < r.start && r.start <= qe), "window {r:?} starts inside the quotation");
        // every cut between two sentences: inside none, and where one ends, or
        // where one starts after the white space that ends the one before
        if r.start > 0 {
            let cut = r.start;
            assert!(!sentences.iter().any(|s| s.start < cut && cut < s.end), "window {r:?} cuts a sentence");
            assert!(sentences.iter().any(|s| s.start == cut || s.end == cut), "window {r:?} starts at no sentence edge");
            assert!(text[..cut].trim_end().ends_with('.'), "window {r:?} starts after {:?}", &text[cut.saturating_sub(20)..cut]);
        }
        assert!(r.len() <= 64 * 1024 || text[r.clone()].contains('“'));
    }
    assert_eq!(w.iter().map(|r| &text[r.clone()]).collect::<String>(), text);
}
