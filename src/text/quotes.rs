//! Quotation marks: pairs of opening and closing marks, as byte ranges. Pure.

use std::ops::Range;

use crate::lexicon::{BEFORE_OPENING_STRAIGHT_QUOTE, DOUBLE_OPENING_QUOTE_CHARS, DOUBLE_QUOTE_CHARS};
use crate::text::paragraph_spans;

/// A quotation: `outer` includes the marks, `inner` is what they enclose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quote {
    pub(crate) outer: Range<usize>,
    pub(crate) inner: Range<usize>,
}

/// Paired quotations of `text`, in order. Curly marks pair an opening `“` with the
/// next `”` when no other `“` comes between (an unclosed `“` is ignored); straight
/// `"` marks, and the doubled apostrophes some newspapers print (`''`), pair by
/// position (opening after a space or line start); ``` `` ``` opens. Quotes do not
/// cross paragraphs: one left open at a paragraph's end whose next paragraph opens
/// with a mark again (the convention for a quotation that runs on) ends there.
pub(crate) fn find_quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let paras = paragraph_spans(text);
    for (k, para) in paras.iter().enumerate() {
        let para = para.clone();
        let p = &text[para.clone()];
        let mut open: Option<usize> = None;
        let mut prev: Option<char> = None;
        let mut iter = p.char_indices().peekable();
        while let Some((i, mut c)) = iter.next() {
            let abs = para.start + i;
            // a doubled mark ('' or ``) is one mark of two bytes
            let doubled = matches!(c, '\'' | '`') && iter.peek().is_some_and(|x| x.1 == c);
            if doubled {
                iter.next();
                c = if c == '`' { '“' } else { '"' };
            }
            let mark = if doubled { 2 } else { c.len_utf8() };
            let next = iter.peek().map(|x| x.1);
            let opening = match c {
                '“' | '«' => Some(true),
                '”' | '»' => Some(false),
                '"' => {
                    let before_space = prev.is_none_or(|p| p.is_whitespace() || BEFORE_OPENING_STRAIGHT_QUOTE.contains(&p));
                    let after_space = next.is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation());
                    if open.is_none() && before_space && !next.is_some_and(char::is_whitespace) {
                        Some(true)
                    } else if open.is_some() && (after_space || !before_space) {
                        Some(false)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            match opening {
                Some(true) => open = Some(abs),
                Some(false) => {
                    if let Some(o) = open.take() {
                        let open_len = if text[o..].starts_with("''") || text[o..].starts_with("``") {
                            2
                        } else {
                            text[o..].chars().next().map_or(1, char::len_utf8)
                        };
                        out.push(Quote { outer: o..abs + mark, inner: o + open_len..abs });
                    }
                }
                None => {}
            }
            prev = Some(c);
        }
        // a quotation that runs on into the next paragraph leaves its mark open at the
        // paragraph end and opens the next one again: it ends with its paragraph
        let reopened =
            paras.get(k + 1).is_some_and(|n| text[n.clone()].starts_with(DOUBLE_OPENING_QUOTE_CHARS) || text[n.clone()].starts_with("''"));
        if let Some(o) = open.filter(|_| reopened) {
            let open_len = if text[o..].starts_with("''") || text[o..].starts_with("``") {
                2
            } else {
                text[o..].chars().next().map_or(1, char::len_utf8)
            };
            if o + open_len < para.end {
                out.push(Quote { outer: o..para.end, inner: o + open_len..para.end });
            }
        }
    }
    out
}

/// Whether `text` has any quotation mark at all.
pub(crate) fn has_quote_marks(text: &str) -> bool {
    text.contains(DOUBLE_QUOTE_CHARS) || text.contains("''")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(t: &str) -> Vec<&str> {
        find_quotes(t).into_iter().map(|q| &t[q.inner]).collect()
    }

    #[test]
    fn quote_table() {
        let table: &[(&str, &[&str])] = &[
            ("“Yes,” he said.", &["Yes,"]),
            ("He said \"no\" and \"maybe.\"", &["no", "maybe."]),
            ("“unclosed and “closed” text", &["closed"]),
            ("“a\nb”", &[]),
            ("“One. Two.” x", &["One. Two."]),
            ("no quotes", &[]),
            ("”“", &[]),
            ("\"", &[]),
            ("He said, ''We are ready,'' and left.", &["We are ready,"]),
            ("``Yes,'' she said. It''s", &["Yes,"]),
            ("The '90s and the students' views", &[]),
            // running on into a paragraph that opens with a mark again
            ("“We will rebuild.\n“Every home.”", &["We will rebuild.", "Every home."]),
            ("“Unclosed at the end.\nNo mark here.", &[]),
        ];
        for (t, want) in table {
            assert_eq!(&inner(t), want, "{t:?}");
        }
    }
}
