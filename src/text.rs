//! Text → paragraphs and sentences, as byte ranges. Pure functions.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep",
    "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "ft",
    "mt", "gov", "pres", "maj", "brig", "supt", "det", "insp", "messrs", "approx", "est", "dept", "univ",
];

/// Non-empty lines (paragraphs) as byte ranges, trimmed of surrounding whitespace.
pub fn paragraph_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(r) = trim_range(text, start..start + line.len()) {
            out.push(r);
        }
        start += line.len();
    }
    out
}

/// Sentences as byte ranges: every paragraph is split after `.`, `!` or `?` (and any
/// closing quotes or brackets) followed by whitespace and a likely sentence start,
/// except after known abbreviations and single initials. Very long sentences are left
/// whole (the NER model windows them itself).
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraph_spans(text) {
        let mut start = para.start;
        let p = &text[para.clone()];
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (off, c) = chars[i];
            if matches!(c, '.' | '!' | '?') {
                // absorb further terminal punctuation and closing quotes/brackets
                let mut j = i + 1;
                while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?') || is_closing(chars[j].1)) {
                    j += 1;
                }
                // need whitespace, then a sentence start
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                if k > j && k < chars.len() && starts_sentence(chars[k].1) && !(c == '.' && is_abbreviation(p, off)) {
                    let end = para.start + chars[j - 1].0 + chars[j - 1].1.len_utf8();
                    if let Some(r) = trim_range(text, start..end) {
                        out.push(r);
                    }
                    start = para.start + chars[k].0;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        if let Some(r) = trim_range(text, start..para.end) {
            out.push(r);
        }
    }
    out
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{00bb}')
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '\'' | '(' | '\u{201c}' | '\u{2018}' | '\u{00ab}')
}

/// Whether the period at byte `dot` of `p` closes an abbreviation or an initial.
fn is_abbreviation(p: &str, dot: usize) -> bool {
    let before = &p[..dot];
    let word_start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '"').map_or(0, |i| i + 1);
    let word = before[word_start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let mut chars = word.chars();
    let single_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_initial || ABBREVIATIONS.contains(&lower.as_str()) || (word.contains('.') && word.len() <= 6)
}

/// Cuts `text` into consecutive byte ranges of at most `max` bytes (unless a single
/// character is longer), at line breaks where possible, else at sentence ends, else
/// at whitespace, else at a character boundary. The ranges cover the whole text in
/// order, so nothing is lost; long documents are processed window by window in
/// bounded memory.
pub fn windows(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(4);
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        if text.len() - start <= max {
            out.push(start..text.len());
            break;
        }
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let slice = &text[start..limit];
        let cut = slice
            .rfind('\n')
            .map(|i| i + 1)
            .or_else(|| {
                sentence_spans(slice).iter().rev().map(|r| r.end).find(|&e| e > 0 && e < slice.len())
            })
            .or_else(|| slice.char_indices().rev().find(|c| c.1.is_whitespace()).map(|(i, c)| i + c.len_utf8()))
            .filter(|&c| c > 0)
            .unwrap_or_else(|| if slice.is_empty() { text[start..].chars().next().map_or(1, char::len_utf8) } else { slice.len() });
        out.push(start..start + cut);
        start += cut;
    }
    out
}

/// `r` without leading/trailing whitespace, `None` if nothing is left.
pub(crate) fn trim_range(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(r.clone())?;
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (a, b) = (r.start + lead, r.end - trail);
    (a < b).then_some(a..b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        sentence_spans(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn sentence_table() {
        let table: &[(&str, &[&str])] = &[
            ("", &[]),
            ("\n\n  \n", &[]),
            ("One. Two.", &["One.", "Two."]),
            ("He met U.S. officials. They said no.", &["He met U.S. officials.", "They said no."]),
            ("Mr. Smith said so. Then he left.", &["Mr. Smith said so.", "Then he left."]),
            ("A\nB", &["A", "B"]),
            ("\"It is over.\" He left.", &["\"It is over.\"", "He left."]),
            ("On Sept. 20 they met. Fine", &["On Sept. 20 they met.", "Fine"]),
            ("Donald J. Trump spoke. Yes", &["Donald J. Trump spoke.", "Yes"]),
            ("“Ça va.” Über alles.", &["“Ça va.”", "Über alles."]),
            ("the price rose 3.5 percent. Then", &["the price rose 3.5 percent.", "Then"]),
            ("Really? Yes!", &["Really?", "Yes!"]),
        ];
        for (text, want) in table {
            assert_eq!(sents(text), *want, "{text:?}");
        }
    }

    #[test]
    fn windows_cover_everything() {
        let table: &[(&str, usize)] = &[
            ("", 10),
            ("short", 100),
            ("line one\nline two\nline three\n", 12),
            ("One sentence here. Another one there. And a third.", 24),
            ("nowhitespaceatallinthisverylongword", 8),
            ("€€€€€€€€", 5),
            ("a b c d e f g h i j", 4),
        ];
        for (text, max) in table {
            let w = windows(text, *max);
            let joined: String = w.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(&joined, text);
            for r in &w {
                assert!(r.len() <= (*max).max(4) || text[r.clone()].chars().count() == 1, "{r:?} of {text:?}");
                assert!(!r.is_empty());
            }
        }
        let w = windows("line one\nline two\n", 12);
        assert_eq!(w[0], 0..9);
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let t = " a b \n\nc\r\n";
        let p: Vec<&str> = paragraph_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, ["a b", "c"]);
    }
}
