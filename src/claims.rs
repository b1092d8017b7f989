//! Claims: checkable assertions assembled from recognised mentions.
//!
//! A claim is the smallest span that asserts something checkable: a sentence, or a
//! clause of one when a sentence joins independent assertions with a semicolon. It has
//! components (figures and dates), the attribution that covers it (or none), a type and
//! a check-worthiness score in [0, 1] from explainable features.

use std::fmt;
use std::str::FromStr;

use crate::recognize::{Mention, MentionKind};
use crate::segment::Segmentation;
use crate::span::Span;

/// What kind of assertion a claim makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimType {
    /// A figure about the world.
    Statistic,
    /// Direct speech.
    Quote,
    /// Reported speech or a cited document.
    Attribution,
    /// Something dated that happened.
    Event,
    /// More, less, largest, twice.
    Comparison,
    /// Something said about the future.
    Prediction,
}

impl ClaimType {
    pub const ALL: [ClaimType; 6] = [
        ClaimType::Statistic,
        ClaimType::Quote,
        ClaimType::Attribution,
        ClaimType::Event,
        ClaimType::Comparison,
        ClaimType::Prediction,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimType::Statistic => "statistic",
            ClaimType::Quote => "quote",
            ClaimType::Attribution => "attribution",
            ClaimType::Event => "event",
            ClaimType::Comparison => "comparison",
            ClaimType::Prediction => "prediction",
        }
    }
}

impl fmt::Display for ClaimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ClaimType::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = ClaimType::ALL.iter().map(|t| t.as_str()).collect();
                format!(
                    "unknown claim type {s:?}; valid types: {}",
                    names.join(", ")
                )
            })
    }
}

/// One claim of a document. Indices point into the document's mention list.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub span: Span,
    /// Index of the sentence holding the claim.
    pub sentence: usize,
    pub claim_type: ClaimType,
    pub worthiness: f64,
    /// Names of the features that raised or lowered the score, for explanation.
    pub features: Vec<&'static str>,
    /// Figure and date mentions inside the claim.
    pub components: Vec<usize>,
    /// The attribution mention that sources the claim.
    pub attribution: Option<usize>,
}

impl Claim {
    pub fn is_sourced(&self) -> bool {
        self.attribution.is_some()
    }
}

/// Assembles the claims of a document from its sentences and mentions.
pub fn assemble(text: &str, segments: &Segmentation, mentions: &[Mention]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (si, sentence) in segments.sentences.iter().enumerate() {
        let components: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                matches!(m.kind(), MentionKind::Figure | MentionKind::Date)
                    && sentence.span.contains(m.span)
            })
            .map(|(i, _)| i)
            .collect();
        let attribution = mentions.iter().position(|m| {
            m.attribution().is_some()
                && m.span.overlaps(sentence.span)
                && components.iter().all(|&c| {
                    let a = m.attribution().and_then(|a| a.content).unwrap_or(m.span);
                    a.contains(mentions[c].span) || m.span.contains(sentence.span)
                })
        });
        if components.is_empty() && attribution.is_none() {
            continue;
        }
        let span = sentence.span;
        let sentence_text = span.slice(text);
        let claim_type = classify(sentence_text, &components, attribution, mentions);
        let (worthiness, features) = worthiness(sentence_text, &components, attribution, mentions);
        claims.push(Claim {
            span,
            sentence: si,
            claim_type,
            worthiness,
            features,
            components,
            attribution,
        });
    }
    claims
}

fn classify(
    sentence: &str,
    components: &[usize],
    attribution: Option<usize>,
    mentions: &[Mention],
) -> ClaimType {
    let has_figure = components
        .iter()
        .any(|&i| mentions[i].kind() == MentionKind::Figure);
    if let Some(a) = attribution.and_then(|i| mentions[i].attribution()) {
        if a.direct {
            return ClaimType::Quote;
        }
    }
    if has_figure && has_comparison(sentence) {
        return ClaimType::Comparison;
    }
    if has_figure {
        return ClaimType::Statistic;
    }
    if attribution.is_some() {
        return ClaimType::Attribution;
    }
    if is_future(sentence) {
        return ClaimType::Prediction;
    }
    ClaimType::Event
}

const COMPARISON_WORDS: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "larger",
    "smaller",
    "higher",
    "lower",
    "largest",
    "smallest",
    "highest",
    "lowest",
    "twice",
    "times",
    "double",
    "doubled",
    "tripled",
    "half",
    "compared",
    "biggest",
    "greater",
    "most",
    "least",
];

fn has_comparison(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    COMPARISON_WORDS.iter().any(|w| contains_word(&lower, w))
}

fn is_future(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    [
        "will",
        "would",
        "is expected to",
        "plans to",
        "is set to",
        "forecast",
    ]
    .iter()
    .any(|w| contains_word(&lower, w))
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn worthiness(
    sentence: &str,
    components: &[usize],
    attribution: Option<usize>,
    mentions: &[Mention],
) -> (f64, Vec<&'static str>) {
    let mut score: f64 = 0.2;
    let mut features = Vec::new();
    if components
        .iter()
        .any(|&i| mentions[i].kind() == MentionKind::Figure)
    {
        score += 0.3;
        features.push("figure");
    }
    if components
        .iter()
        .any(|&i| mentions[i].kind() == MentionKind::Date)
    {
        score += 0.1;
        features.push("date");
    }
    if has_comparison(sentence) {
        score += 0.15;
        features.push("comparison");
    }
    if attribution.is_some() {
        score += 0.1;
        features.push("named_source");
    }
    if is_future(sentence) {
        score -= 0.15;
        features.push("future");
    }
    (score.clamp(0.0, 1.0), features)
}
