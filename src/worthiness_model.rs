//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2325 claims). Leave-one-debate-out MAP of these settings: 0.1991.
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
    ("figure", 0.531),
    ("money", 0.477),
    ("percent", 0.826),
    ("large_number", 0.462),
    ("several_figures", 0.324),
    ("vague_figure", 0.134),
    ("date", 0.355),
    ("past_event", 0.345),
    ("comparison", 0.403),
    ("superlative", 0.437),
    ("hedge", 0.053),
    ("data_source", 0.5),
    ("official_role", -0.183),
    ("rule_or_law", 0.377),
    ("named_source", 0.139),
    ("quote", 0.02),
    ("opinion", -0.538),
    ("future", -0.291),
    ("first_person", -0.448),
    ("we", 0.02),
    ("you", -0.106),
    ("negation", -0.045),
    ("question", -0.5),
    ("short", -0.379),
    ("long", 0.187),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:percent", 0.262),
    ("word:her", 0.257),
    ("word:jobs", 0.25),
    ("word:where", 0.185),
    ("word:hundreds", 0.174),
    ("word:unemployment", 0.167),
    ("word:supported", 0.159),
    ("word:has", 0.153),
    ("word:last", 0.153),
    ("word:hillary", 0.147),
    ("word:money", 0.144),
    ("word:by", 0.132),
    ("word:americans", 0.129),
    ("word:million", 0.128),
    ("word:arizona", 0.122),
    ("word:deal", 0.119),
    ("word:gold", 0.116),
    ("word:standard", 0.115),
    ("word:uncontrolled", 0.114),
    ("word:increase", 0.109),
    ("word:or", 0.108),
    ("word:since", 0.107),
    ("word:getting", 0.106),
    ("word:reached", 0.106),
    ("word:trade", 0.104),
    ("word:state", 0.102),
    ("word:look", 0.1),
    ("word:with", -0.107),
    ("word:trump", -0.11),
    ("word:so", -0.113),
    ("word:children", -0.117),
    ("word:know", -0.124),
    ("word:re", -0.132),
    ("word:that", -0.141),
    ("word:their", -0.145),
    ("word:and", -0.163),
    ("word:they", -0.174),
    ("word:one", -0.179),
];
