//! claimtrace: find the checkable claims in news articles — figures, dates and
//! attributions — store them with exact spans and normalised values, and review them.
//!
//! The pipeline, one module a stage, data flowing one way:
//! [`document`] (input, metadata, hash) → [`segment`] (paragraphs, sentences) →
//! [`recognize`] (figures, dates, attributions) → [`sources`] (registry, coreference) →
//! [`claims`] (assembly, typing, check-worthiness) → [`store`] (SQLite).
//! [`pipeline`] runs the stages for one document, [`parallel`] over many on all cores;
//! [`output`] renders the extract contract, [`analysed`] the records that carry an
//! analysis from where it ran to the database.

#[macro_use]
mod vocab;

pub mod analysed;
pub mod annotations;
pub mod assertion;
pub mod bytescan;
pub mod claimreview;
pub mod claims;
pub mod decimal;
pub mod document;
pub mod export;
pub mod fnv;
pub mod matching;
pub mod output;
pub mod parallel;
pub mod pipeline;
pub mod reanchor;
pub mod recognize;
pub mod retrieval;
mod retrieval_model;
pub mod review;
pub mod segment;
pub mod serve;
pub mod sources;
pub mod span;
pub mod store;
pub mod table;
pub mod tokens;
pub mod worthiness;
mod worthiness_model;
