//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 2805 claims). Leave-one-debate-out MAP of these settings: 0.2031.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.118;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.506),
    ("money", 0.48),
    ("percent", 0.746),
    ("large_number", 0.53),
    ("several_figures", 0.252),
    ("vague_figure", 0.059),
    ("date", 0.311),
    ("past_event", 0.318),
    ("comparison", 0.335),
    ("superlative", 0.35),
    ("hedge", 0.013),
    ("data_source", 0.492),
    ("official_role", -0.101),
    ("rule_or_law", 0.274),
    ("named_source", 0.158),
    ("quote", -0.035),
    ("opinion", -0.406),
    ("future", -0.19),
    ("first_person", -0.565),
    ("we", -0.03),
    ("you", -0.157),
    ("negation", 0.013),
    ("question", -0.479),
    ("short", -0.406),
    ("long", 0.154),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.373),
    ("word:hillary", 0.2),
    ("word:has", 0.198),
    ("word:percent", 0.192),
    ("word:by", 0.185),
    ("word:go", 0.182),
    ("word:million", 0.155),
    ("word:way", 0.151),
    ("word:them", 0.15),
    ("word:announced", 0.141),
    ("word:hundreds", 0.139),
    ("word:because", 0.136),
    ("word:new", 0.134),
    ("word:number", 0.128),
    ("word:increase", 0.127),
    ("word:gold", 0.126),
    ("word:the", 0.122),
    ("word:against", 0.119),
    ("word:protect", 0.118),
    ("word:where", 0.118),
    ("word:standard", 0.117),
    ("word:ahead", 0.114),
    ("word:iraq", 0.113),
    ("word:arizona", 0.111),
    ("word:when", 0.109),
    ("word:cut", 0.107),
    ("word:any", 0.106),
    ("word:last", 0.106),
    ("word:just", 0.102),
    ("word:massive", 0.102),
    ("word:there", 0.102),
    ("word:american", 0.101),
    ("word:election", 0.101),
    ("word:business", 0.1),
    ("word:debt", -0.101),
    ("word:people", -0.101),
    ("word:know", -0.11),
    ("word:back", -0.112),
    ("word:have", -0.116),
    ("word:their", -0.116),
    ("word:re", -0.121),
    ("word:even", -0.126),
    ("word:one", -0.136),
    ("word:that", -0.151),
    ("word:now", -0.163),
];
