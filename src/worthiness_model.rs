//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2742 claims). Leave-one-debate-out MAP of these settings: 0.1992.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.014;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.542),
    ("money", 0.485),
    ("percent", 0.798),
    ("large_number", 0.455),
    ("several_figures", 0.379),
    ("vague_figure", 0.132),
    ("date", 0.373),
    ("past_event", 0.365),
    ("comparison", 0.408),
    ("superlative", 0.464),
    ("hedge", 0.068),
    ("data_source", 0.483),
    ("official_role", -0.165),
    ("rule_or_law", 0.408),
    ("named_source", 0.072),
    ("quote", 0.016),
    ("opinion", -0.511),
    ("future", -0.314),
    ("first_person", -0.471),
    ("we", 0.036),
    ("you", -0.074),
    ("negation", -0.084),
    ("question", -0.5),
    ("short", -0.312),
    ("long", 0.164),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:percent", 0.249),
    ("word:jobs", 0.246),
    ("word:her", 0.225),
    ("word:supported", 0.198),
    ("word:where", 0.159),
    ("word:hundreds", 0.151),
    ("word:by", 0.149),
    ("word:last", 0.145),
    ("word:unemployment", 0.142),
    ("word:hillary", 0.136),
    ("word:money", 0.121),
    ("word:since", 0.116),
    ("word:has", 0.113),
    ("word:americans", 0.11),
    ("word:nafta", 0.108),
    ("word:or", 0.107),
    ("word:arizona", 0.106),
    ("word:workers", 0.103),
    ("word:know", -0.104),
    ("word:re", -0.106),
    ("word:ve", -0.118),
    ("word:that", -0.119),
    ("word:their", -0.12),
    ("word:with", -0.129),
    ("word:one", -0.163),
    ("word:and", -0.188),
    ("word:they", -0.194),
];
