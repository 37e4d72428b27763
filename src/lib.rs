//! placeholder
mod claim;
mod claims;
pub mod conll;
pub mod eval;
mod cues;
mod entity;
mod error;
mod extract;
pub(crate) mod labels;
pub mod models;
pub mod ner;
mod quotes;
mod resolve;
mod span;
pub mod text;
mod tokens;

pub use claim::{Anonymity, Claim, Descriptor, QuoteKind, Speaker, SpeakerKind, Stance};
pub use entity::{Entity, EntityKind};
pub use error::{Error, Result};
pub use extract::{attribute, Article, Extractor, Source};
pub use span::Span;
