//! Standard exports of reviewed claims, for other tools.
//!
//! - W3C Web Annotation Data Model JSON-LD (<https://www.w3.org/TR/annotation-model/>):
//!   an `AnnotationCollection`, one `Annotation` per claim, motivation `assessing`, the
//!   status as an `assessing` body, reviewers' notes as `commenting` bodies and evidence
//!   URLs as `linking` bodies, the target named by a `TextQuoteSelector` and a
//!   `TextPositionSelector` (code points).
//! - schema.org `ClaimReview` JSON-LD (<https://schema.org/ClaimReview>) for claims with a
//!   verdict, rated on the scale of [`crate::review::ClaimStatus::claim_review_rating`]:
//!   `claimReviewed` is the text the verdict was given for, `reviewBody` the reviewer's
//!   own note, evidence URLs are `citation`s.
//!
//! Neither states a verdict about text nobody reviewed: claims whose verdict lapsed when
//! their text or values changed (`needs_recheck`) are left out ([`rechecks`] counts them).
//! - brat standoff (<https://brat.nlplab.org/standoff.html>): `.ann` beside `.txt`, with
//!   the mention layer (figures, dates), the attribution layer (source, cue, content and
//!   their relations) and claims with their status; offsets are code points, as brat's.
//! - CSV of claims (RFC 4180) for spreadsheets.
//!
//! Every export reads annotation records ([`crate::annotations`]), so it shows exactly
//! what `claimtrace export --annotations` writes.

use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use crate::annotations::{AnchorState, AnnotationFile, ClaimRecord, DocumentRecord, LogRecord};
use crate::review::{ClaimStatus, ReviewAction};
use crate::store::MentionRow;
use crate::table::csv_cell;

/// The JSON-LD context of the Web Annotation Data Model.
pub const W3C_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The JSON-LD context of schema.org.
pub const SCHEMA_ORG_CONTEXT: &str = "https://schema.org";

/// Options shared by the exports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where published reviews live: annotation and review URLs are made under it.
    pub base_url: Option<String>,
    /// The organisation that publishes the reviews (ClaimReview `author`).
    pub publisher: Option<String>,
}

fn short_hash(doc: &DocumentRecord) -> &str {
    doc.content_hash.get(..16).unwrap_or(&doc.content_hash)
}

/// The IRI of a claim: under the base URL when given, else a `urn:`.
fn claim_iri(opts: &Options, doc: &DocumentRecord, c: &ClaimRecord) -> String {
    match &opts.base_url {
        Some(base) => format!(
            "{}/claims/{}/{}",
            base.trim_end_matches('/'),
            short_hash(doc),
            c.key
        ),
        None => format!("urn:claimtrace:claim:{}:{}", short_hash(doc), c.key),
    }
}

/// The IRI of the article: its URL, else a `urn:` naming its content hash.
fn document_iri(doc: &DocumentRecord) -> String {
    doc.url
        .clone()
        .unwrap_or_else(|| format!("urn:sha256:{}", doc.content_hash))
}

/// Whether a person wrote the entry (not a move or loss on a new version).
fn is_human(e: &LogRecord) -> bool {
    !matches!(e.action, ReviewAction::Reanchor | ReviewAction::Orphan)
}

/// The entry that gave the claim its current status.
fn verdict_entry(c: &ClaimRecord) -> Option<&LogRecord> {
    c.review_log
        .iter()
        .rev()
        .find(|e| is_human(e) && e.to_status == Some(c.status) && e.from_status != e.to_status)
}

/// The claims left out of W3C and ClaimReview exports because their verdict lapsed.
pub fn rechecks(files: &[AnnotationFile]) -> usize {
    files
        .iter()
        .flat_map(|f| &f.claims)
        .filter(|c| c.status == ClaimStatus::NeedsRecheck)
        .count()
}

/// Evidence URLs of the claim's review entries, first mention first, each once.
fn evidence(c: &ClaimRecord) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for url in c.review_log.iter().flat_map(|e| &e.evidence) {
        if !out.contains(&url.as_str()) {
            out.push(url);
        }
    }
    out
}

