//! Text → paragraphs, sentences, windows, quotations and word tokens, all as byte
//! ranges into the input. Pure functions; the first step of the pipeline.

use std::ops::Range;

use crate::lexicon::{
    is_abbreviation, is_sentence_end_char, is_title_abbreviation, CLAUSE_PUNCTUATION, CLOSING_QUOTE_CHARS, OPENING_QUOTE_CHARS,
    REPORTING_VERBS_AFTER_QUOTE,
};

pub(crate) mod quotes;
pub(crate) mod tokens;

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
            if is_sentence_end_char(c) {
                // absorb further terminal punctuation and closing quotes/brackets
                let mut j = i + 1;
                while j < chars.len() && (is_sentence_end_char(chars[j].1) || is_closing(chars[j].1)) {
                    j += 1;
                }
                // need whitespace, then a sentence start
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                // a quoted question or exclamation and its attribution are one
                // sentence: `“Why now?” Clinton asked.`
                let attributed = c != '.'
                    && chars[i + 1..j].iter().any(|&(_, q)| is_closing_quote(q))
                    && k < chars.len()
                    && attribution_follows(&p[chars[k].0..]);
                if k > j && k < chars.len() && starts_sentence(chars[k].1) && !(c == '.' && closes_abbreviation(p, off)) && !attributed {
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

/// Whether `rest` opens with a speaker of capitalized words (a title's period
/// included) and then a reporting verb: `Clinton said`, `Mrs. Clinton asked`.
fn attribution_follows(rest: &str) -> bool {
    for (n, word) in rest.split_whitespace().take(5).enumerate() {
        let bare = word.trim_end_matches(CLAUSE_PUNCTUATION);
        if n > 0 && REPORTING_VERBS_AFTER_QUOTE.contains(&bare) {
            return true;
        }
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    false
}

fn is_closing_quote(c: char) -> bool {
    CLOSING_QUOTE_CHARS.contains(&c)
}

/// A closing quotation mark or bracket.
fn is_closing(c: char) -> bool {
    is_closing_quote(c) || c == ')' || c == ']'
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_numeric() || OPENING_QUOTE_CHARS.contains(&c) || c == '('
}

/// Whether the period at byte `dot` of `p` closes an abbreviation or an initial.
fn closes_abbreviation(p: &str, dot: usize) -> bool {
    let before = &p[..dot];
    // the word starts after the last separator, whatever its width in bytes
    let word_start = before.char_indices().rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"').map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    // a title with a prefix: "then-Sen.", "ex-Gov." (not "Plan-B.")
    let word = match word.rsplit_once('-') {
        Some((_, w)) if is_title_abbreviation(&w.to_lowercase()) => w,
        _ => word,
    };
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let mut chars = word.chars();
    let single_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let title = is_title_abbreviation(&lower) && !before[..word_start].trim_end().ends_with(',');
    single_initial || is_abbreviation(&lower) || title || (word.contains('.') && word.len() <= 6)
}

/// Cuts `text` into consecutive byte ranges where no claim can straddle a cut: at
/// the ends of sentences that are not inside a quotation (a claim's content runs to
/// its sentence end, or to the closing mark of a quotation opened in it). Each range
/// holds at most `max` bytes unless one sentence or quotation is longer; then it is
/// that sentence or quotation whole. The ranges cover the whole text in order, so
/// nothing is lost, and long documents are processed window by window in memory that
/// grows with the longest sentence, not with the document.
pub fn windows(text: &str, max: usize) -> Vec<Range<usize>> {
    // a text that fits is one window: no sentences or quotations to find (the
    // window's own reading finds them once)
    if text.len() <= max {
        return if text.is_empty() { Vec::new() } else { vec![0..text.len()] };
    }
    let quotes = quotes::find_quotes(text);
    let mut cuts = Vec::new();
    let mut q = 0;
    for s in sentence_spans(text) {
        // quotations are sorted and disjoint: skip those closed before this sentence end
        while quotes.get(q).is_some_and(|x| x.outer.end <= s.end) {
            q += 1;
        }
        if quotes.get(q).is_none_or(|x| x.outer.start >= s.end) {
            cuts.push(s.end);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while start < text.len() {
        // the furthest cut within `max`, else the nearest one beyond it, else the end
        while cuts.get(i).is_some_and(|&c| c <= start) {
            i += 1;
        }
        let fit = cuts[i..].partition_point(|&c| c - start <= max);
        let end = match fit {
            0 => cuts.get(i).copied().unwrap_or(text.len()),
            n => cuts[i + n - 1],
        };
        // the whitespace after the last sentence belongs to the last window
        let end = if cuts.get(i + fit.max(1)).is_none() && text[end..].trim().is_empty() { text.len() } else { end };
        out.push(start..end);
        start = end;
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
            ("She met then-Sen. Barack Obama. Yes", &["She met then-Sen. Barack Obama.", "Yes"]),
            ("It was well-known. Yes", &["It was well-known.", "Yes"]),
            ("They chose Plan-B. Then", &["They chose Plan-B.", "Then"]),
            ("It was a no-no. Ruiz left.", &["It was a no-no.", "Ruiz left."]),
            ("“Ça va.” Über alles.", &["“Ça va.”", "Über alles."]),
            ("the price rose 3.5 percent. Then", &["the price rose 3.5 percent.", "Then"]),
            ("Really? Yes!", &["Really?", "Yes!"]),
            // a quoted question or exclamation and its attribution are one sentence
            ("“Why now?” Clinton asked. Then", &["“Why now?” Clinton asked.", "Then"]),
            ("“Stop!” Mrs. Clinton said. Then", &["“Stop!” Mrs. Clinton said.", "Then"]),
            ("\"Why?\" Hillary Rodham Clinton said, smiling.", &["\"Why?\" Hillary Rodham Clinton said, smiling."]),
            // not without a quotation mark, a reporting verb, or with a period
            ("Why now? Clinton said no.", &["Why now?", "Clinton said no."]),
            ("“Why now?” Clinton left.", &["“Why now?”", "Clinton left."]),
            ("“It is over.” Clinton said so.", &["“It is over.”", "Clinton said so."]),
            ("“Why?” The senator, who spoke first, said", &["“Why?”", "The senator, who spoke first, said"]),
        ];
        for (text, want) in table {
            assert_eq!(sents(text), *want, "{text:?}");
        }
    }

    #[test]
    fn windows_cover_everything_and_cut_between_claims() {
        // (text, max, the windows)
        let table: &[(&str, usize, &[&str])] = &[
            ("", 10, &[]),
            ("short", 100, &["short"]),
            ("line one\nline two\nline three\n", 12, &["line one", "\nline two", "\nline three\n"]),
            ("One sentence here. Another one there. And a third.", 24, &["One sentence here.", " Another one there.", " And a third."]),
            // no cut inside a sentence, however long
            ("nowhitespaceatallinthisverylongword", 8, &["nowhitespaceatallinthisverylongword"]),
            ("€€€€€€€€", 5, &["€€€€€€€€"]),
            ("a b c d e f g h i j", 4, &["a b c d e f g h i j"]),
            // none inside a quotation that spans sentences
            ("“We are ready. We are ready.” he said. Then he left.", 20, &["“We are ready. We are ready.” he said.", " Then he left."]),
            ("A b. “C d.\nE f.” G h.", 6, &["A b.", " “C d.", "\nE f.”", " G h."]),
            ("Ab. Cd. Ef.", 8, &["Ab. Cd.", " Ef."]),
        ];
        for (text, max, want) in table {
            let w = windows(text, *max);
            let got: Vec<&str> = w.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(&got, want, "{text:?} at {max}");
            assert_eq!(got.concat(), *text);
        }
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let t = " a b \n\nc\r\n";
        let p: Vec<&str> = paragraph_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, ["a b", "c"]);
    }
}
