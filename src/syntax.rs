//! Shallow syntax: part-of-speech tags per word and phrase chunks, as the model's
//! POS and chunk heads give them (CoNLL-2003 tag sets, Penn Treebank POS). Pure
//! types and functions: the rules read them, hand-made ones serve tests.

use serde::{Deserialize, Serialize};

macro_rules! tags {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every tag, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The tag as the tag set writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The tag for its text, `None` if the tag set has no such tag.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

tags! {
    /// A Penn Treebank part-of-speech tag (the CoNLL-2003 set).
    Pos {
        /// Proper noun, singular.
        Nnp = "NNP",
        /// Proper noun, plural.
        Nnps = "NNPS",
        /// Noun, singular or mass.
        Nn = "NN",
        /// Noun, plural.
        Nns = "NNS",
        /// Cardinal number.
        Cd = "CD",
        /// Preposition or subordinating conjunction.
        In = "IN",
        /// Determiner.
        Dt = "DT",
        /// Adjective.
        Jj = "JJ",
        /// Adjective, comparative.
        Jjr = "JJR",
        /// Adjective, superlative.
        Jjs = "JJS",
        /// Verb, base form.
        Vb = "VB",
        /// Verb, past tense.
        Vbd = "VBD",
        /// Verb, gerund or present participle.
        Vbg = "VBG",
        /// Verb, past participle.
        Vbn = "VBN",
        /// Verb, non-3rd person singular present.
        Vbp = "VBP",
        /// Verb, 3rd person singular present.
        Vbz = "VBZ",
        /// Modal.
        Md = "MD",
        /// Adverb.
        Rb = "RB",
        /// Adverb, comparative.
        Rbr = "RBR",
        /// Adverb, superlative.
        Rbs = "RBS",
        /// Particle.
        Rp = "RP",
        /// Coordinating conjunction.
        Cc = "CC",
        /// `to`.
        To = "TO",
        /// Personal pronoun.
        Prp = "PRP",
        /// Possessive pronoun.
        PrpS = "PRP$",
        /// Possessive ending.
        Possessive = "POS",
        /// Wh-determiner.
        Wdt = "WDT",
        /// Wh-pronoun.
        Wp = "WP",
        /// Possessive wh-pronoun.
        WpS = "WP$",
        /// Wh-adverb.
        Wrb = "WRB",
        /// Existential `there`.
        Ex = "EX",
        /// Predeterminer.
        Pdt = "PDT",
        /// Foreign word.
        Fw = "FW",
        /// Interjection.
        Uh = "UH",
        /// List item marker.
        Ls = "LS",
        /// Symbol.
        Sym = "SYM",
        /// Noun or symbol (a CoNLL-2003 oddity).
        NnSym = "NN|SYM",
        /// Sentence-final punctuation.
        Period = ".",
        /// Comma.
        Comma = ",",
        /// Colon, semicolon, dash.
        Colon = ":",
        /// Opening quotation mark.
        OpenQuote = "\"",
        /// Closing quotation mark.
        CloseQuote = "''",
        /// Opening bracket.
        OpenParen = "(",
        /// Closing bracket.
        CloseParen = ")",
        /// Dollar or other currency sign.
        Dollar = "$",
    }
}

tags! {
    /// The kind of a phrase chunk (CoNLL-2000/2003 chunk types).
    Phrase {
        /// Noun phrase.
        Np = "NP",
        /// Verb group.
        Vp = "VP",
        /// Prepositional phrase (the preposition).
        Pp = "PP",
        /// Adverb phrase.
        Advp = "ADVP",
        /// Adjective phrase.
        Adjp = "ADJP",
        /// Subordinating conjunction opening a clause (`that`, `because`, `before`).
        Sbar = "SBAR",
        /// Verb particle.
        Prt = "PRT",
        /// Interjection.
        Intj = "INTJ",
        /// Conjunction phrase (`as well as`).
        Conjp = "CONJP",
        /// List marker.
        Lst = "LST",
        /// Unlike coordinated phrase.
        Ucp = "UCP",
    }
}

impl Pos {
    /// Any verb form (`VB*`, `MD`).
    pub fn is_verb(self) -> bool {
        matches!(self, Pos::Vb | Pos::Vbd | Pos::Vbg | Pos::Vbn | Pos::Vbp | Pos::Vbz | Pos::Md)
    }

    /// A finite verb (`VBD`, `VBP`, `VBZ`, `MD`): one that can head a clause.
    pub fn is_finite(self) -> bool {
        matches!(self, Pos::Vbd | Pos::Vbp | Pos::Vbz | Pos::Md)
    }

    /// Any noun (`NN*`).
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::Nn | Pos::Nns | Pos::Nnp | Pos::Nnps | Pos::NnSym)
    }
}

/// One word with its part of speech, as byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    /// Byte offset of the word's first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Its part-of-speech tag.
    pub pos: Pos,
}

/// A phrase chunk: a maximal non-recursive phrase, as byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// The phrase kind.
    pub kind: Phrase,
    /// Byte offset of the chunk's first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
}

/// The shallow syntax of a text (or of the stretches of it the model tagged):
/// words and chunks, each sorted by position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Syntax {
    /// Tagged words, in text order.
    pub words: Vec<Word>,
    /// Chunks, in text order; words outside any chunk (punctuation, mostly) belong
    /// to none.
    pub chunks: Vec<Chunk>,
}

