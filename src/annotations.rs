//! Annotation files: reviewed claims as plain JSON files a team can keep in git.
//!
//! One file per document, pretty-printed with a fixed key order (the order of the fields
//! below) so that a one-claim change is a small diff. A file names its document by
//! content hash (SHA-256 of the text), path or URL and metadata, and holds every claim of
//! the document: its code-point span, a W3C `TextQuoteSelector`, its components with
//! exact normalised values (decimal strings, never floats), its attribution and source,
//! its status and its full review log.
//!
//! Claims are identified by a stable key, not a database id: `START-END-HASH`, the
//! code-point span and the first 8 hex digits of the SHA-256 of the quote. A review entry
//! or link that names a competing claim uses its key, or `SOURCE_KEY#KEY` for a claim of
//! another document. This module reads, writes and checks files on their own; checking a
//! file against the database (the hash, the quotes) is the store's part.

use std::collections::HashSet;
use std::fmt::Display;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::claims::ClaimType;
use crate::reanchor::QuoteSelector;
use crate::recognize::MentionKind;
use crate::review::{ClaimStatus, ReviewAction, ReviewedState};
use crate::span::CharSpan;

/// The version of the file format, written as `claimtrace_annotations`.
pub const FORMAT_VERSION: u32 = 1;

/// A file that cannot be imported, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct AnnotationError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFile {
    pub claimtrace_annotations: u32,
    pub document: DocumentRecord,
    pub claims: Vec<ClaimRecord>,
}

/// The document the claims belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    /// The URL, else the path, that identifies the document across versions.
    pub source_key: String,
    pub path: Option<String>,
    pub url: Option<String>,
    /// Hex SHA-256 of the text the spans refer to.
    pub content_hash: String,
    /// Length of the text in code points.
    pub char_len: usize,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
}

/// Whether a claim has a place in its document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorState {
    Anchored,
    /// Re-anchoring found no place for it in a newer version; span and selector are
    /// those of the last version that had it.
    Orphan,
}

impl AnchorState {
    pub fn as_str(&self) -> &'static str {
        match self {
            AnchorState::Anchored => "anchored",
            AnchorState::Orphan => "orphan",
        }
    }
}

impl FromStr for AnchorState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "anchored" => Ok(AnchorState::Anchored),
            "orphan" => Ok(AnchorState::Orphan),
            _ => Err(format!(
                "unknown anchor state {s:?}; valid: anchored, orphan"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    pub key: String,
    /// Code points, end exclusive.
    pub start: usize,
    pub end: usize,
    pub selector: QuoteSelector,
    #[serde(
        rename = "type",
        serialize_with = "ser_str",
        deserialize_with = "de_parse"
    )]
    pub claim_type: ClaimType,
    #[serde(serialize_with = "ser_str", deserialize_with = "de_parse")]
    pub status: ClaimStatus,
    pub anchor_state: AnchorState,
    pub components: Vec<ComponentRecord>,
    pub attribution: Option<AttributionRecord>,
    pub source: Option<SourceRecord>,
    #[serde(default)]
    pub links: Vec<LinkRecord>,
    #[serde(default)]
    pub review_log: Vec<LogRecord>,
}

impl ClaimRecord {
    pub fn span(&self) -> CharSpan {
        CharSpan {
            start: self.start,
            end: self.end,
        }
    }

    /// Whether a person has looked at the claim (a review, flag, unflag or note).
    pub fn is_reviewed(&self) -> bool {
        self.review_log.iter().any(|e| {
            matches!(
                e.action,
                ReviewAction::Review
                    | ReviewAction::Flag
                    | ReviewAction::Unflag
                    | ReviewAction::Note
            )
        })
    }
}

/// A figure or date the claim is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentRecord {
    #[serde(serialize_with = "ser_str", deserialize_with = "de_parse")]
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Exact decimal (figures) or TIMEX3 value (dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// TIMEX3 type of a date.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub timex_type: Option<String>,
}

