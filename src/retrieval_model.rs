//! The verified-claim retrieval model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_retrieval -- DATA_DIR --out src/retrieval_model.rs`
//! from the CLEF CheckThat! 2020 Task 2 data (sshaar/clef2020-factchecking-task2,
//! data/v3.zip): 10389 verified claims, 800 training tweets. First stage: the best
//! k1, b, title and word-pair weights of a grid; then pairwise logistic regression,
//! refined by coordinate ascent on MAP@5 over a grid of 0.25 from -2 to 6, the first
//! stage's rank fixed at 1.
//! MAP@5: train 0.8996, dev 0.8421. See `crate::retrieval`.

/// BM25's `k1` and `b`, and the weight of the title's score in the first stage.
pub const K1: f64 = 0.6;
pub const B: f64 = 0.9;
pub const TITLE: f64 = 0.5;
pub const PAIRS: f64 = 0.0;

/// The weights of `crate::retrieval::FEATURES`, in its order.
pub const WEIGHTS: &[f64] = &[
    -1.0,  // bm25_claim
    0.25,  // bm25_title
    0.0,   // bigrams
    0.75,  // numbers_shared
    0.002, // numbers_missing
    0.75,  // names_shared
    -0.25, // claim_covered
    0.0,   // bm25_pairs
    5.75,  // cosine
    0.75,  // author
    0.5,   // year_same
    1.0,   // month_same
    -0.5,  // year_other
    0.75,  // acronyms
    5.75,  // feedback
    0.309, // names_rare
    0.323, // text_covered
    3.75,  // grams
    4.5,   // edge
    1.0,   // first_rank
];