/// W3C Web Annotation JSON-LD: one `AnnotationCollection` of every claim but those
/// that need a re-check.
pub fn w3c(files: &[AnnotationFile], opts: &Options) -> Value {
    let mut items = Vec::new();
    for f in files {
        for c in &f.claims {
            if c.status == ClaimStatus::NeedsRecheck {
                continue;
            }
            items.push(w3c_annotation(&f.document, c, opts));
        }
    }
    let id = match &opts.base_url {
        Some(base) => format!("{}/annotations", base.trim_end_matches('/')),
        None => "urn:claimtrace:annotations".to_string(),
    };
    json!({
        "@context": W3C_CONTEXT,
        "id": id,
        "type": "AnnotationCollection",
        "label": "claimtrace claims",
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

fn w3c_annotation(doc: &DocumentRecord, c: &ClaimRecord, opts: &Options) -> Value {
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "assessing",
        "value": c.status.as_str(),
        "format": "text/plain",
    })];
    for e in c.review_log.iter().filter(|e| is_human(e)) {
        if let Some(note) = &e.note {
            body.push(json!({
                "type": "TextualBody",
                "purpose": "commenting",
                "value": note,
                "format": "text/plain",
                "creator": {"type": "Person", "nickname": e.reviewer},
                "created": e.at,
            }));
        }
    }
    for url in evidence(c) {
        body.push(json!({"id": url, "purpose": "linking"}));
    }
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": c.selector.exact,
        "prefix": c.selector.prefix,
        "suffix": c.selector.suffix,
    })];
    // An orphan's position belongs to an older version of the text.
    if c.anchor_state == AnchorState::Anchored {
        selectors.push(json!({"type": "TextPositionSelector", "start": c.start, "end": c.end}));
    }
    let mut a = Map::new();
    a.insert("id".into(), claim_iri(opts, doc, c).into());
    a.insert("type".into(), "Annotation".into());
    a.insert("motivation".into(), "assessing".into());
    if let Some(first) = c.review_log.first() {
        a.insert("created".into(), first.at.clone().into());
    }
    if let Some(last) = c.review_log.last() {
        a.insert("modified".into(), last.at.clone().into());
    }
    a.insert("body".into(), body.into());
    a.insert(
        "target".into(),
        json!({"source": document_iri(doc), "selector": selectors}),
    );
    Value::Object(a)
}

/// schema.org `ClaimReview` JSON-LD for every claim with a verdict.
pub fn claim_reviews(files: &[AnnotationFile], opts: &Options) -> Value {
    let mut out = Vec::new();
    for f in files {
        for c in &f.claims {
            if let Some(r) = claim_review(&f.document, c, opts) {
                out.push(r);
            }
        }
    }
    Value::Array(out)
}

fn claim_review(doc: &DocumentRecord, c: &ClaimRecord, opts: &Options) -> Option<Value> {
    let (value, name) = c.status.claim_review_rating()?;
    let mut rating = Map::new();
    rating.insert("@type".into(), "Rating".into());
    if let Some(v) = value {
        rating.insert("ratingValue".into(), v.into());
        rating.insert("bestRating".into(), 5.into());
        rating.insert("worstRating".into(), 1.into());
    }
    rating.insert("alternateName".into(), name.into());
    let mut appearance = Map::new();
    if let Some(url) = &doc.url {
        appearance.insert("url".into(), url.clone().into());
    }
    if let Some(title) = &doc.title {
        appearance.insert("headline".into(), title.clone().into());
    }
    if let Some(p) = &doc.published {
        appearance.insert("datePublished".into(), p.clone().into());
    }
    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    if let Some(s) = &c.source {
        let kind = if s.kind == "person" {
            "Person"
        } else {
            "Organization"
        };
        item.insert("author".into(), json!({"@type": kind, "name": s.name}));
    }
    // An appearance with nothing to say about the article is left out.
    if !appearance.is_empty() {
        appearance.insert("@type".into(), "CreativeWork".into());
        item.insert("appearance".into(), Value::Object(appearance));
    }
    if let Some(p) = &doc.published {
        item.insert("datePublished".into(), p.clone().into());
    }
    let mut r = Map::new();
    r.insert("@context".into(), SCHEMA_ORG_CONTEXT.into());
    r.insert("@type".into(), "ClaimReview".into());
    if opts.base_url.is_some() {
        r.insert("url".into(), claim_iri(opts, doc, c).into());
    }
    let verdict = verdict_entry(c);
    // The text the verdict was given for; entries of old databases did not record it,
    // and their claims kept their text (a changed one lost its verdict on upgrade).
    let reviewed = verdict
        .and_then(|e| e.reviewed.as_ref())
        .map_or(&c.selector.exact, |r| &r.text);
    r.insert("claimReviewed".into(), reviewed.clone().into());
    if let Some(e) = verdict {
        r.insert(
            "datePublished".into(),
            e.at.get(..10).unwrap_or(&e.at).to_string().into(),
        );
    }
    if let Some(p) = &opts.publisher {
        r.insert("author".into(), json!({"@type": "Organization", "name": p}));
    }
    // The reviewer's own words: the verdict's note, else the latest note a person wrote.
    let note = verdict.and_then(|e| e.note.clone()).or_else(|| {
        c.review_log
            .iter()
            .rev()
            .filter(|e| is_human(e))
            .find_map(|e| e.note.clone())
    });
    if let Some(note) = note {
        r.insert("reviewBody".into(), note.into());
    }
    let citations: Vec<Value> = evidence(c)
        .into_iter()
        .map(|url| json!({"@type": "CreativeWork", "url": url}))
        .collect();
    if !citations.is_empty() {
        r.insert("citation".into(), citations.into());
    }
    r.insert("reviewRating".into(), Value::Object(rating));
    r.insert("itemReviewed".into(), Value::Object(item));
    Some(Value::Object(r))
}

