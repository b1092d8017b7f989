//! JSON renderings of mentions, claims and analyses: the extract contract.
//!
//! Every span leaves the process twice: code points (`start`, `end`) and bytes
//! (`byte_start`, `byte_end`). Numbers print exactly, as JSON numbers. The records are
//! typed structs serialised straight to the output (no intermediate JSON tree), which
//! keeps `extract --format jsonl` fast.

use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::claims::Claim;
use crate::decimal::{Decimal, MAX_DIGITS};
use crate::pipeline::Analysis;
use crate::recognize::{Mention, Payload};
use crate::span::{OffsetIndex, Span};

/// An exact decimal as a JSON number, or `None` when it is too long to print.
pub fn decimal_number(d: &Option<Decimal>) -> Option<Number> {
    match d {
        Some(d) if d.printed_digits() <= MAX_DIGITS => d.to_string().parse::<Number>().ok(),
        _ => None,
    }
}

/// An exact decimal as a JSON value (null when absent or too long).
pub fn decimal_json(d: &Option<Decimal>) -> Value {
    decimal_number(d).map_or(Value::Null, Value::Number)
}

/// `{"start", "end", "byte_start", "byte_end", "text"}`.
#[derive(Debug, Serialize)]
pub struct SpanOut<'t> {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: &'t str,
}

impl<'t> SpanOut<'t> {
    pub fn new(span: Span, text: &'t str, idx: &OffsetIndex) -> SpanOut<'t> {
        let c = idx.char_span(span);
        SpanOut {
            start: c.start,
            end: c.end,
            byte_start: span.start,
            byte_end: span.end,
            text: span.slice(text),
        }
    }

    fn opt(span: Option<Span>, text: &'t str, idx: &OffsetIndex) -> Option<SpanOut<'t>> {
        span.map(|s| SpanOut::new(s, text, idx))
    }
}

/// `{"start", "end", "byte_start", "byte_end", "text"}` for a span, as a JSON value.
pub fn span_json(span: Span, text: &str, idx: &OffsetIndex) -> Value {
    serde_json::to_value(SpanOut::new(span, text, idx)).unwrap_or(Value::Null)
}

/// One mention as the extract contract prints it.
#[derive(Debug, Serialize)]
pub struct MentionOut<'t> {
    pub kind: &'static str,
    #[serde(flatten)]
    pub span: SpanOut<'t>,
    #[serde(flatten)]
    pub detail: DetailOut<'t>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum DetailOut<'t> {
    Figure {
        value: Option<Number>,
        low: Option<Number>,
        high: Option<Number>,
        unit: Option<&'t str>,
        #[serde(rename = "mod")]
        modifier: Option<&'static str>,
        subject: Option<SpanOut<'t>>,
    },
    Date {
        #[serde(rename = "type")]
        timex_type: &'static str,
        value: &'t str,
        #[serde(rename = "mod")]
        modifier: Option<&'t str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        quant: Option<&'t str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        freq: Option<&'t str>,
    },
    Attribution {
        source: Option<SpanOut<'t>>,
        cue: Option<SpanOut<'t>>,
        content: Option<SpanOut<'t>>,
        direct: bool,
        source_id: Option<usize>,
        source_kind: &'static str,
        source_name: Option<SpanOut<'t>>,
        source_role: Option<SpanOut<'t>>,
    },
}

impl<'t> MentionOut<'t> {
    pub fn new(m: &'t Mention, text: &'t str, idx: &OffsetIndex) -> MentionOut<'t> {
        let detail = match &m.payload {
            Payload::Figure(f) => DetailOut::Figure {
                value: decimal_number(&f.value),
                low: decimal_number(&f.low),
                high: decimal_number(&f.high),
                unit: f.unit.as_deref(),
                modifier: f.modifier.map(|x| x.as_str()),
                subject: SpanOut::opt(f.subject, text, idx),
            },
            Payload::Date(t) => DetailOut::Date {
                timex_type: t.timex_type.as_str(),
                value: &t.value,
                modifier: t.modifier.as_deref(),
                quant: t.quant.as_deref(),
                freq: t.freq.as_deref(),
            },
            Payload::Attribution(a) => DetailOut::Attribution {
                source: SpanOut::opt(a.source, text, idx),
                cue: SpanOut::opt(a.cue, text, idx),
                content: SpanOut::opt(a.content, text, idx),
                direct: a.direct,
                source_id: a.source_id,
                source_kind: a.source_kind.as_str(),
                source_name: SpanOut::opt(a.source_name, text, idx),
                source_role: SpanOut::opt(a.source_role, text, idx),
            },
        };
        MentionOut {
            kind: m.kind().as_str(),
            span: SpanOut::new(m.span, text, idx),
            detail,
        }
    }
}

/// One mention as a JSON object.
pub fn mention_json(m: &Mention, text: &str, idx: &OffsetIndex) -> Map<String, Value> {
    match serde_json::to_value(MentionOut::new(m, text, idx)) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// One mention as a compact JSON string (the store keeps it as the mention's `attrs`).
pub fn mention_json_string(m: &Mention, text: &str, idx: &OffsetIndex) -> String {
    serde_json::to_string(&MentionOut::new(m, text, idx)).unwrap_or_else(|_| "{}".into())
}

/// One claim, with its components as indices into the mention list.
#[derive(Debug, Serialize)]
pub struct ClaimOut<'t> {
    #[serde(flatten)]
    pub span: SpanOut<'t>,
    #[serde(rename = "type")]
    pub claim_type: &'static str,
    pub worthiness: f64,
    pub features: &'t [&'static str],
    pub components: &'t [usize],
    pub attribution: Option<usize>,
    pub sourced: bool,
}

