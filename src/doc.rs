//! The document carrier: one window of a text with what each step finds in it —
//! sentences, word tokens and quotations (the `text` step, once), then the model's
//! entities and syntax (the `ner` step) — read by cues, claims and resolution.
//! Nothing downstream tokenizes or splits the text again.

use std::borrow::Cow;
use std::ops::Range;

use crate::entity::{Entity, EntityKind};
use crate::syntax::Syntax;
use crate::text::quotes::{find_quotes, has_quote_marks, Quote};
use crate::text::sentence_spans;
use crate::text::tokens::{tokenize, Tok};

/// One window of a text (a whole article, or a part of a long document) and what
/// the steps found in it. All ranges are byte ranges into `text`.
#[derive(Debug)]
pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    /// Sentences, in order.
    pub(crate) sentences: Vec<Range<usize>>,
    /// Word and punctuation tokens, in order.
    pub(crate) toks: Vec<Tok>,
    /// Quotations, sorted and disjoint.
    pub(crate) quotes: Vec<Quote>,
    /// Whether the text has quotation marks at all (else direct and indirect speech
    /// cannot be told apart).
    pub(crate) has_quote_marks: bool,
    /// The model's part-of-speech tags and chunks where it tagged (empty without a
    /// syntax model: the rules then read word shapes).
    pub(crate) syntax: Syntax,
    /// Named entities, sorted by span, each a non-blank span of `text` with its words.
    pub(crate) entities: Vec<Entity>,
    /// Whether the text opens the document (a later window of a long one does not):
    /// where a headline and lede stand.
    pub(crate) opens_document: bool,
}

impl<'t> Doc<'t> {
    /// The text step: sentences, tokens and quotations of `text`.
    pub(crate) fn new(text: &'t str) -> Doc<'t> {
        Doc {
            text,
            sentences: sentence_spans(text),
            toks: tokenize(text, 0..text.len()),
            quotes: find_quotes(text),
            has_quote_marks: has_quote_marks(text),
            syntax: Syntax::default(),
            entities: Vec::new(),
            opens_document: true,
        }
    }

    /// Takes the entities found for this window: only spans of this text that hold
    /// more than blanks, with this text's words (a caller's `text` field is not
    /// trusted: an empty one once gave empty names), sorted.
    pub(crate) fn set_entities(&mut self, entities: &[Entity]) {
        let text = self.text;
        self.entities = entities
            .iter()
            .filter_map(|e| {
                let slice = text.get(e.start..e.end).filter(|s| !s.trim().is_empty())?;
                Some(Entity { text: slice.to_owned(), ..e.clone() })
            })
            .collect();
        self.entities.sort_by_key(|e| (e.start, e.end));
    }

    /// Whether byte `at` lies inside a person's name after its first word (`Said` of
    /// `Omar Said`): the entity starting last before it is a person's and runs past it.
    pub(crate) fn inside_person_name(&self, at: usize) -> bool {
        let i = self.entities.partition_point(|e| e.start < at);
        i > 0 && self.entities[i - 1].kind == EntityKind::Person && self.entities[i - 1].end > at
    }

    /// Whether the name of a person or body ends at byte `at` (`Lynch` before `notes`).
    pub(crate) fn name_ends_at(&self, at: usize) -> bool {
        self.entities.iter().any(|e| e.end == at && matches!(e.kind, EntityKind::Person | EntityKind::Organization))
    }

    /// Whether the model tagged the word starting at byte `at` a noun (`claims` in
    /// `dubious medical claims`); `false` where it did not tag.
    pub(crate) fn tagged_noun(&self, at: usize) -> bool {
        self.syntax.word_at(at).is_some_and(|w| w.start == at && w.pos.is_noun())
    }

    /// The tokens of byte range `r`: the window's own where `r` starts and ends on
    /// token boundaries (a speaker mention always does); tokenized afresh where it
    /// cuts a token (an entity the model ended inside `Trump’s`).
    pub(crate) fn toks_of(&self, r: &Range<usize>) -> Cow<'_, [Tok]> {
        let lo = self.toks.partition_point(|t| t.start < r.start);
        let hi = self.toks.partition_point(|t| t.end <= r.end).max(lo);
        let aligned = self.toks.get(lo).is_some_and(|t| t.start == r.start) && hi > lo && self.toks[hi - 1].end == r.end;
        if aligned {
            Cow::Borrowed(&self.toks[lo..hi])
        } else {
            Cow::Owned(tokenize(self.text, r.clone()))
        }
    }
}
