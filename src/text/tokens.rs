//! Word tokens with byte spans, for the heuristics. Pure functions.

use std::ops::Range;

use crate::lexicon::WORD_INNER_CHARS;

/// A token: a word (letters, digits and inner `.`, `-`, `'`, `’`, `&`, a comma
/// between thousands) or one punctuation character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Lower-cased text.
    pub(crate) lower: String,
    /// Whether the first character is upper-case.
    pub(crate) cap: bool,
    /// Whether it is a word (not punctuation).
    pub(crate) word: bool,
}

/// Indices of the tokens (sorted, as [`tokenize`] gives them) that start inside byte
/// range `r`.
pub(crate) fn starting_in(toks: &[Tok], r: &Range<usize>) -> Range<usize> {
    let a = toks.partition_point(|t| t.start < r.start);
    a..toks.partition_point(|t| t.start < r.end).max(a)
}

/// Tokens of `text[range]`, offsets into `text`.
pub(crate) fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let Some(s) = text.get(range.clone()) else { return Vec::new() };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = range.start + off;
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let inner = WORD_INNER_CHARS.contains(&d) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric();
                if d.is_alphanumeric() || inner || thousands_separator(&chars, j) {
                    j += 1;
                } else if d == '.' && is_dotted(&chars[i..=j]) {
                    // keep the final period of U.S. / R.P.S.
                    j += 1;
                    break;
                } else {
                    break;
                }
            }
            let end = range.start + chars.get(j).map_or(s.len(), |x| x.0);
            let t = &text[start..end];
            out.push(Tok { start, end, lower: t.to_lowercase(), cap: c.is_uppercase(), word: true });
            i = j;
        } else if matches!(c, '\'' | '`') && chars.get(i + 1).is_some_and(|x| x.1 == c) {
            // a doubled mark ('' or ``) is one quotation mark
            out.push(Tok { start, end: start + 2, lower: format!("{c}{c}"), cap: false, word: false });
            i += 2;
        } else {
            let end = start + c.len_utf8();
            out.push(Tok { start, end, lower: c.to_string(), cap: false, word: false });
            i += 1;
        }
    }
    out
}

/// Whether the comma at `j` separates thousands inside a number (`20,000`,
/// `$1,250,000`): a digit before it, three digits after it and no fourth.
fn thousands_separator(chars: &[(usize, char)], j: usize) -> bool {
    let digit = |k: usize| chars.get(k).is_some_and(|x| x.1.is_ascii_digit());
    chars[j].1 == ',' && j > 0 && digit(j - 1) && (j + 1..=j + 3).all(digit) && !digit(j + 4)
}

/// `U.S.`-style: single letters separated by periods.
fn is_dotted(chars: &[(usize, char)]) -> bool {
    let s: String = chars.iter().map(|x| x.1).collect();
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2 && parts[..parts.len() - 1].iter().all(|p| p.chars().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_table() {
        let table: &[(&str, &[&str])] = &[
            ("U.S. officials said.", &["U.S.", "officials", "said", "."]),
            ("Lopez-Hart meeting", &["Lopez-Hart", "meeting"]),
            ("Trump’s “shoot”", &["Trump’s", "“", "shoot", "”"]),
            ("J.K.L. Moreau, 61,", &["J.K.L.", "Moreau", ",", "61", ","]),
            ("€5 ça", &["€", "5", "ça"]),
            ("''Yes,'' he said", &["''", "Yes", ",", "''", "he", "said"]),
            // a comma between thousands is inside the number; one of a list is not
            ("his 20,000 fans, $1,250,000 in 2019,2020", &["his", "20,000", "fans", ",", "$", "1,250,000", "in", "2019", ",", "2020"]),
            ("1,2,3 and 5,", &["1", ",", "2", ",", "3", "and", "5", ","]),
            ("", &[]),
        ];
        for (text, want) in table {
            let got: Vec<&str> = tokenize(text, 0..text.len()).iter().map(|t| &text[t.start..t.end]).collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }
}