/// The CSV header of [`csv_rows`].
pub const CSV_HEADER: [&str; 14] = [
    "document",
    "id",
    "key",
    "start",
    "end",
    "type",
    "status",
    "anchor_state",
    "source",
    "components",
    "reviews",
    "last_reviewed",
    "last_note",
    "text",
];

/// The header line of the CSV export.
pub fn csv_header() -> String {
    format!("{}\n", CSV_HEADER.join(","))
}

/// One CSV row per claim of a document, so an export streams document by document;
/// `ids` are the claims' database ids, in the order of `f.claims`.
pub fn csv_rows(f: &AnnotationFile, ids: &[i64]) -> String {
    let mut out = String::new();
    {
        for (c, id) in f.claims.iter().zip(ids) {
            let components: Vec<String> = c
                .components
                .iter()
                .map(|m| match &m.value {
                    Some(v) => format!("{}={v}", m.text),
                    None => m.text.clone(),
                })
                .collect();
            let people: Vec<&LogRecord> = c
                .review_log
                .iter()
                .filter(|e| e.action.as_str() != "reanchor" && e.action.as_str() != "orphan")
                .collect();
            let cells = [
                f.document.source_key.clone(),
                id.to_string(),
                c.key.clone(),
                c.start.to_string(),
                c.end.to_string(),
                c.claim_type.as_str().to_string(),
                c.status.as_str().to_string(),
                c.anchor_state.as_str().to_string(),
                c.source
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                components.join("; "),
                people.len().to_string(),
                people.last().map(|e| e.at.clone()).unwrap_or_default(),
                c.review_log
                    .iter()
                    .rev()
                    .find_map(|e| e.note.clone())
                    .unwrap_or_default(),
                c.selector.exact.clone(),
            ];
            let row: Vec<String> = cells.iter().map(|s| csv_cell(s)).collect();
            let _ = writeln!(out, "{}", row.join(","));
        }
    }
    out
}

/// The brat configuration for the `.ann` files [`brat`] writes.
pub const BRAT_CONF: &str = "[entities]
Figure
Date
Claim
Attribution
Source
Cue
Content

[relations]
HasSource\tArg1:Cue|Attribution, Arg2:Source
HasContent\tArg1:Cue|Attribution, Arg2:Content
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
Status\tArg:Claim, Value:unverified|in_review|verified|false|misleading|contested|unverifiable|needs_recheck
";

/// The fragments of a code-point span: brat spans may not cross a line break, so a
/// span that does is split into discontinuous pieces, each trimmed of white space.
fn fragments(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let end = end.min(chars.len());
    let mut out = Vec::new();
    let mut s = start;
    while s < end {
        let mut e = s;
        while e < end && chars[e] != '\n' && chars[e] != '\r' {
            e += 1;
        }
        let (mut a, mut b) = (s, e);
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            out.push((a, b));
        }
        s = e + 1;
    }
    out
}