/// A span of the text, in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The attribution that sources a claim (PARC: source, cue, content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub source: Option<SpanRecord>,
    pub cue: Option<SpanRecord>,
    pub content: Option<SpanRecord>,
    pub direct: bool,
}

/// The registry entry of a claim's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub name: String,
    pub kind: String,
    pub role: Option<String>,
}

/// A competing claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRecord {
    /// The other claim's key (`SOURCE_KEY#KEY` in another document).
    pub against: String,
    pub relation: String,
    pub reason: Option<String>,
    pub created_at: String,
    pub active: bool,
}

/// One review log entry, with its original time and reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogRecord {
    pub at: String,
    pub reviewer: String,
    #[serde(serialize_with = "ser_str", deserialize_with = "de_parse")]
    pub action: ReviewAction,
    #[serde(serialize_with = "ser_opt_str", deserialize_with = "de_opt_parse")]
    pub from_status: Option<ClaimStatus>,
    #[serde(serialize_with = "ser_opt_str", deserialize_with = "de_opt_parse")]
    pub to_status: Option<ClaimStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<String>,
    /// The claim's text and component values the entry was written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<ReviewedState>,
}

fn ser_str<T: Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn ser_opt_str<T: Display, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

fn de_parse<'de, T, D>(d: D) -> Result<T, D::Error>
where
    T: FromStr<Err = String>,
    D: Deserializer<'de>,
{
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

fn de_opt_parse<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: FromStr<Err = String>,
    D: Deserializer<'de>,
{
    match Option::<String>::deserialize(d)? {
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
        None => Ok(None),
    }
}

/// The stable key of a claim: `START-END-HASH8`.
pub fn claim_key(span: CharSpan, exact: &str) -> String {
    let digest = Sha256::digest(exact.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{hex}", span.start, span.end)
}

/// Splits a reference into (other document's source key, claim key).
pub fn split_ref(r: &str) -> (Option<&str>, &str) {
    match r.rsplit_once('#') {
        Some((doc, key)) => (Some(doc), key),
        None => (None, r),
    }
}

/// The file's text: pretty JSON with a final newline.
pub fn render(file: &AnnotationFile) -> String {
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

/// The file name for a document: its article's file stem, else its source key made
/// safe, with `.json`; `taken` names already used get a short hash of the source key.
pub fn file_name(doc: &DocumentRecord, taken: &HashSet<String>) -> String {
    let stem = doc
        .path
        .as_deref()
        .and_then(|p| std::path::Path::new(p).file_stem())
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| {
            doc.source_key
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .take(80)
                .collect()
        });
    let name = format!("{stem}.json");
    if !taken.contains(&name) {
        return name;
    }
    let digest = Sha256::digest(doc.source_key.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{stem}-{hex}.json")
}

/// The 1-based line of the first occurrence of `needle` in `raw` at or after byte
/// `from`, else line 1.
pub fn line_of(raw: &str, needle: &str, from: usize) -> usize {
    let from = crate::span::floor_char_boundary(raw, from);
    let at = raw
        .get(from..)
        .and_then(|rest| rest.find(needle))
        .map_or(0, |i| from + i);
    raw.get(..at)
        .map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// The earliest review time an annotation file may carry: older tools' reviews, but
/// no placeholder year.
const EARLIEST_REVIEW: &str = "1990-01-01T00:00:00Z";

/// Checks that `at` is an RFC 3339 timestamp (`2025-07-01T10:00:00.000Z`) between
/// 1990 and a day from now (a little clock skew between desks); a year 9999 or a text
/// that is no time would otherwise sort and report as if it were one.
pub fn check_timestamp(at: &str) -> Result<(), String> {
    let t = chrono::DateTime::parse_from_rfc3339(at)
        .map_err(|e| format!("is not an RFC 3339 timestamp like 2025-07-01T10:00:00.000Z ({e})"))?;
    let earliest = chrono::DateTime::parse_from_rfc3339(EARLIEST_REVIEW)
        .map_err(|e| format!("internal: {e}"))?;
    let latest = chrono::Utc::now() + chrono::Duration::days(1);
    if t < earliest || t > latest {
        return Err("is outside the range of review times (from 1990 to now); fix the date".into());
    }
    Ok(())
}

/// The line where the claim with `key` is written.
pub fn claim_line(raw: &str, key: &str) -> usize {
    let needle = format!("\"key\": {}", serde_json::Value::from(key));
    if raw.contains(&needle) {
        line_of(raw, &needle, 0)
    } else {
        line_of(raw, key, 0)
    }
}

/// Parses and checks a file on its own: JSON syntax and shape, known statuses and
/// actions, the format version, unique keys, spans that fit the text length and match
/// their quotes, review logs that end in the claim's status, and references to keys
/// that exist. The error names the file, the line and the reason.
pub fn parse(file: &str, raw: &str) -> Result<AnnotationFile, AnnotationError> {
    let err = |line: usize, reason: String| AnnotationError {
        file: file.to_string(),
        line,
        reason,
    };
    let parsed: AnnotationFile = serde_json::from_str(raw).map_err(|e| {
        err(
            e.line().clamp(1, raw.lines().count().max(1)),
            format!("{e}; fix the file or restore it from git"),
        )
    })?;
    if parsed.claimtrace_annotations != FORMAT_VERSION {
        return Err(err(
            line_of(raw, "claimtrace_annotations", 0),
            format!(
                "annotation format version {} is not one this claimtrace reads ({FORMAT_VERSION})",
                parsed.claimtrace_annotations
            ),
        ));
    }
    let keys: HashSet<&str> = parsed.claims.iter().map(|c| c.key.as_str()).collect();
    let mut seen = HashSet::new();
    for c in &parsed.claims {
        let line = claim_line(raw, &c.key);
        let bad = |reason: String| err(line, format!("claim {}: {reason}", c.key));
        if c.key.is_empty() || c.key.contains('#') {
            return Err(bad(
                "a key must be non-empty and must not contain '#'".into()
            ));
        }
        if !seen.insert(c.key.as_str()) {
            return Err(bad("the key is used by another claim of this file".into()));
        }
        if c.start > c.end {
            return Err(bad(format!("span {}..{} is reversed", c.start, c.end)));
        }
        if c.anchor_state == AnchorState::Anchored {
            if c.end > parsed.document.char_len {
                return Err(bad(format!(
                    "span {}..{} is outside the text ({} characters)",
                    c.start, c.end, parsed.document.char_len
                )));
            }
            if c.selector.exact.chars().count() != c.end - c.start {
                return Err(bad(format!(
                    "the quote has {} characters but the span {}..{} has {}",
                    c.selector.exact.chars().count(),
                    c.start,
                    c.end,
                    c.end - c.start
                )));
            }
        }
        if let Some(m) = c
            .components
            .iter()
            .find(|m| m.kind == MentionKind::Attribution)
        {
            return Err(bad(format!(
                "component {:?} has kind attribution; components are figures and dates \
                 (the attribution has its own field)",
                m.text
            )));
        }
        let last = c
            .review_log
            .iter()
            .rev()
            .find_map(|e| e.to_status)
            .unwrap_or(ClaimStatus::Unverified);
        if last != c.status {
            return Err(bad(format!(
                "status is {} but the review log ends in {last}; change the status with \
                 `claimtrace review`, or add the review_log entry that makes it",
                c.status
            )));
        }
        let times = c
            .review_log
            .iter()
            .map(|e| ("review entry", &e.at))
            .chain(c.links.iter().map(|l| ("link", &l.created_at)));
        for (what, at) in times {
            if let Err(reason) = check_timestamp(at) {
                let quoted = serde_json::Value::from(at.as_str()).to_string();
                return Err(err(
                    line_of(raw, &quoted, 0),
                    format!("claim {}: {what} time {quoted}: {reason}", c.key),
                ));
            }
        }
        // A verdict is about the text it was given for; a file may not move it to other
        // words.
        let verdict = c.review_log.iter().rev().find(|e| {
            !matches!(e.action, ReviewAction::Reanchor | ReviewAction::Orphan)
                && e.to_status == Some(c.status)
                && e.from_status != e.to_status
        });
        if let Some(judged) = verdict.and_then(|e| e.reviewed.as_ref()) {
            if c.status.is_verdict()
                && c.anchor_state == AnchorState::Anchored
                && judged.text != c.selector.exact
            {
                return Err(bad(format!(
                    "its status {} was given for the text {:?}, not for its quote; make its \
                     status needs_recheck, or review the quote with `claimtrace review`",
                    c.status, judged.text
                )));
            }
        }
        let refs = c
            .links
            .iter()
            .map(|l| l.against.as_str())
            .chain(c.review_log.iter().filter_map(|e| e.against.as_deref()));
        for r in refs {
            if let (None, key) = split_ref(r) {
                if !keys.contains(key) {
                    return Err(bad(format!(
                        "refers to claim {key:?}, which this file does not have"
                    )));
                }
            }
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> AnnotationFile {
        let exact = "The census counted 600,000 Azerbaijanis.";
        let span = CharSpan {
            start: 10,
            end: 10 + exact.chars().count(),
        };
        AnnotationFile {
            claimtrace_annotations: FORMAT_VERSION,
            document: DocumentRecord {
                source_key: "corpus/a.txt".into(),
                path: Some("corpus/a.txt".into()),
                url: None,
                content_hash: "ab".repeat(32),
                char_len: 100,
                title: Some("Moscow, Baku".into()),
                outlet: None,
                language: Some("en".into()),
                author: None,
                published: None,
            },
            claims: vec![ClaimRecord {
                key: claim_key(span, exact),
                start: span.start,
                end: span.end,
                selector: QuoteSelector {
                    exact: exact.into(),
                    prefix: "Baku’s ".into(),
                    suffix: " Putin".into(),
                },
                claim_type: ClaimType::Statistic,
                status: ClaimStatus::Contested,
                anchor_state: AnchorState::Anchored,
                components: vec![ComponentRecord {
                    kind: MentionKind::Figure,
                    start: 29,
                    end: 36,
                    text: "600,000".into(),
                    value: Some("600000".into()),
                    low: None,
                    high: None,
                    unit: None,
                    modifier: None,
                    timex_type: None,
                }],
                attribution: None,
                source: None,
                links: vec![],
                review_log: vec![LogRecord {
                    at: "2025-07-01T10:00:00.000Z".into(),
                    reviewer: "desk".into(),
                    action: ReviewAction::Flag,
                    from_status: Some(ClaimStatus::Unverified),
                    to_status: Some(ClaimStatus::Contested),
                    note: Some("Putin: closer to 2 million".into()),
                    evidence: vec![],
                    against: None,
                    reviewed: Some(ReviewedState {
                        text: exact.into(),
                        values: vec!["figure \"600,000\" = 600000".into()],
                    }),
                }],
            }],
        }
    }

    #[test]
    fn census_claim_file_round_trips_through_its_text() {
        let f = sample();
        let text = render(&f);
        assert_eq!(parse("a.json", &text), Ok(f.clone()));
        assert_eq!(render(&parse("a.json", &text).expect("parses")), text);
        // Fixed key order: document before claims, key first in a claim.
        assert!(text.find("\"document\"") < text.find("\"claims\""));
        let claim_at = text.find("\"key\"").expect("key");
        assert!(claim_at < text.find("\"selector\"").expect("selector"));
    }

    #[test]
    fn unknown_status_true_is_refused_with_its_line() {
        let text = render(&sample()).replace("\"status\": \"contested\"", "\"status\": \"true\"");
        let e = parse("a.json", &text).unwrap_err();
        assert_eq!(e.line, line_of(&text, "\"status\": \"true\"", 0));
        assert!(e.reason.contains("unknown status \"true\""), "{}", e.reason);
        assert!(e.to_string().starts_with("a.json:"));
    }

    #[test]
    fn census_span_past_the_end_of_the_text_is_refused() {
        let mut f = sample();
        f.document.char_len = 20;
        let text = render(&f);
        let e = parse("a.json", &text).unwrap_err();
        assert!(
            e.reason.contains("outside the text (20 characters)"),
            "{}",
            e.reason
        );
        assert_eq!(e.line, claim_line(&text, &f.claims[0].key));
    }

    #[test]
    fn status_that_the_log_does_not_reach_is_refused() {
        let text =
            render(&sample()).replace("\"status\": \"contested\"", "\"status\": \"verified\"");
        let e = parse("a.json", &text).unwrap_err();
        assert!(
            e.reason.contains("review log ends in contested"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn contested_census_verdict_moved_to_other_words_is_refused() {
        let mut f = sample();
        f.claims[0].review_log[0].reviewed = Some(ReviewedState {
            text: "The census counted 650,000 Azerbaijanis.".into(),
            values: vec![],
        });
        let e = parse("a.json", &render(&f)).unwrap_err();
        assert!(
            e.reason
                .contains("was given for the text \"The census counted 650,000"),
            "{}",
            e.reason
        );
        f.claims[0].review_log[0].reviewed = None;
        assert!(
            parse("a.json", &render(&f)).is_ok(),
            "older files record no text"
        );
    }

    #[test]
    fn flag_against_a_missing_key_is_refused() {
        let mut f = sample();
        f.claims[0].review_log[0].against = Some("1-2-deadbeef".into());
        let e = parse("a.json", &render(&f)).unwrap_err();
        assert!(e.reason.contains("\"1-2-deadbeef\""), "{}", e.reason);
    }

    #[test]
    fn truncated_json_is_refused_with_a_line() {
        let text = render(&sample());
        let cut = &text[..text.len() / 2];
        let e = parse("a.json", cut).unwrap_err();
        assert!(e.line > 1);
    }

    #[test]
    fn key_names_span_and_quote_hash() {
        let k = claim_key(CharSpan { start: 3, end: 9 }, "600,000");
        assert!(k.starts_with("3-9-") && k.len() == 4 + 8, "{k}");
        assert_ne!(k, claim_key(CharSpan { start: 3, end: 9 }, "700,000"));
        assert_eq!(
            split_ref("https://x.org/a#b#3-9-abcd0123"),
            (Some("https://x.org/a#b"), "3-9-abcd0123")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_edit_of_a_file_is_parsed_or_refused_with_a_real_line(
            at in 0usize..4000, cut in 0usize..40, insert in "\\PC{0,12}",
        ) {
            let text = render(&sample());
            let start = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (start..=(start + cut).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(start);
            let edited = format!("{}{insert}{}", &text[..start], &text[end..]);
            if let Err(e) = parse("a.json", &edited) {
                proptest::prop_assert!(e.line >= 1 && e.line <= edited.lines().count().max(1));
            }
        }
    }

    #[test]
    fn two_articles_named_a_txt_get_distinct_files() {
        let mut taken = HashSet::new();
        let d = sample().document;
        let first = file_name(&d, &taken);
        taken.insert(first.clone());
        let mut other = d.clone();
        other.source_key = "other/a.txt".into();
        let second = file_name(&other, &taken);
        assert_eq!(first, "a.json");
        assert_ne!(first, second);
        assert!(second.starts_with("a-") && second.ends_with(".json"));
    }
}
