//! Named entities: what the NER model returns and what the heuristics consume.

use serde::{Deserialize, Serialize};

/// The kind of a named entity (CoNLL-2003 types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person (`PER`).
    Person,
    /// An organisation (`ORG`).
    Organization,
    /// A location, country or city (`LOC`).
    Location,
    /// Anything else named: nationalities, events, works (`MISC`).
    Misc,
}

impl EntityKind {
    /// All kinds, in label order.
    pub const ALL: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organization, EntityKind::Location, EntityKind::Misc];

    /// The CoNLL tag (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn tag(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    /// The kind for a CoNLL tag.
    pub fn from_tag(tag: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.tag() == tag)
    }
}

/// A named entity found in a text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The entity's kind.
    pub kind: EntityKind,
    /// Byte offset of its first byte in the text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The entity as written.
    pub text: String,
    /// The model's confidence, the mean probability of its tokens' labels (0..=1).
    pub score: f32,
}

impl Entity {
    /// An entity over `text[start..end]` with score 1 (for hand-made entity lists).
    /// `None` if the range is empty or not on char boundaries.
    pub fn new(kind: EntityKind, text: &str, start: usize, end: usize) -> Option<Entity> {
        let slice = text.get(start..end)?;
        (start < end).then(|| Entity { kind, start, end, text: slice.to_owned(), score: 1.0 })
    }
}
