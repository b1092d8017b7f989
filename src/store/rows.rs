//! The rows of one analysed document, computed before it is written: code-point offsets,
//! JSON records and the columns of every sentence, mention and claim. Computing them
//! needs no database, so `claimtrace ingest` builds them on its analyser thread and the
//! writer thread only binds and inserts. The rows also travel in an analysed record
//! (`extract --with-text`, [`RowsRecord`]) to a database on another machine, which
//! checks them against the text ([`DocumentRows::from_record`]) before storing them.

use std::sync::OnceLock;

use rusqlite::types::ToSql;
use serde::{Deserialize, Serialize};

use crate::claims::ClaimType;
use crate::document::Document;
use crate::output;
use crate::pipeline::Analysis;
use crate::recognize::{Anchor, MentionKind, Payload, TimexType};
use crate::sources::DocSource;
use crate::span::{OffsetIndex, Span};

/// Everything [`crate::store::Database::ingest_rows`] writes for one document, except
/// what depends on the database (ids, the corpus-wide source registry).
#[derive(Debug, Clone)]
pub struct DocumentRows {
    pub(super) anchor: Option<Anchor>,
    /// The document's sources, which the store maps to the corpus registry.
    pub(super) sources: Vec<DocSource>,
    pub(super) char_len: usize,
    pub(super) sentences: Vec<SentenceRow>,
    pub(super) mentions: Vec<MentionRow>,
    pub(super) claims: Vec<ClaimRow>,
    /// The quantity keys of each claim's figures (claim order), for the claim index.
    pub(super) keys: Vec<Vec<crate::matching::QuantityKey>>,
    /// The document's text as it is stored ([`super::deflated`]).
    pub(super) deflated: Vec<u8>,
}

/// Code-point and byte offsets of a span (as columns, and as the spans of a stored
/// record: offsets only; their text is the document's at those offsets).
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct Offsets {
    pub start: i64,
    pub end: i64,
    pub byte_start: i64,
    pub byte_end: i64,
    #[serde(skip)]
    pub span: Span,
}

impl Offsets {
    /// The stored columns besides `start` (schema.sql, version 9): `length`,
    /// `byte_shift`, `byte_extra`.
    pub fn packed(&self) -> [i64; 3] {
        let length = self.end - self.start;
        [
            length,
            self.byte_start - self.start,
            (self.byte_end - self.byte_start) - length,
        ]
    }
}

/// The names of mention kinds, claim types and claim statuses in the order of their
/// stored codes (schema.sql, version 9: `mentions.kind_code`, `claims.claim_type_code`,
/// `claims.status_code`; generated columns name them back).
pub(super) const MENTION_KINDS: [&str; 3] = ["figure", "date", "attribution"];
pub(super) const CLAIM_TYPES: [&str; 6] = [
    "statistic",
    "quote",
    "attribution",
    "event",
    "comparison",
    "prediction",
];
pub(super) const STATUSES: [&str; 8] = [
    "unverified",
    "in_review",
    "verified",
    "false",
    "misleading",
    "contested",
    "unverifiable",
    "needs_recheck",
];

/// The stored code of `name` among `names` (one of the lists above); `None`, which the
/// columns refuse, for a name that is not there.
pub(super) fn code(names: &[&str], name: &str) -> Option<i64> {
    names.iter().position(|n| *n == name).map(|i| i as i64)
}

/// SQL: the code of the name `column` holds among `names`, NULL for another name (for
/// migrations from the columns of names).
pub(super) fn code_sql(names: &[&str], column: &str) -> String {
    let whens: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!(" WHEN '{n}' THEN {i}"))
        .collect();
    format!("CASE {column}{whens} END")
}