/// Writes one brat entity line; returns its id, or `None` when the span is empty.
fn entity(
    out: &mut String,
    n: &mut usize,
    chars: &[char],
    kind: &str,
    s: usize,
    e: usize,
) -> Option<String> {
    let frags = fragments(chars, s, e);
    if frags.is_empty() {
        return None;
    }
    *n += 1;
    let id = format!("T{n}");
    let offsets: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
    let texts: Vec<String> = frags
        .iter()
        .map(|&(a, b)| chars[a..b].iter().collect())
        .collect();
    let _ = writeln!(
        out,
        "{id}\t{kind} {}\t{}",
        offsets.join(";"),
        texts.join(" ")
    );
    Some(id)
}

/// A stored span, `[start, end]` in code points.
fn span_of(v: &Value) -> Option<(usize, usize)> {
    Some((v.get(0)?.as_u64()? as usize, v.get(1)?.as_u64()? as usize))
}

/// The brat `.ann` of a document: figures and dates with their normalised values as
/// notes, attributions as source / cue / content with relations, claims with status.
pub fn brat(text: &str, mentions: &[MentionRow], claims: &[ClaimRecord]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let (mut t, mut r, mut a, mut note) = (0usize, 0usize, 0usize, 0usize);
    for m in mentions {
        match m.kind.as_str() {
            "figure" | "date" => {
                let kind = if m.kind == "figure" { "Figure" } else { "Date" };
                let Some(id) = entity(&mut out, &mut t, &chars, kind, m.start, m.end) else {
                    continue;
                };
                let mut parts = Vec::new();
                if let Some(tt) = &m.timex_type {
                    parts.push(format!("type={tt}"));
                }
                if let Some(v) = &m.value {
                    parts.push(format!("value={v}"));
                }
                if let Some(u) = &m.unit {
                    parts.push(format!("unit={u}"));
                }
                if let Some(md) = &m.modifier {
                    parts.push(format!("mod={md}"));
                }
                if !parts.is_empty() {
                    note += 1;
                    let _ = writeln!(out, "#{note}\tAnnotatorNotes {id}\t{}", parts.join(" "));
                }
            }
            "attribution" => {
                let part = |name: &str| m.attrs.get(name).and_then(span_of);
                let head = match part("cue") {
                    Some((s, e)) => entity(&mut out, &mut t, &chars, "Cue", s, e),
                    None => entity(&mut out, &mut t, &chars, "Attribution", m.start, m.end),
                };
                let Some(head) = head else { continue };
                for (name, rel) in [("source", "HasSource"), ("content", "HasContent")] {
                    let Some((s, e)) = part(name) else { continue };
                    let kind = if name == "source" {
                        "Source"
                    } else {
                        "Content"
                    };
                    if let Some(id) = entity(&mut out, &mut t, &chars, kind, s, e) {
                        r += 1;
                        let _ = writeln!(out, "R{r}\t{rel} Arg1:{head} Arg2:{id}");
                    }
                }
            }
            _ => {}
        }
    }
    for c in claims {
        if c.anchor_state != AnchorState::Anchored {
            continue;
        }
        if let Some(id) = entity(&mut out, &mut t, &chars, "Claim", c.start, c.end) {
            a += 1;
            let _ = writeln!(out, "A{a}\tStatus {id} {}", c.status.as_str());
            if let Some(n) = c.review_log.iter().rev().find_map(|e| e.note.as_deref()) {
                note += 1;
                let n = n.replace(['\n', '\r', '\t'], " ");
                let _ = writeln!(out, "#{note}\tAnnotatorNotes {id}\t{n}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_sentence_across_a_line_break_becomes_two_brat_fragments() {
        let chars: Vec<char> = "600,000 Azerbaijanis\n  live in Russia. ".chars().collect();
        assert_eq!(fragments(&chars, 0, chars.len()), vec![(0, 20), (23, 38)]);
        let mut out = String::new();
        let mut n = 0;
        let id = entity(&mut out, &mut n, &chars, "Claim", 0, chars.len());
        assert_eq!(id.as_deref(), Some("T1"));
        assert_eq!(
            out,
            "T1\tClaim 0 20;23 38\t600,000 Azerbaijanis live in Russia.\n"
        );
    }

    #[test]
    fn white_space_only_span_writes_no_entity() {
        let chars: Vec<char> = "a \n b".chars().collect();
        let mut out = String::new();
        let mut n = 0;
        assert_eq!(entity(&mut out, &mut n, &chars, "Date", 1, 4), None);
        assert!(out.is_empty());
    }
}
