//! The check-worthiness model: GENERATED, do not edit by hand.
//!
//! Produced by `cargo run --release --example train_worthiness -- REPO --split training --out src/worthiness_model.rs`
//! from telsayed/clef2019-factchecking-task1 at commit 123668498cd6ad41aae79d2c12899bb7d20d32a7
//! (training split: 1705 claims). Leave-one-debate-out MAP of these settings: 0.2038.
//! Settings: words in at least 3 claims, L2 0.01 (named features, towards sign × 0.5)
//! and 0.01 (words), 3000 gradient steps, words whose weight rounds below 0.1 dropped.
//! The examples are the claims this version of claimtrace finds: when claim detection
//! changes, run the command again.
//! Weights are log-odds; see `crate::worthiness`.

#![allow(clippy::approx_constant)]

/// The log-odds of a claim with no feature.
pub const BIAS: f64 = -2.971;

/// The weights of `crate::worthiness::FEATURES`, in its order.
pub const FEATURE_WEIGHTS: &[(&str, f64)] = &[
    ("figure", 0.504),
    ("money", 0.473),
    ("percent", 0.882),
    ("large_number", 0.46),
    ("several_figures", 0.271),
    ("vague_figure", 0.144),
    ("date", 0.334),
    ("past_event", 0.306),
    ("comparison", 0.363),
    ("superlative", 0.348),
    ("hedge", 0.061),
    ("data_source", 0.519),
    ("official_role", -0.241),
    ("rule_or_law", 0.299),
    ("named_source", 0.169),
    ("quote", 0.027),
    ("opinion", -0.547),
    ("future", -0.229),
    ("first_person", -0.32),
    ("we", -0.006),
    ("you", -0.21),
    ("negation", -0.04),
    ("question", -0.5),
    ("short", -0.349),
    ("long", 0.219),
];

/// The words' weights, largest first.
pub const WORD_WEIGHTS: &[(&str, f64)] = &[
    ("word:jobs", 0.32),
    ("word:percent", 0.294),
    ("word:her", 0.286),
    ("word:where", 0.246),
    ("word:hundreds", 0.209),
    ("word:money", 0.192),
    ("word:by", 0.187),
    ("word:since", 0.182),
    ("word:hillary", 0.18),
    ("word:americans", 0.177),
    ("word:deal", 0.175),
    ("word:arizona", 0.164),
    ("word:million", 0.156),
    ("word:getting", 0.155),
    ("word:uncontrolled", 0.152),
    ("word:increase", 0.15),
    ("word:or", 0.146),
    ("word:last", 0.142),
    ("word:reached", 0.141),
    ("word:unemployment", 0.141),
    ("word:traffic", 0.133),
    ("word:state", 0.132),
    ("word:loan", 0.131),
    ("word:off", 0.131),
    ("word:places", 0.131),
    ("word:has", 0.13),
    ("word:run", 0.13),
    ("word:say", 0.129),
    ("word:business", 0.128),
    ("word:enforcement", 0.127),
    ("word:supported", 0.127),
    ("word:an", 0.126),
    ("word:example", 0.126),
    ("word:father", 0.125),
    ("word:concluded", 0.122),
    ("word:indiana", 0.122),
    ("word:look", 0.121),
    ("word:country", 0.119),
    ("word:san", 0.118),
    ("word:investigation", 0.113),
    ("word:can", 0.111),
    ("word:being", 0.108),
    ("word:audit", 0.104),
    ("word:because", 0.103),
    ("word:nafta", 0.103),
    ("word:while", 0.103),
    ("word:invasion", 0.101),
    ("word:proper", 0.101),
    ("word:caught", 0.1),
    ("word:compassionate", 0.1),
    ("word:mentions", 0.1),
    ("word:raped", 0.1),
    ("word:single", 0.1),
    ("word:fact", -0.101),
    ("word:billions", -0.103),
    ("word:his", -0.108),
    ("word:today", -0.109),
    ("word:day", -0.112),
    ("word:ago", -0.113),
    ("word:get", -0.116),
    ("word:five", -0.117),
    ("word:so", -0.119),
    ("word:people", -0.124),
    ("word:re", -0.129),
    ("word:now", -0.13),
    ("word:trump", -0.136),
    ("word:children", -0.138),
    ("word:their", -0.162),
    ("word:they", -0.217),
    ("word:one", -0.252),
    ("word:that", -0.338),
];
