//! # attribution
//!
//! Who said what in a news article: typed [`Claim`]s — speaker, [`Anonymity`],
//! [`Stance`], content and cue, all as byte spans into the input — from a
//! transformer NER model (MiniLM fine-tuned on CoNLL-2003, run through
//! `rust-bert`/`tch`) plus attribution heuristics.
//!
//! The data flows one way, one module a step:
//!
//! | step | module | what |
//! |---|---|---|
//! | text → sentences | [`text`] | paragraphs, sentences, windows (byte ranges) |
//! | sentences → entities | [`ner`] | the only module that touches `rust-bert`/`tch` |
//! | entities → cues | `cues` | the reporting-verb lexicon and its stances |
//! | cues → claims | `claims` | content and speaker mention of each cue |
//! | claims → speakers | `resolve` | anonymity, names, descriptors, `he` / `the official` |
//! | speakers → output | [`Article`] | claims grouped into [`Source`]s |
//!
//! The heuristics alone are the pure function [`attribute`] over a text and its
//! entities (no model needed); [`Extractor`] runs the model and then them.
//!
//! ## Quick start
//!
//! ```no_run
//! # #[cfg(feature = "model")]
//! # fn main() -> Result<(), attribution::Error> {
//! use attribution::{Anonymity, Extractor};
//!
//! // models.toml names the model; `bash scripts/setup.sh` builds it once.
//! let extractor = Extractor::from_models_file("models.toml", None)?;
//! let article = extractor.extract("Two U.S. officials said Iran had made an offer.")?;
//! for claim in &article.claims {
//!     println!("{} ({:?}, {:?}): {:?}", claim.speaker.text, claim.anonymity, claim.stance, claim.text);
//! }
//! assert_eq!(article.claims[0].anonymity, Anonymity::Anonymous);
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "model"))]
//! # fn main() {}
//! ```
//!
//! Without the model, with entities from anywhere:
//!
//! ```
//! use attribution::{attribute, Entity, EntityKind, Stance};
//!
//! let text = "The State Department declined to comment.";
//! let ents = vec![Entity::new(EntityKind::Organization, text, 4, 20).unwrap()];
//! let claims = attribute(text, &ents);
//! assert_eq!(claims[0].stance, Stance::Decline);
//! assert_eq!(claims[0].speaker.text, "The State Department");
//! ```
//!
//! ## Features
//!
//! | feature | default | what |
//! |---|---|---|
//! | `model` | yes | the NER model ([`ner`], `Extractor`, training) on rust-bert/tch; libtorch comes from `scripts/setup.sh` |
//!
//! Without `model`, the crate is the pure heuristics ([`attribute`]), the evaluation
//! ([`eval`]) and the `models.toml` parser ([`models`]), with no libtorch.
#![deny(missing_docs)]

mod claim;
mod claims;
pub mod conll;
mod cues;
mod entity;
mod error;
pub mod eval;
mod extract;
mod labels;
pub mod models;
#[cfg(feature = "model")]
pub mod ner;
mod quotes;
mod resolve;
mod span;
pub mod text;
mod tokens;

pub use claim::{Anonymity, Claim, Descriptor, QuoteKind, Speaker, SpeakerKind, Stance};
pub use entity::{Entity, EntityKind};
pub use error::{Error, Result};
#[cfg(feature = "model")]
pub use extract::Extractor;
pub use extract::{attribute, Article, Source};
pub use span::Span;