impl<'t> ClaimOut<'t> {
    pub fn new(c: &'t Claim, text: &'t str, idx: &OffsetIndex) -> ClaimOut<'t> {
        ClaimOut {
            span: SpanOut::new(c.span, text, idx),
            claim_type: c.claim_type.as_str(),
            worthiness: round3(c.worthiness),
            features: &c.features,
            components: &c.components,
            attribution: c.attribution,
            sourced: c.is_sourced(),
        }
    }
}

pub fn claim_json(c: &Claim, text: &str, idx: &OffsetIndex) -> Value {
    serde_json::to_value(ClaimOut::new(c, text, idx)).unwrap_or(Value::Null)
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[derive(Debug, Serialize)]
struct AnchorOut {
    kind: &'static str,
    date: Option<String>,
}

#[derive(Debug, Serialize)]
struct SourceOut<'t> {
    id: usize,
    name: &'t str,
    kind: &'static str,
    role: Option<&'t str>,
    aliases: &'t [String],
}

/// A whole document's analysis: one extract record.
#[derive(Debug, Serialize)]
pub struct AnalysisOut<'t> {
    id: &'t Value,
    anchor: Option<AnchorOut>,
    mentions: Vec<MentionOut<'t>>,
    claims: Vec<ClaimOut<'t>>,
    sources: Vec<SourceOut<'t>>,
}

impl<'t> AnalysisOut<'t> {
    pub fn new(
        id: &'t Value,
        text: &'t str,
        a: &'t Analysis,
        idx: &OffsetIndex,
    ) -> AnalysisOut<'t> {
        AnalysisOut {
            id,
            anchor: a.anchor.map(|an| AnchorOut {
                kind: an.kind.as_str(),
                date: an.date.map(|d| d.to_string()),
            }),
            mentions: a
                .mentions
                .iter()
                .map(|m| MentionOut::new(m, text, idx))
                .collect(),
            claims: a
                .claims
                .iter()
                .map(|c| ClaimOut::new(c, text, idx))
                .collect(),
            sources: a
                .sources
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| SourceOut {
                    id: i,
                    name: &s.name,
                    kind: s.kind.as_str(),
                    role: s.role.as_deref(),
                    aliases: &s.aliases,
                })
                .collect(),
        }
    }
}

/// Writes one extract record as a single line of JSON (without the newline).
pub fn write_analysis(
    w: &mut impl std::io::Write,
    id: &Value,
    text: &str,
    a: &Analysis,
) -> std::io::Result<()> {
    let idx = OffsetIndex::new(text);
    serde_json::to_writer(w, &AnalysisOut::new(id, text, a, &idx)).map_err(std::io::Error::from)
}

/// A whole document's analysis as a JSON value.
pub fn analysis_json(id: Value, text: &str, a: &Analysis) -> Value {
    let idx = OffsetIndex::new(text);
    serde_json::to_value(AnalysisOut::new(&id, text, a, &idx)).unwrap_or(Value::Null)
}
