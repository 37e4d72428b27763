//! Every word list the rules use lives in `src/lexicon.rs`: this test fails, naming
//! file and line, when a list of three or more string or character literals stands
//! anywhere else in `src/` — an alternation (`"the" | "a" | "an"`, `'.' | '!' | '?'`)
//! or an array (`["a", "b", "c"]`, `['"', '“', '”']`). Test modules
//! (`#[cfg(test)]`) are not rule code and are skipped, and so are the files whose
//! literals are command-line flags, file names and table headers, not words.

use std::path::{Path, PathBuf};

/// Files (or folders, ending in `/`) under `src/` whose literal lists are not word
/// lists: command-line flags and table headers, model file names and pip arguments.
const NOT_WORD_LISTS: &[&str] = &["lexicon.rs", "bin/", "models.rs", "ner/"];

/// Fewest literals that make a list.
const LIST: usize = 3;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A string or character literal (its kind: `"` or `'`).
    Lit(char),
    /// One punctuation character.
    Punct(char),
    /// An identifier or number.
    Word(String),
    /// A lifetime.
    Other,
}

/// The tokens of Rust source `s`, each with its line, without comments. Just enough
/// lexing to find literals and the punctuation between them.
fn lex(s: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let count = |a: &[char]| a.iter().filter(|&&x| x == '\n').count();
    while i < c.len() {
        let start = i;
        let ch = c[i];
        if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count(&c[start..i]);
            continue;
        }
        if ch.is_whitespace() {
            line += usize::from(ch == '\n');
            i += 1;
            continue;
        }
        // raw strings: r"...", r#"..."#, br"..."
        let raw_at = if ch == 'r' {
            Some(i + 1)
        } else if ch == 'b' && c.get(i + 1) == Some(&'r') {
            Some(i + 2)
        } else {
            None
        };
        if let Some(mut j) = raw_at {
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) == Some(&'"') {
                j += 1;
                while j < c.len() && !(c[j] == '"' && c[j + 1..].iter().take(hashes).filter(|&&x| x == '#').count() == hashes) {
                    j += 1;
                }
                i = (j + 1 + hashes).min(c.len());
                out.push((Tok::Lit('"'), line));
                line += count(&c[start..i]);
                continue;
            }
        }
        if ch == '"' || (ch == 'b' && c.get(i + 1) == Some(&'"')) {
            i += if ch == 'b' { 2 } else { 1 };
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push((Tok::Lit('"'), line));
            line += count(&c[start..i.min(c.len())]);
            continue;
        }
        if ch == '\'' {
            // a character literal ('a', '\n', '\u{201c}'), else a lifetime ('a)
            let end = if c.get(i + 1) == Some(&'\\') {
                (i + 3..c.len()).find(|&j| c[j] == '\'')
            } else {
                Some(i + 2).filter(|&j| c.get(j) == Some(&'\''))
            };
            match end {
                Some(e) => {
                    out.push((Tok::Lit('\''), line));
                    i = e + 1;
                }
                None => {
                    out.push((Tok::Other, line));
                    i += 1;
                    while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                        i += 1;
                    }
                }
            }
            continue;
        }
        if ch.is_alphanumeric() || ch == '_' {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push((Tok::Word(c[start..i].iter().collect()), line));
            continue;
        }
        out.push((Tok::Punct(ch), line));
        i += 1;
    }
    out
}

