//! Checks shared by the integration tests.
#![allow(dead_code)]

use attribution::Claim;

/// Every span of a claim lies on char boundaries inside `text` and equals its slice,
/// and a name, when there is one, is not blank.
pub fn check_spans(text: &str, c: &Claim) {
    let ok = |s: usize, e: usize, t: &str| {
        assert!(s <= e && e <= text.len(), "{s}..{e} outside {}", text.len());
        assert_eq!(text.get(s..e), Some(t), "{s}..{e} is not a slice on char boundaries");
    };
    ok(c.speaker.start, c.speaker.end, &c.speaker.text);
    ok(c.cue.start, c.cue.end, &c.cue.text);
    if let Some(t) = &c.text {
        ok(t.start, t.end, &t.text);
    }
    if let Some(r) = &c.speaker.resolved {
        ok(r.start, r.end, &r.text);
    }
    for m in &c.anonymity_markers {
        ok(m.start, m.end, &m.text);
    }
    assert!(c.speaker.name.as_deref().is_none_or(|n| !n.trim().is_empty()), "blank name {:?}", c.speaker.name);
}
