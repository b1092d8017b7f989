//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2722 claims). Leave-one-debate-out MAP of these settings: 0.1975.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.023;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.534),
    ("money", 0.494),
    ("percent", 0.755),
    ("large_number", 0.462),
    ("several_figures", 0.386),
    ("vague_figure", 0.135),
    ("date", 0.372),
    ("past_event", 0.364),
    ("comparison", 0.415),
    ("superlative", 0.465),
    ("hedge", 0.074),
    ("data_source", 0.485),
    ("official_role", -0.166),
    ("rule_or_law", 0.413),
    ("named_source", 0.018),
    ("quote", 0.022),
    ("opinion", -0.511),
    ("future", -0.312),
    ("first_person", -0.469),
    ("we", 0.037),
    ("you", -0.07),
    ("negation", -0.081),
    ("question", -0.5),
    ("short", -0.338),
    ("long", 0.162),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.247),
    ("word:her", 0.226),
    ("word:percent", 0.206),
    ("word:supported", 0.2),
    ("word:where", 0.161),
    ("word:by", 0.15),
    ("word:hundreds", 0.15),
    ("word:last", 0.148),
    ("word:unemployment", 0.143),
    ("word:hillary", 0.138),
    ("word:money", 0.122),
    ("word:since", 0.117),
    ("word:has", 0.114),
    ("word:americans", 0.112),
    ("word:arizona", 0.109),
    ("word:nafta", 0.109),
    ("word:or", 0.107),
    ("word:workers", 0.104),
    ("word:re", -0.104),
    ("word:know", -0.105),
    ("word:that", -0.116),
    ("word:ve", -0.118),
    ("word:their", -0.119),
    ("word:with", -0.131),
    ("word:one", -0.16),
    ("word:and", -0.187),
    ("word:they", -0.189),
];
