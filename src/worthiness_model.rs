//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2281 claims). Leave-one-debate-out MAP of these settings: 0.1967.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.03;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.542),
    ("money", 0.478),
    ("percent", 0.832),
    ("large_number", 0.465),
    ("several_figures", 0.321),
    ("vague_figure", 0.133),
    ("date", 0.362),
    ("past_event", 0.341),
    ("comparison", 0.382),
    ("superlative", 0.403),
    ("hedge", 0.054),
    ("data_source", 0.501),
    ("official_role", -0.166),
    ("rule_or_law", 0.359),
    ("named_source", 0.143),
    ("quote", 0.02),
    ("opinion", -0.54),
    ("future", -0.284),
    ("first_person", -0.424),
    ("we", -0.008),
    ("you", -0.108),
    ("negation", -0.029),
    ("question", -0.5),
    ("short", -0.377),
    ("long", 0.197),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:percent", 0.267),
    ("word:her", 0.261),
    ("word:jobs", 0.259),
    ("word:where", 0.186),
    ("word:hundreds", 0.176),
    ("word:has", 0.161),
    ("word:last", 0.16),
    ("word:supported", 0.16),
    ("word:hillary", 0.149),
    ("word:by", 0.145),
    ("word:money", 0.145),
    ("word:unemployment", 0.144),
    ("word:americans", 0.135),
    ("word:since", 0.133),
    ("word:million", 0.132),
    ("word:arizona", 0.125),
    ("word:deal", 0.125),
    ("word:standard", 0.121),
    ("word:gold", 0.118),
    ("word:increase", 0.117),
    ("word:uncontrolled", 0.116),
    ("word:or", 0.111),
    ("word:state", 0.111),
    ("word:because", 0.108),
    ("word:reached", 0.108),
    ("word:getting", 0.107),
    ("word:trade", 0.106),
    ("word:protect", 0.105),
    ("word:once", 0.102),
    ("word:loan", 0.101),
    ("word:traffic", 0.101),
    ("word:run", 0.1),
    ("word:get", -0.1),
    ("word:ve", -0.106),
    ("word:trump", -0.11),
    ("word:know", -0.114),
    ("word:children", -0.115),
    ("word:and", -0.131),
    ("word:re", -0.132),
    ("word:their", -0.145),
    ("word:that", -0.159),
    ("word:they", -0.17),
    ("word:one", -0.174),
];
