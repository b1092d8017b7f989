//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2774 claims). Leave-one-debate-out MAP of these settings: 0.2017.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.015;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.539),
    ("money", 0.49),
    ("percent", 0.76),
    ("large_number", 0.453),
    ("several_figures", 0.395),
    ("vague_figure", 0.134),
    ("date", 0.363),
    ("past_event", 0.357),
    ("comparison", 0.45),
    ("superlative", 0.476),
    ("hedge", 0.054),
    ("data_source", 0.479),
    ("official_role", -0.156),
    ("rule_or_law", 0.413),
    ("named_source", -0.021),
    ("quote", 0.021),
    ("opinion", -0.521),
    ("future", -0.313),
    ("first_person", -0.468),
    ("we", 0.054),
    ("you", -0.063),
    ("negation", -0.1),
    ("question", -0.5),
    ("short", -0.345),
    ("long", 0.159),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.239),
    ("word:her", 0.221),
    ("word:percent", 0.212),
    ("word:supported", 0.197),
    ("word:where", 0.157),
    ("word:by", 0.156),
    ("word:hundreds", 0.15),
    ("word:since", 0.14),
    ("word:last", 0.139),
    ("word:unemployment", 0.139),
    ("word:hillary", 0.136),
    ("word:or", 0.128),
    ("word:money", 0.117),
    ("word:arizona", 0.106),
    ("word:has", 0.106),
    ("word:nafta", 0.106),
    ("word:americans", 0.105),
    ("word:the", 0.103),
    ("word:workers", 0.102),
    ("word:thousands", 0.1),
    ("word:children", -0.1),
    ("word:so", -0.101),
    ("word:that", -0.104),
    ("word:their", -0.116),
    ("word:with", -0.116),
    ("word:ve", -0.129),
    ("word:one", -0.17),
    ("word:they", -0.175),
    ("word:and", -0.198),
];
