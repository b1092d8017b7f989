//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2602 claims). Leave-one-debate-out MAP of these settings: 0.1988.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -2.99;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.523),
    ("money", 0.478),
    ("percent", 0.808),
    ("large_number", 0.46),
    ("several_figures", 0.336),
    ("vague_figure", 0.122),
    ("date", 0.379),
    ("past_event", 0.371),
    ("comparison", 0.4),
    ("superlative", 0.447),
    ("hedge", 0.046),
    ("data_source", 0.5),
    ("official_role", -0.182),
    ("rule_or_law", 0.376),
    ("named_source", 0.124),
    ("quote", 0.019),
    ("opinion", -0.534),
    ("future", -0.306),
    ("first_person", -0.443),
    ("we", 0.022),
    ("you", -0.097),
    ("negation", -0.047),
    ("question", -0.5),
    ("short", -0.368),
    ("long", 0.174),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.255),
    ("word:percent", 0.249),
    ("word:her", 0.232),
    ("word:supported", 0.206),
    ("word:where", 0.17),
    ("word:hundreds", 0.159),
    ("word:unemployment", 0.149),
    ("word:last", 0.142),
    ("word:has", 0.136),
    ("word:nafta", 0.135),
    ("word:hillary", 0.134),
    ("word:money", 0.129),
    ("word:by", 0.123),
    ("word:americans", 0.118),
    ("word:million", 0.114),
    ("word:arizona", 0.111),
    ("word:deal", 0.103),
    ("word:gold", 0.103),
    ("word:standard", 0.103),
    ("word:uncontrolled", 0.102),
    ("word:just", -0.1),
    ("word:trump", -0.101),
    ("word:with", -0.103),
    ("word:so", -0.104),
    ("word:children", -0.106),
    ("word:know", -0.115),
    ("word:re", -0.122),
    ("word:that", -0.134),
    ("word:their", -0.136),
    ("word:and", -0.155),
    ("word:one", -0.171),
    ("word:they", -0.187),
];
