//! The output types: claims, speakers, anonymity, stance.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How anonymous a source is (see the annotation guide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Anonymity {
    /// An individual identified by name.
    Named,
    /// An identified organisation, government, country, company, outlet or document
    /// speaking as a body, or an unnamed spokesperson for a named body.
    Institutional,
    /// A person or group that is only described.
    Anonymous,
}

/// How the source stands toward the content, read from the cue and its negation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Stance {
    /// States it (`said`, `told`, `added`, `according to`).
    Assert,
    /// Rejects it (`denied`, `rejected`, `dismissed`).
    Deny,
    /// Confirms or concedes it (`confirmed`, `acknowledged`).
    Confirm,
    /// Refuses or fails to say (`declined to comment`, `did not say`).
    Decline,
    /// Puts it forward tentatively (`suggested`, `hinted`, `signalled`).
    Hedge,
}

/// Whether the content is a direct quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech in a text that uses quotation marks elsewhere, or that
    /// follows `that`.
    Indirect,
    /// The text has no quotation marks at all (they may have been stripped), so
    /// direct and indirect speech cannot be told apart.
    Unknown,
}

/// What kind of thing the source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SpeakerKind {
    /// One person.
    Person,
    /// An organisation, government, country or outlet.
    Organization,
    /// Several people (`two U.S. officials`, `sources`).
    Group,
    /// A report, statement or document.
    Document,
    /// Not determined.
    Unknown,
}

/// The descriptor of an unnamed source (`two senior U.S. officials familiar with the talks`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Descriptor {
    /// The role noun (`official`, `diplomat`, `source`, `spokesman`).
    pub role: Option<String>,
    /// Affiliation words (`U.S.`, `Iranian`, `Western`).
    pub affiliation: Vec<String>,
    /// How many (`2` for `two officials`), when the text says.
    pub count: Option<u32>,
    /// What the source knows or is close to (`familiar with the overtures`).
    pub knowledge: Option<String>,
}

/// Who made a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Byte offset of the mention in the input.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// The mention as written (`he`, `the official`, `Bahram Qasemi`).
    pub text: String,
    /// For a pronoun or back-reference, the earlier (or, for a mention the next
    /// sentence names, later) mention it stands for.
    pub resolved: Option<Span>,
    /// The proper name of a named person or body.
    pub name: Option<String>,
    /// What kind of source this is.
    pub kind: SpeakerKind,
    /// The descriptor of an unnamed source.
    pub descriptor: Descriptor,
}

/// One claim: a statement the article attributes to a source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The source.
    pub speaker: Speaker,
    /// Named, institutional or anonymous (of the resolved mention for pronouns).
    pub anonymity: Anonymity,
    /// The markers the text gives for anonymity (`on condition of anonymity`).
    pub anonymity_markers: Vec<Span>,
    /// Assert, deny, confirm, decline or hedge.
    pub stance: Stance,
    /// The reporting expression (`said`, `told Reuters`, `declined to comment`).
    pub cue: Span,
    /// The content, without source, cue and a leading `that`. `None` for a
    /// decline with no topic.
    pub text: Option<Span>,
    /// Direct quote, indirect speech, or unknown (quotation marks stripped).
    pub quote: QuoteKind,
}