/// `toks` without the items that `#[cfg(test)]` marks (up to their closing brace).
fn without_test_modules(toks: &[(Tok, usize)]) -> Vec<(Tok, usize)> {
    let word = |w: &str| Tok::Word(w.to_owned());
    let cfg_test = [Tok::Punct('#'), Tok::Punct('['), word("cfg"), Tok::Punct('('), word("test"), Tok::Punct(')'), Tok::Punct(']')];
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // `#[cfg(test)]`: seven tokens, then the item to its closing brace
        if toks.len() >= i + 7 && toks[i..i + 7].iter().map(|x| &x.0).eq(cfg_test.iter()) {
            let item = (i + 7..toks.len()).find(|&k| matches!(toks[k].0, Tok::Punct('{') | Tok::Punct(';')));
            if let Some(open) = item.filter(|&k| toks[k].0 == Tok::Punct('{')) {
                let mut depth = 0;
                let mut k = open;
                while k < toks.len() {
                    match toks[k].0 {
                        Tok::Punct('{') => depth += 1,
                        Tok::Punct('}') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    k += 1;
                }
                i = k + 1;
                continue;
            }
        }
        out.push(toks[i].clone());
        i += 1;
    }
    out
}

/// The lines where a list of at least [`LIST`] literals of one kind starts: `L | L |
/// L` or `[L, L, L]`.
fn lists(toks: &[(Tok, usize)]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Tok::Lit(kind) = toks[i].0.clone() else {
            i += 1;
            continue;
        };
        let opened = i > 0 && toks[i - 1].0 == Tok::Punct('[');
        for sep in ['|', ','] {
            let mut n = 1;
            let mut k = i;
            while toks.get(k + 1).is_some_and(|t| t.0 == Tok::Punct(sep)) && toks.get(k + 2).is_some_and(|t| t.0 == Tok::Lit(kind)) {
                n += 1;
                k += 2;
            }
            // an array closes after its literals (a trailing comma allowed)
            let closed = toks.get(k + 1).is_some_and(|t| t.0 == Tok::Punct(']'))
                || (toks.get(k + 1).is_some_and(|t| t.0 == Tok::Punct(',')) && toks.get(k + 2).is_some_and(|t| t.0 == Tok::Punct(']')));
            if n >= LIST && (sep == '|' || (opened && closed)) {
                found.push(toks[i].1);
                i = k;
                break;
            }
        }
        i += 1;
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn word_lists_live_in_the_lexicon() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if NOT_WORD_LISTS.iter().any(|x| if x.ends_with('/') { rel.starts_with(x) } else { rel == *x }) {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for line in lists(&without_test_modules(&lex(&text))) {
            offenders.push(format!("src/{rel}:{line}: {}", text.lines().nth(line - 1).unwrap_or("").trim()));
        }
    }
    assert!(
        offenders.is_empty(),
        "{} word list(s) outside src/lexicon.rs (move them there, named, with a doc comment):\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

/// The scanner itself: what counts as a list and what does not.
#[test]
fn the_scanner_finds_lists_and_only_lists() {
    let found = |s: &str| lists(&without_test_modules(&lex(s)));
    assert_eq!(found(r#"matches!(w, "the" | "a" | "an")"#), [1]);
    assert_eq!(found("matches!(c, '.' | '!' | '?')"), [1]);
    assert_eq!(found("x(\n  \"a\"\n    | \"b\"\n    | \"c\",\n)"), [2]);
    assert_eq!(found(r#"const L: &[&str] = &["a", "b", "c",];"#), [1]);
    assert_eq!(found(r#"s.contains(['"', '“', '”'])"#), [1]);
    // two are no list; nor are arguments, nor mixed kinds
    assert!(found(r#"matches!(w, "and" | "but")"#).is_empty());
    assert!(found(r#"f("a", "b", "c")"#).is_empty());
    assert!(found(r#"matches!(w, "a" | 'b' | "c")"#).is_empty());
    // comments and test modules are skipped; lifetimes are no literals
    assert!(found("// \"a\" | \"b\" | \"c\"\nfn f<'a>(x: &'a str) {}").is_empty());
    assert!(found("#[cfg(test)]\nmod tests {\n fn t() { let _ = [\"a\", \"b\", \"c\"]; }\n}").is_empty());
    assert_eq!(found("#[cfg(test)]\nmod tests {}\nconst X: [&str; 3] = [\"a\", \"b\", \"c\"];"), [3]);
}
