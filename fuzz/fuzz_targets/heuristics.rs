//! The heuristics entry point on arbitrary text and entity lists: no panic, and
//! every span a slice of the input on char boundaries.
#![no_main]

use attribution::{attribute, Entity, EntityKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // the last bytes (if any) pick entity ranges; the rest is the text
    let split = data.len().saturating_sub(data.len() / 8);
    let text = String::from_utf8_lossy(&data[..split]);
    let text: &str = &text;
    let mut ents = Vec::new();
    for ch in data[split..].chunks(3) {
        if let [a, b, k] = *ch {
            let n = text.len().max(1);
            let (s, e) = ((a as usize * n) / 256, (b as usize * n) / 256);
            let kind = EntityKind::ALL[k as usize % 4];
            // also raw, possibly invalid ranges: they must be ignored, not trusted
            ents.push(Entity { kind, start: s.min(e), end: s.max(e), text: String::new(), score: 1.0 });
        }
    }
    for c in attribute(text, &ents) {
        for (s, e, t) in [(c.speaker.start, c.speaker.end, &c.speaker.text), (c.cue.start, c.cue.end, &c.cue.text)] {
            assert_eq!(text.get(s..e), Some(t.as_str()));
        }
        if let Some(t) = &c.text {
            assert_eq!(text.get(t.start..t.end), Some(t.text.as_str()));
        }
        if let Some(r) = &c.speaker.resolved {
            assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()));
        }
    }
});
