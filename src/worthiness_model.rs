//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2600 claims). Leave-one-debate-out MAP of these settings: 0.1984.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.008;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.536),
    ("money", 0.481),
    ("percent", 0.81),
    ("large_number", 0.465),
    ("several_figures", 0.34),
    ("vague_figure", 0.121),
    ("date", 0.381),
    ("past_event", 0.373),
    ("comparison", 0.401),
    ("superlative", 0.457),
    ("hedge", 0.054),
    ("data_source", 0.473),
    ("official_role", -0.176),
    ("rule_or_law", 0.382),
    ("named_source", 0.119),
    ("quote", 0.019),
    ("opinion", -0.53),
    ("future", -0.302),
    ("first_person", -0.456),
    ("we", 0.029),
    ("you", -0.091),
    ("negation", -0.062),
    ("question", -0.5),
    ("short", -0.362),
    ("long", 0.162),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.256),
    ("word:percent", 0.252),
    ("word:her", 0.233),
    ("word:supported", 0.207),
    ("word:where", 0.172),
    ("word:hundreds", 0.158),
    ("word:unemployment", 0.15),
    ("word:last", 0.146),
    ("word:hillary", 0.137),
    ("word:nafta", 0.135),
    ("word:money", 0.13),
    ("word:by", 0.128),
    ("word:has", 0.119),
    ("word:americans", 0.118),
    ("word:million", 0.116),
    ("word:arizona", 0.112),
    ("word:deal", 0.104),
    ("word:gold", 0.104),
    ("word:or", 0.104),
    ("word:standard", 0.103),
    ("word:uncontrolled", 0.102),
    ("word:increase", 0.1),
    ("word:so", -0.102),
    ("word:children", -0.106),
    ("word:know", -0.114),
    ("word:re", -0.12),
    ("word:their", -0.134),
    ("word:that", -0.158),
    ("word:one", -0.17),
    ("word:and", -0.174),
    ("word:they", -0.18),
];
