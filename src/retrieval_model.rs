//! The verified-claim retrieval model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_retrieval -- DATA_DIR --out src/retrieval_model.rs`
//! from the CLEF CheckThat! 2020 Task 2 data (sshaar/clef2020-factchecking-task2,
//! data/v3.zip): 10389 verified claims, 800 training tweets. First stage: the best
//! k1, b, title and word-pair weights of a grid; then coordinate ascent on MAP@5 over a grid of
//! 0.25 from -2 to 4, the first stage's rank fixed at 1.
//! MAP@5: train 0.8708, dev 0.8117. See `crate::retrieval`.

/// BM25's `k1` and `b`, and the weight of the title's score in the first stage.
pub const K1: f64 = 0.6;
pub const B: f64 = 1.0;
pub const TITLE: f64 = 0.5;
pub const PAIRS: f64 = 0.0;

/// The weights of `crate::retrieval::FEATURES`, in its order.
pub const WEIGHTS: &[f64] = &[1.0, 0.5, 0.0, 0.25, -0.5, -0.25, 0.0, 0.25, 4.0, 1.0];
