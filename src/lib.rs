//! # attribution
//!
//! Who said what in a news article: typed [`Claim`]s — speaker, [`Anonymity`],
//! [`Stance`], content and cue, all as byte spans into the input — from a
//! transformer NER model (MiniLM fine-tuned on CoNLL-2003 with `rust-bert`/`tch`, run
//! on libtorch or ONNX Runtime) plus attribution heuristics.
//!
//! The data flows one way, one module a step, on one document carrier per window of
//! text (`doc::Doc`: its sentences, tokens, quotations, then the model's entities and
//! syntax), which every later step reads and none re-derives:
//!
//! | step | module | what |
//! |---|---|---|
//! | text → sentences | [`text`] | paragraphs, sentences, windows, quotations, word tokens (byte ranges) |
//! | sentences → entities | [`ner`] | the only module that touches `rust-bert`/`tch` and ONNX Runtime (`ort`); with a syntax model also POS tags and chunks ([`syntax`]) from the same pass |
//! | entities → cues | `cues` | reporting expressions and their stance and form |
//! | cues → claims | `claims` | content and speaker mention of each cue, by one ordered table of rules ([`Rule`]), one file a rule |
//! | claims → speakers | `resolution` | anonymity, names, descriptors; what `he` / `the official` stands for |
//! | speakers → output | `extract` | orchestration: plan, batch the model, assemble [`Article`]s |
//!
//! The model tags only what the rules will read: a draft pass of the rules on the
//! text alone chooses those stretches (the speakers' surroundings, the words after
//! each cue), and with syntax the rules then run once more, reading phrases.
//!
//! Every word list the rules use is in one module, `lexicon`.
//!
//! The heuristics alone are the pure function [`attribute`] over a text and its
//! entities (no model needed; [`attribute_with_syntax`] with POS tags and chunks
//! too); [`Extractor`] runs the model and then them. [`html`] draws an article's
//! claims, or a corpus report, as one self-contained HTML page.
//!
//! ## Quick start
//!
//! ```no_run
//! # #[cfg(feature = "model")]
//! # fn main() -> Result<(), attribution::Error> {
//! use attribution::{Anonymity, Extractor, IfMissing};
//!
//! // The default model, found in the cache (`$ATTRIBUTION_CACHE`, else
//! // `~/.cache/attribution`), built there on first use. A crate that depends on
//! // this one sets up libtorch as the README's "Use it from your crate" says; with
//! // feature `onnx` alone it needs no set-up and runs a model built before
//! // (`IfMissing::Fail`).
//! let extractor = Extractor::default_model(IfMissing::Build)?;
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
//! | `onnx` | yes (through `model`) | running a built model ([`ner`], `Extractor`) on ONNX Runtime only: the tokenizers crate and `ort`, which loads ONNX Runtime at run time from the PyPI wheel building a model fetches; no libtorch, no build set-up in a dependent |
//! | `model` | yes | `onnx` plus rust-bert/tch: training, building a model (`IfMissing::Build`), the ONNX export, the libtorch engine; libtorch comes from `scripts/setup.sh` |
//! | `cli` | yes | the `attribution` command-line tool |
//!
//! With `onnx` alone, engine `auto` is ONNX Runtime, engine `torch` is
//! [`Error::Backend`], and a model that is not built is [`Error::ModelNotBuilt`] (naming
//! the command that builds it) whatever `IfMissing` says. Without `onnx` and `model`,
//! the crate is the pure heuristics ([`attribute`]), the evaluation ([`eval`]) and the
//! `models.toml` parser ([`models`]), with no libtorch.
#![deny(missing_docs)]

pub mod cache;
mod claim;
mod claims;
pub mod conll;
mod cues;
mod doc;
mod entity;
mod error;
pub mod eval;
mod extract;
pub mod html;
mod labels;
pub mod learned;
mod lexicon;
pub mod models;
#[cfg(feature = "onnx")]
pub mod ner;
mod resolution;
mod span;
pub mod syntax;
pub mod text;

pub use claim::{name_key, Anonymity, Article, Claim, Descriptor, QuoteKind, Source, Speaker, SpeakerKind, Stance};
pub use claims::{Rule, Rules};
pub use entity::{Entity, EntityKind};
pub use error::{Error, Result};
#[cfg(feature = "onnx")]
pub use extract::Extractor;
pub use extract::{attribute, attribute_with_rules, attribute_with_syntax};
pub use lexicon::{is_pronoun, names_no_source};
#[cfg(feature = "onnx")]
pub use ner::IfMissing;
pub use span::Span;