impl Syntax {
    /// Whether nothing is tagged.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The word that covers byte `at`, if tagged.
    pub fn word_at(&self, at: usize) -> Option<&Word> {
        let i = self.words.partition_point(|w| w.end <= at);
        self.words.get(i).filter(|w| w.start <= at)
    }

    /// The chunk that covers byte `at`, if any.
    pub fn chunk_at(&self, at: usize) -> Option<&Chunk> {
        let i = self.chunks.partition_point(|c| c.end <= at);
        self.chunks.get(i).filter(|c| c.start <= at)
    }

    /// Appends the syntax of a later stretch, moved by `by` bytes (stretches must
    /// come in text order).
    pub fn extend_shifted(&mut self, other: &Syntax, by: usize) {
        self.words.extend(other.words.iter().map(|w| Word { start: w.start + by, end: w.end + by, ..*w }));
        self.chunks.extend(other.chunks.iter().map(|c| Chunk { start: c.start + by, end: c.end + by, ..*c }));
    }

    /// Only what lies inside `range`, moved to start at 0.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Syntax {
        let inside = |s: usize, e: usize| s >= range.start && e <= range.end;
        Syntax {
            words: self
                .words
                .iter()
                .filter(|w| inside(w.start, w.end))
                .map(|w| Word { start: w.start - range.start, end: w.end - range.start, ..*w })
                .collect(),
            chunks: self
                .chunks
                .iter()
                .filter(|c| inside(c.start, c.end))
                .map(|c| Chunk { start: c.start - range.start, end: c.end - range.start, ..*c })
                .collect(),
        }
    }
}

/// One sentence's POS tags and chunk tags, one of each per word.
pub type SentenceSyntax = (Vec<String>, Vec<String>);

/// Chunks from one IOB tag per item (`B-NP`, `I-NP`, `O`), as `(first, end, kind)`
/// item ranges, read as conlleval reads them: an `I-X` that does not continue an
/// `X` chunk starts one; unknown tags are outside.
pub fn iob_chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (prefix, kind) = t.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k.to_owned()));
            }
            if matches!(prefix, "B" | "I") && !kind.is_empty() {
                open = Some((i, kind));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for &p in Pos::ALL {
            assert_eq!(Pos::parse(p.as_str()), Some(p));
        }
        for &p in Phrase::ALL {
            assert_eq!(Phrase::parse(p.as_str()), Some(p));
        }
        assert_eq!(Pos::ALL.len(), 45);
        assert_eq!(serde_json::to_string(&Pos::PrpS).unwrap(), "\"PRP$\"");
        assert_eq!(Pos::parse("XX"), None);
    }

    #[test]
    fn chunks_read_as_conlleval() {
        let table: &[(&[&str], &[(usize, usize, &str)])] = &[
            (&["B-NP", "I-NP", "B-VP", "O", "B-PP", "B-NP"], &[(0, 2, "NP"), (2, 3, "VP"), (4, 5, "PP"), (5, 6, "NP")]),
            // an I- after O or another kind starts a chunk
            (&["O", "I-NP", "I-VP", "I-VP"], &[(1, 2, "NP"), (2, 4, "VP")]),
            (&["B-NP", "B-NP"], &[(0, 1, "NP"), (1, 2, "NP")]),
            (&["O", "junk", "I-"], &[]),
            (&[], &[]),
        ];
        for (tags, want) in table {
            let got = iob_chunks(tags);
            let want: Vec<(usize, usize, String)> = want.iter().map(|&(a, b, k)| (a, b, k.to_owned())).collect();
            assert_eq!(got, want, "{tags:?}");
        }
    }

    #[test]
    fn lookups_by_byte() {
        // "Trump said during a rally"
        let s = Syntax {
            words: vec![
                Word { start: 0, end: 5, pos: Pos::Nnp },
                Word { start: 6, end: 10, pos: Pos::Vbd },
                Word { start: 11, end: 17, pos: Pos::In },
                Word { start: 18, end: 19, pos: Pos::Dt },
                Word { start: 20, end: 25, pos: Pos::Nn },
            ],
            chunks: vec![
                Chunk { kind: Phrase::Np, start: 0, end: 5 },
                Chunk { kind: Phrase::Vp, start: 6, end: 10 },
                Chunk { kind: Phrase::Pp, start: 11, end: 17 },
                Chunk { kind: Phrase::Np, start: 18, end: 25 },
            ],
        };
        assert_eq!(s.word_at(12).map(|w| w.pos), Some(Pos::In));
        assert_eq!(s.word_at(5), None);
        assert_eq!(s.chunk_at(19).map(|c| c.kind), Some(Phrase::Np));
        assert_eq!(s.chunk_at(100), None);
        let tail = s.slice(11..25);
        assert_eq!(tail.words.len(), 3);
        assert_eq!(tail.chunks[0], Chunk { kind: Phrase::Pp, start: 0, end: 6 });
        let mut joined = Syntax::default();
        joined.extend_shifted(&tail, 11);
        assert_eq!(joined.words[..], s.words[2..]);
    }
}
