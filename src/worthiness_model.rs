//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 1701 claims). Leave-one-debate-out MAP of these settings: 0.2025.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -3.004;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.527),
    ("money", 0.477),
    ("percent", 0.886),
    ("large_number", 0.467),
    ("several_figures", 0.277),
    ("vague_figure", 0.142),
    ("date", 0.336),
    ("past_event", 0.308),
    ("comparison", 0.364),
    ("superlative", 0.363),
    ("hedge", 0.072),
    ("data_source", 0.481),
    ("official_role", -0.233),
    ("rule_or_law", 0.309),
    ("named_source", 0.171),
    ("quote", 0.027),
    ("opinion", -0.541),
    ("future", -0.223),
    ("first_person", -0.341),
    ("we", -0.002),
    ("you", -0.204),
    ("negation", -0.058),
    ("question", -0.5),
    ("short", -0.348),
    ("long", 0.204),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.321),
    ("word:percent", 0.298),
    ("word:her", 0.292),
    ("word:where", 0.25),
    ("word:hundreds", 0.209),
    ("word:money", 0.195),
    ("word:by", 0.194),
    ("word:hillary", 0.186),
    ("word:since", 0.18),
    ("word:americans", 0.177),
    ("word:deal", 0.177),
    ("word:arizona", 0.164),
    ("word:million", 0.16),
    ("word:getting", 0.156),
    ("word:or", 0.156),
    ("word:increase", 0.155),
    ("word:uncontrolled", 0.153),
    ("word:last", 0.148),
    ("word:reached", 0.144),
    ("word:unemployment", 0.142),
    ("word:state", 0.136),
    ("word:run", 0.135),
    ("word:say", 0.135),
    ("word:off", 0.133),
    ("word:places", 0.133),
    ("word:traffic", 0.132),
    ("word:business", 0.131),
    ("word:loan", 0.131),
    ("word:example", 0.128),
    ("word:supported", 0.128),
    ("word:enforcement", 0.127),
    ("word:father", 0.125),
    ("word:indiana", 0.122),
    ("word:look", 0.122),
    ("word:country", 0.12),
    ("word:san", 0.119),
    ("word:because", 0.11),
    ("word:being", 0.11),
    ("word:has", 0.11),
    ("word:while", 0.107),
    ("word:audit", 0.105),
    ("word:nafta", 0.103),
    ("word:proper", 0.102),
    ("word:invasion", 0.101),
    ("word:mentions", 0.101),
    ("word:raped", 0.101),
    ("word:single", 0.101),
    ("word:caught", 0.1),
    ("word:compassionate", 0.1),
    ("word:see", 0.1),
    ("word:billions", -0.104),
    ("word:his", -0.108),
    ("word:today", -0.109),
    ("word:ago", -0.111),
    ("word:day", -0.111),
    ("word:get", -0.113),
    ("word:so", -0.114),
    ("word:people", -0.117),
    ("word:five", -0.118),
    ("word:now", -0.126),
    ("word:re", -0.126),
    ("word:after", -0.128),
    ("word:trump", -0.13),
    ("word:children", -0.138),
    ("word:their", -0.159),
    ("word:they", -0.208),
    ("word:one", -0.252),
    ("word:that", -0.372),
];