impl Offsets {
    fn new(span: Span, idx: &OffsetIndex) -> Offsets {
        let c = idx.char_span(span);
        Offsets {
            start: c.start as i64,
            end: c.end as i64,
            byte_start: span.start as i64,
            byte_end: span.end as i64,
            span,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct SentenceRow {
    pub paragraph: i64,
    pub at: Offsets,
}

#[derive(Debug, Clone)]
pub(super) struct MentionRow {
    /// The index of its sentence in the document.
    pub sentence: Option<usize>,
    pub kind: &'static str,
    pub at: Offsets,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub modifier: Option<String>,
    pub timex_type: Option<&'static str>,
    /// The index of its source among the document's sources.
    pub source: Option<usize>,
    pub attrs: String,
}

#[derive(Debug, Clone)]
pub(super) struct ClaimRow {
    pub sentence: usize,
    pub at: Offsets,
    pub claim_type: &'static str,
    pub worthiness: f64,
    pub features: String,
    pub sourced: bool,
    pub has_figure: bool,
    pub earliest_date: Option<String>,
    pub latest_date: Option<String>,
    /// Indices into the document's mentions.
    pub components: Vec<usize>,
    /// The attribution mention that sources it, and that attribution's source index.
    pub attribution: Option<(usize, Option<usize>)>,
}

impl DocumentRows {
    pub fn new(doc: &Document, a: &Analysis) -> DocumentRows {
        let text = &doc.text;
        let idx = OffsetIndex::new(text);
        let sentences = a
            .segments
            .sentences
            .iter()
            .map(|s| SentenceRow {
                paragraph: s.paragraph as i64,
                at: Offsets::new(s.span, &idx),
            })
            .collect();
        let mentions = a
            .mentions
            .iter()
            .map(|m| {
                let (value, unit, modifier, timex_type, source) = match &m.payload {
                    Payload::Figure(f) => (
                        f.value.as_ref().map(|v| v.to_string()),
                        f.unit.clone(),
                        f.modifier.map(|x| x.as_str().to_string()),
                        None,
                        None,
                    ),
                    Payload::Date(t) => (
                        Some(t.value.clone()),
                        None,
                        t.modifier.clone(),
                        Some(t.timex_type.as_str()),
                        None,
                    ),
                    Payload::Attribution(at) => (None, None, None, None, at.source_id),
                };
                MentionRow {
                    sentence: a.segments.sentence_at(m.span.start),
                    kind: m.kind().as_str(),
                    at: Offsets::new(m.span, &idx),
                    value,
                    unit,
                    modifier,
                    timex_type,
                    source,
                    attrs: stored_attrs(&m.payload, &idx),
                }
            })
            .collect();
        let claims = a
            .claims
            .iter()
            .map(|claim| {
                let dates: Vec<&str> = claim
                    .components
                    .iter()
                    .filter_map(|&i| a.mentions[i].date())
                    .filter(|t| {
                        t.value.len() >= 4 && t.value[..4].bytes().all(|b| b.is_ascii_digit())
                    })
                    .map(|t| t.value.as_str())
                    .collect();
                ClaimRow {
                    sentence: claim.sentence,
                    at: Offsets::new(claim.span, &idx),
                    claim_type: claim.claim_type.as_str(),
                    worthiness: claim.worthiness,
                    features: stored_features(&claim.features),
                    sourced: claim.is_sourced(),
                    has_figure: claim
                        .components
                        .iter()
                        .any(|&i| a.mentions[i].figure().is_some()),
                    earliest_date: dates.iter().min().map(|d| d.to_string()),
                    latest_date: dates.iter().max().map(|d| d.to_string()),
                    // Every figure of the claim is stored as a component; those no
                    // desk would check carry `checkable: false` in their record.
                    components: claim
                        .components
                        .iter()
                        .chain(&claim.uncheckable)
                        .copied()
                        .collect(),
                    attribution: claim.attribution.map(|att| {
                        let source = a.mentions[att].attribution().and_then(|x| x.source_id);
                        (att, source)
                    }),
                }
            })
            .collect();
        DocumentRows {
            anchor: a.anchor,
            sources: a.sources.sources.clone(),
            char_len: idx.char_len(),
            sentences,
            mentions,
            claims,
            keys: super::matches::document_keys(doc, a),
            deflated: super::deflated::deflate(text),
        }
    }
}

/// The rows of one document as an analysed record carries them (the `rows` field of
/// `extract --with-text`): every column that the extract contract does not print
/// exactly (sentences and their paragraphs, exact worthiness and feature weights, the
/// stored mention attributes), with byte offsets; code-point offsets are computed from
/// the text when the record is loaded. The anchor and the sources come from the
/// record's contract fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowsRecord {
    /// `[paragraph, byte_start, byte_end]` of each sentence.
    pub sentences: Vec<[usize; 3]>,
    pub mentions: Vec<MentionRecord>,
    pub claims: Vec<ClaimRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionRecord {
    pub kind: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub sentence: Option<usize>,
    pub value: Option<String>,
    pub unit: Option<String>,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub timex_type: Option<String>,
    pub source: Option<usize>,
    /// The stored attributes, a JSON object as text.
    pub attrs: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    pub sentence: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    #[serde(rename = "type")]
    pub claim_type: String,
    pub worthiness: f64,
    /// The features and their weights, a JSON array as text.
    pub features: String,
    pub sourced: bool,
    pub has_figure: bool,
    pub earliest_date: Option<String>,
    pub latest_date: Option<String>,
    pub components: Vec<usize>,
    /// `[attribution mention, its source]`.
    pub attribution: Option<(usize, Option<usize>)>,
    /// The quantity keys of the claim's figures, for the claim index.
    pub keys: Vec<crate::matching::QuantityKey>,
}

impl DocumentRows {
    /// The rows as an analysed record carries them.
    pub fn record(&self) -> RowsRecord {
        RowsRecord {
            sentences: self
                .sentences
                .iter()
                .map(|s| [s.paragraph as usize, s.at.span.start, s.at.span.end])
                .collect(),
            mentions: self
                .mentions
                .iter()
                .map(|m| MentionRecord {
                    kind: m.kind.to_string(),
                    byte_start: m.at.span.start,
                    byte_end: m.at.span.end,
                    sentence: m.sentence,
                    value: m.value.clone(),
                    unit: m.unit.clone(),
                    modifier: m.modifier.clone(),
                    timex_type: m.timex_type.map(str::to_string),
                    source: m.source,
                    attrs: m.attrs.clone(),
                })
                .collect(),
            claims: self
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| ClaimRecord {
                    sentence: c.sentence,
                    byte_start: c.at.span.start,
                    byte_end: c.at.span.end,
                    claim_type: c.claim_type.to_string(),
                    worthiness: c.worthiness,
                    features: c.features.clone(),
                    sourced: c.sourced,
                    has_figure: c.has_figure,
                    earliest_date: c.earliest_date.clone(),
                    latest_date: c.latest_date.clone(),
                    components: c.components.clone(),
                    attribution: c.attribution,
                    keys: self.keys.get(i).cloned().unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// The rows of an analysed record of `text`, checked: every span lies on character
    /// boundaries of the text, every kind and type is one claimtrace knows, and every
    /// index (sentence, mention, source) points at something. The error says what is
    /// wrong, for a message naming the record.
    pub fn from_record(
        record: RowsRecord,
        text: &str,
        anchor: Option<Anchor>,
        sources: Vec<DocSource>,
    ) -> Result<DocumentRows, String> {
        let idx = OffsetIndex::new(text);
        let at = |what: &str, i: usize, start: usize, end: usize| -> Result<Offsets, String> {
            let Some(span) = Span::of_text(text, start, end) else {
                return Err(format!(
                    "{what} {i}: bytes {start}..{end} are not a span of the text ({} bytes)",
                    text.len()
                ));
            };
            Ok(Offsets::new(span, &idx))
        };
        let index = |what: &str, i: usize, j: usize, len: usize, of: &str| {
            if j < len {
                Ok(j)
            } else {
                Err(format!(
                    "{what} {i}: {of} {j} does not exist ({len} of them)"
                ))
            }
        };
        let sentences = record
            .sentences
            .iter()
            .enumerate()
            .map(|(i, &[paragraph, start, end])| {
                Ok(SentenceRow {
                    paragraph: paragraph as i64,
                    at: at("sentence", i, start, end)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        // Sentences in document order, apart: lookups by offset rely on it.
        for (i, pair) in sentences.windows(2).enumerate() {
            if pair[1].at.span.start < pair[0].at.span.end {
                return Err(format!("sentence {}: overlaps the sentence before", i + 1));
            }
        }
        // The sentence holding a byte offset, as the analysis assigns it.
        let sentence_at = |at: usize| {
            let i = sentences.partition_point(|s| s.at.span.end <= at);
            (i < sentences.len() && sentences[i].at.span.start <= at).then_some(i)
        };
        let n_mentions = record.mentions.len();
        let mentions = record
            .mentions
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let kind = m
                    .kind
                    .parse::<MentionKind>()
                    .map_err(|e| format!("mention {i}: {e}"))?
                    .as_str();
                let timex_type = match m.timex_type {
                    Some(t) => Some(
                        t.parse::<TimexType>()
                            .map_err(|e| format!("mention {i}: {e}"))?
                            .as_str(),
                    ),
                    None => None,
                };
                if m.sentence != sentence_at(m.byte_start) {
                    return Err(format!(
                        "mention {i}: sentence {:?} does not hold its start (byte {})",
                        m.sentence, m.byte_start
                    ));
                }
                if let Some(s) = m.source {
                    index("mention", i, s, sources.len(), "source")?;
                }
                // Stored as a new analysis stores it, whatever names the record uses.
                let attrs = match serde_json::from_str::<serde_json::Value>(&m.attrs) {
                    Ok(record @ serde_json::Value::Object(_)) => compact_attrs(record).to_string(),
                    _ => return Err(format!("mention {i}: attrs is not a JSON object")),
                };
                Ok(MentionRow {
                    sentence: m.sentence,
                    kind,
                    at: at("mention", i, m.byte_start, m.byte_end)?,
                    value: m.value,
                    unit: m.unit,
                    modifier: m.modifier,
                    timex_type,
                    source: m.source,
                    attrs,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let keys: Vec<Vec<crate::matching::QuantityKey>> =
            record.claims.iter().map(|c| c.keys.clone()).collect();
        let claims = record
            .claims
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let claim_type = c
                    .claim_type
                    .parse::<ClaimType>()
                    .map_err(|e| format!("claim {i}: {e}"))?
                    .as_str();
                index("claim", i, c.sentence, sentences.len(), "sentence")?;
                let sentence = sentences[c.sentence].at.span;
                if !(sentence.start <= c.byte_start && c.byte_end <= sentence.end) {
                    return Err(format!(
                        "claim {i}: bytes {}..{} lie outside its sentence {} ({}..{})",
                        c.byte_start, c.byte_end, c.sentence, sentence.start, sentence.end
                    ));
                }
                for &m in &c.components {
                    index("claim", i, m, n_mentions, "mention")?;
                }
                if let Some((att, source)) = c.attribution {
                    index("claim", i, att, n_mentions, "mention")?;
                    if let Some(s) = source {
                        index("claim", i, s, sources.len(), "source")?;
                    }
                }
                if !matches!(
                    serde_json::from_str::<serde_json::Value>(&c.features),
                    Ok(serde_json::Value::Array(_))
                ) {
                    return Err(format!("claim {i}: features is not a JSON array"));
                }
                Ok(ClaimRow {
                    sentence: c.sentence,
                    at: at("claim", i, c.byte_start, c.byte_end)?,
                    claim_type,
                    worthiness: c.worthiness,
                    features: c.features,
                    sourced: c.sourced,
                    has_figure: c.has_figure,
                    earliest_date: c.earliest_date,
                    latest_date: c.latest_date,
                    components: c.components,
                    attribution: c.attribution,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(DocumentRows {
            anchor,
            sources,
            char_len: idx.char_len(),
            sentences,
            mentions,
            claims,
            keys,
            deflated: super::deflated::deflate(text),
        })
    }
}

fn offsets(span: Option<Span>, idx: &OffsetIndex) -> Option<Offsets> {
    span.map(|s| Offsets::new(s, idx))
}

/// The mention's `attrs`: the fields of its kind that have no column of their own, with
/// spans as offsets. (Texts are left out: the document holds them, and a stored record
/// with its texts was twice the size, which made ingest slower.)
fn stored_attrs(payload: &Payload, idx: &OffsetIndex) -> String {
    let record = match payload {
        Payload::Figure(f) => {
            let mut record = serde_json::json!({
                "low": output::decimal_json(&f.low),
                "high": output::decimal_json(&f.high),
                "subject": offsets(f.subject, idx),
                "checkable": f.is_checkable(),
            });
            if let (Some(reason), Some(m)) = (f.not_checkable, record.as_object_mut()) {
                m.insert("checkable_reason".into(), reason.into());
            }
            record
        }
        Payload::Date(t) => {
            let mut m = serde_json::Map::new();
            if let Some(q) = &t.quant {
                m.insert("quant".into(), q.as_str().into());
            }
            if let Some(f) = &t.freq {
                m.insert("freq".into(), f.as_str().into());
            }
            serde_json::Value::Object(m)
        }
        Payload::Attribution(a) => serde_json::json!({
            "source": offsets(a.source, idx),
            "cue": offsets(a.cue, idx),
            "content": offsets(a.content, idx),
            "direct": a.direct,
            "source_kind": a.source_kind.as_str(),
            "source_name": offsets(a.source_name, idx),
            "source_role": offsets(a.source_role, idx),
        }),
    };
    compact_attrs(record).to_string()
}

/// Keys of a mention's record that its columns or its document already hold.
const COLUMN_KEYS: [&str; 10] = [
    "kind",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "value",
    "unit",
    "mod",
    "type",
];

/// The names of a mention's record (as `extract` prints it) and the short names the
/// store keeps them by (version 7): the names were half of an attribution's record.
/// Each short name is one field's, whatever the mention's kind. SQL reads `$.s` (the
/// source span), `$.x` (checkable) and `$.y` (why not).
const SHORT_NAMES: [(&str, &str); 14] = [
    ("source", "s"),
    ("cue", "c"),
    ("content", "t"),
    ("direct", "d"),
    ("source_kind", "k"),
    ("source_name", "n"),
    ("source_role", "r"),
    ("low", "l"),
    ("high", "h"),
    ("subject", "j"),
    ("checkable", "x"),
    ("checkable_reason", "y"),
    ("quant", "q"),
    ("freq", "f"),
];

/// A mention's record as the store keeps it in `attrs`: only what no column holds, by
/// short names ([`SHORT_NAMES`]). Fields its columns repeat (kind, offsets, text, value,
/// unit, mod, TIMEX3 type) and fields at their default (null, `checkable: true`,
/// `direct: false`) are left out, and a span keeps its code-point offsets only (its
/// bytes and text are the document's). A span is `[start, end]` in code points.
/// Readers ([`expand_attrs`]) treat a missing field as its default. Applied to records
/// of any version, so that a migrated row is the row a new ingest writes.
pub(crate) fn compact_attrs(record: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let Value::Object(fields) = record else {
        return record;
    };
    let short = |k: String| match SHORT_NAMES.iter().find(|(long, _)| *long == k) {
        Some((_, short)) => short.to_string(),
        None => k,
    };
    let kept = fields
        .into_iter()
        .map(|(k, v)| (short(k), v))
        .filter(|(k, v)| {
            !(COLUMN_KEYS.contains(&k.as_str())
                || v.is_null()
                || (k == "x" && *v == Value::Bool(true))
                || (k == "d" && *v == Value::Bool(false)))
        })
        .map(|(k, v)| match v {
            Value::Object(span) => {
                let at = |end: &str| span.get(end).cloned().unwrap_or(Value::Null);
                (k, Value::Array(vec![at("start"), at("end")]))
            }
            v => (k, v),
        })
        .collect();
    Value::Object(kept)
}

/// The spans of an attribution's record in the order of its stored array
/// ([`row_attrs`]): source, cue, content, source name, source role.
const ATTRIBUTION_SPANS: [&str; 5] = ["s", "c", "t", "n", "r"];

/// What a mention row stores in `attrs` (version 9) for the record [`compact_attrs`]
/// makes: an attribution's as a JSON array, `[source kind, source from, source length,
/// cue from, cue length, content …, source name …, source role …, 1 if direct]`, each
/// span from the mention's `start` and by its length (nulls for a span it lacks, the
/// nulls at the end left out): small numbers in place of the field names and offsets
/// that were two thirds of its record. Any other record, or an attribution's with other
/// fields, is stored as it is. SQL reads the source span at `$[1]` and `$[2]` (see
/// `source_span_text!`).
pub(crate) fn row_attrs(kind: &str, start: i64, compact: &str) -> String {
    use serde_json::Value;
    if kind != "attribution" {
        return compact.to_string();
    }
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(compact) else {
        return compact.to_string();
    };
    let span = |v: &Value| -> Option<(i64, i64)> {
        match v.as_array()?.as_slice() {
            [a, b] => Some((a.as_i64()?, b.as_i64()?)),
            _ => None,
        }
    };
    let packable = fields.iter().all(|(k, v)| match k.as_str() {
        "k" => v.is_string(),
        "d" => v.is_boolean(),
        k => ATTRIBUTION_SPANS.contains(&k) && span(v).is_some(),
    });
    if !packable {
        return compact.to_string();
    }
    let mut out = vec![fields.get("k").cloned().unwrap_or(Value::Null)];
    for name in ATTRIBUTION_SPANS {
        match fields.get(name).and_then(span) {
            Some((a, b)) => out.extend([Value::from(a - start), Value::from(b - a)]),
            None => out.extend([Value::Null, Value::Null]),
        }
    }
    if fields.get("d") == Some(&Value::Bool(true)) {
        out.push(Value::from(1));
    }
    while out.last().is_some_and(Value::is_null) {
        out.pop();
    }
    Value::Array(out).to_string()
}

/// The record [`compact_attrs`] made of a stored `attrs` ([`row_attrs`]) of a mention
/// starting at `start`.
fn unpacked_attrs(stored: serde_json::Value, start: i64) -> serde_json::Value {
    use serde_json::{Map, Value};
    let Value::Array(items) = stored else {
        return stored;
    };
    let at = |i: usize| items.get(i).and_then(Value::as_i64);
    let span = |name: &str| -> Option<Value> {
        let j = ATTRIBUTION_SPANS.iter().position(|n| *n == name)?;
        let (from, len) = (at(1 + 2 * j)?, at(2 + 2 * j)?);
        Some(Value::from(vec![start + from, start + from + len]))
    };
    // In the order of the record an analysis makes.
    let mut fields = Map::new();
    for name in ["s", "c", "t", "d", "k", "n", "r"] {
        let value = match name {
            "d" => (at(1 + 2 * ATTRIBUTION_SPANS.len()) == Some(1)).then_some(Value::Bool(true)),
            "k" => items.first().filter(|k| k.is_string()).cloned(),
            span_name => span(span_name),
        };
        if let Some(value) = value {
            fields.insert(name.into(), value);
        }
    }
    Value::Object(fields)
}

/// A stored mention record (`attrs`, of any version, of a mention starting at `start`)
/// with the names of its fields as `extract` prints them; `Null` when it is not JSON.
pub(crate) fn expand_attrs(stored: &str, start: i64) -> serde_json::Value {
    use serde_json::Value;
    match serde_json::from_str(stored).map(|v| unpacked_attrs(v, start)) {
        Ok(Value::Object(fields)) => Value::Object(
            fields
                .into_iter()
                .map(
                    |(k, v)| match SHORT_NAMES.iter().find(|(_, short)| *short == k) {
                        Some((long, _)) => (long.to_string(), v),
                        None => (k, v),
                    },
                )
                .collect(),
        ),
        Ok(other) => other,
        Err(_) => Value::Null,
    }
}

/// A claim's check-worthiness features as the store keeps them: a JSON array of
/// `[name, weight]` pairs, the largest effect first. Older rows hold `{"name",
/// "weight"}` objects, or names alone; [`compact_features`] brings those to this form.
pub(crate) fn stored_features(features: &[crate::worthiness::Feature]) -> String {
    let pairs: Vec<(&str, f64)> = features.iter().map(|f| (f.name, f.weight)).collect();
    serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
}

/// Stored features (a JSON array as text) of any version in the form
/// [`stored_features`] writes; `None` when the text is not a JSON array.
pub(crate) fn compact_features(json: &str) -> Option<String> {
    use serde_json::Value;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(json) else {
        return None;
    };
    let items: Vec<Value> = items
        .into_iter()
        .map(|v| match (v.get("name"), v.get("weight")) {
            (Some(name), Some(weight)) => Value::Array(vec![name.clone(), weight.clone()]),
            _ => v,
        })
        .collect();
    serde_json::to_string(&items).ok()
}

/// Rows per multi-row statement: a document's rows of one table go in chunks of these.
const CHUNKS: [usize; 3] = [16, 4, 1];

/// A multi-row `INSERT` into one table: `head` is `INSERT ... INTO table (columns)` with
/// `width` columns; the SQL for each chunk size is made once.
pub(super) struct Insert {
    head: &'static str,
    width: usize,
    sql: [OnceLock<String>; CHUNKS.len()],
}

impl Insert {
    pub const fn new(head: &'static str, width: usize) -> Insert {
        Insert {
            head,
            width,
            sql: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        }
    }

    /// `head VALUES (?, ?), (?, ?)` for chunk `k`.
    fn sql(&self, k: usize) -> &str {
        self.sql[k].get_or_init(|| {
            let one = format!("({})", vec!["?"; self.width].join(", "));
            format!("{} VALUES {}", self.head, vec![one; CHUNKS[k]].join(", "))
        })
    }

    /// Inserts `rows`, a few statements for many rows; `row` gives the `width` values of
    /// one row.
    pub fn run<'a, R>(
        &self,
        tx: &rusqlite::Connection,
        rows: &'a [R],
        row: impl Fn(&'a R, &mut Vec<&'a dyn ToSql>),
    ) -> rusqlite::Result<()> {
        let mut rest = rows;
        let mut values: Vec<&'a dyn ToSql> = Vec::with_capacity(CHUNKS[0] * self.width);
        while !rest.is_empty() {
            let k = CHUNKS.iter().position(|&n| n <= rest.len()).unwrap_or(2);
            let (chunk, tail) = rest.split_at(CHUNKS[k].min(rest.len()));
            let mut stmt = tx.prepare_cached(self.sql(k))?;
            values.clear();
            for r in chunk {
                row(r, &mut values);
            }
            debug_assert_eq!(values.len(), chunk.len() * self.width);
            for (i, v) in values.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            stmt.raw_execute()?;
            rest = tail;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind, type and status (a claim "needs_recheck" after its text changed) is
    /// stored by a code the schema's generated column names back as it was written.
    #[test]
    fn a_claim_that_needs_recheck_reads_back_its_status_from_its_code() {
        use crate::claims::ClaimType;
        use crate::recognize::MentionKind;
        use crate::review::ClaimStatus;
        let db = crate::store::Database::in_memory().unwrap();
        let conn = db.connection();
        conn.execute_batch(
            "INSERT INTO documents (id, source_key, hash, text, char_len, ingested_at)
                 VALUES (1, 'k', 'h', x'', 0, 't');",
        )
        .unwrap();
        for (i, kind) in MentionKind::ALL.iter().enumerate() {
            let code = code(&MENTION_KINDS, kind.as_str());
            conn.execute(
                "INSERT INTO mentions (id, kind_code, start, length) VALUES (?1, ?2, 0, 0)",
                rusqlite::params![(1 << 24) + i as i64, code],
            )
            .unwrap();
            let back: String = conn
                .query_row(
                    "SELECT kind FROM mentions WHERE id = ?1",
                    [(1 << 24) + i as i64],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(back, kind.as_str());
        }
        for t in ClaimType::ALL {
            for s in ClaimStatus::ALL {
                conn.execute(
                    "INSERT INTO claims (document_id, start, end, byte_start, byte_end,
                         claim_type_code, status_code) VALUES (1, 0, 0, 0, 0, ?1, ?2)",
                    rusqlite::params![code(&CLAIM_TYPES, t.as_str()), code(&STATUSES, s.as_str())],
                )
                .unwrap();
                let back: (String, String) = conn
                    .query_row(
                        "SELECT claim_type, status FROM claims WHERE id = last_insert_rowid()",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert_eq!(back, (t.as_str().to_string(), s.as_str().to_string()));
            }
        }
        // A name that is no status has no code, which the column refuses.
        assert_eq!(code(&STATUSES, "maybe"), None);
        assert!(conn
            .execute(
                "INSERT INTO claims (document_id, start, end, byte_start, byte_end,
                     claim_type_code, status_code) VALUES (1, 0, 0, 0, 0, 0, NULL)",
                [],
            )
            .is_err());
    }

    #[test]
    fn a_stored_figure_keeps_its_checkable_flag_and_reason() {
        use crate::document::{Document, Metadata};
        let text = "Clinton leads with 46 percent, plus or minus 3 points.";
        let doc = Document::from_text("t", text.to_string(), Metadata::default());
        let rows = DocumentRows::new(&doc, &crate::pipeline::analyse(&doc));
        let attrs: Vec<serde_json::Value> = rows
            .mentions
            .iter()
            .filter(|m| m.kind == "figure")
            .map(|m| expand_attrs(&row_attrs(m.kind, m.at.start, &m.attrs), m.at.start))
            .collect();
        assert_eq!(attrs.len(), 2);
        // Checkable is the default: a missing flag.
        assert!(attrs[0].get("checkable").is_none(), "{}", attrs[0]);
        assert!(attrs[0].get("checkable_reason").is_none());
        assert_eq!(attrs[1]["checkable"], false);
        assert_eq!(attrs[1]["checkable_reason"], "margin of error");
    }

    #[test]
    fn according_to_the_statistics_office_is_stored_as_code_points_without_defaults() {
        use crate::document::{Document, Metadata};
        let text = "Exports of Azerbaijan’s gas rose 12% to €3.6 billion in 2024, according \
                    to the national statistics office.";
        let doc = Document::from_text("t", text.to_string(), Metadata::default());
        let rows = DocumentRows::new(&doc, &crate::pipeline::analyse(&doc));
        let attribution = rows.mentions.iter().find(|m| m.kind == "attribution");
        let attribution = attribution.expect("an attribution");
        let (record, start) = (&attribution.attrs, attribution.at.start);
        assert!(record.starts_with(r#"{"s":["#), "{record}");
        // The row keeps the spans from the mention's start, by their lengths, without
        // field names; the record reads back the same.
        let stored = row_attrs("attribution", start, record);
        assert_eq!(stored, r#"["dataset",75,30,62,12,0,60]"#);
        let attrs = expand_attrs(&stored, start);
        assert_eq!(attrs, expand_attrs(record, start));
        // The source span in code points: "’" and "€" are one each, three bytes each.
        let source = &attrs["source"];
        let (start, end) = (source[0].as_u64().unwrap(), source[1].as_u64().unwrap());
        let chars: Vec<char> = text.chars().collect();
        let named: String = chars[start as usize..end as usize].iter().collect();
        assert_eq!(named, "the national statistics office");
        assert_eq!(source.as_array().unwrap().len(), 2, "{attrs}");
        // Not direct (the default), no source name or role (null): left out.
        for absent in ["direct", "source_name", "source_role", "byte_start", "text"] {
            assert!(attrs.get(absent).is_none(), "{absent}: {attrs}");
        }
        assert_eq!(attrs["source_kind"], "dataset");
    }

    #[test]
    fn a_version_4_record_compacts_to_what_a_new_ingest_writes() {
        let old = serde_json::json!({
            "low": null, "high": null,
            "subject": {"start": 344, "end": 349, "byte_start": 350, "byte_end": 355},
            "checkable": true,
        });
        let compact = compact_attrs(old);
        assert_eq!(compact.to_string(), r#"{"j":[344,349]}"#);
        assert_eq!(
            compact_attrs(compact.clone()),
            compact,
            "applied again, the same"
        );
        assert_eq!(
            expand_attrs(&compact.to_string(), 0).to_string(),
            r#"{"subject":[344,349]}"#
        );
        // An imported record repeated its columns (kind, offsets, text, value, unit).
        let imported = serde_json::json!({
            "kind": "figure", "start": 3, "end": 10, "byte_start": 3, "byte_end": 10,
            "text": "600,000", "value": 600000, "low": null, "high": null, "unit": null,
            "mod": "APPROX",
        });
        assert_eq!(compact_attrs(imported).to_string(), "{}");
    }

    #[test]
    fn features_keep_names_and_exact_weights_as_pairs() {
        let old = r#"[{"name":"word:and","weight":-0.174},{"name":"base","weight":-3.008}]"#;
        assert_eq!(
            compact_features(old).unwrap(),
            r#"[["word:and",-0.174],["base",-3.008]]"#
        );
        // Names alone (before the weights were kept) stay names.
        assert_eq!(compact_features(r#"["figure"]"#).unwrap(), r#"["figure"]"#);
        assert_eq!(compact_features("{}"), None);
        let new = stored_features(&[crate::worthiness::Feature {
            name: "word:and",
            weight: -0.174,
        }]);
        assert_eq!(new, r#"[["word:and",-0.174]]"#);
    }

    #[test]
    fn insert_sql_has_one_placeholder_per_value() {
        let insert = Insert::new("INSERT INTO t (a, b)", 2);
        assert_eq!(insert.sql(2), "INSERT INTO t (a, b) VALUES (?, ?)");
        assert_eq!(
            insert.sql(1),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?), (?, ?)"
        );
    }

    #[test]
    fn insert_rows_writes_every_row_in_order_for_any_count() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)")
            .unwrap();
        for n in [0usize, 1, 3, 4, 5, 15, 16, 17, 21, 40] {
            conn.execute_batch("DELETE FROM t").unwrap();
            let rows: Vec<(i64, String)> = (0..n).map(|i| (i as i64, format!("r{i}"))).collect();
            Insert::new("INSERT INTO t (a, b)", 2)
                .run(&conn, &rows, |r, v| {
                    v.push(&r.0);
                    v.push(&r.1);
                })
                .unwrap();
            let got: Vec<(i64, String)> = conn
                .prepare("SELECT a, b FROM t ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(got, rows, "{n} rows");
        }
    }
}
