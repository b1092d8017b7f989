//! JSON renderings of mentions, claims and analyses: the extract contract.
//!
//! Every span leaves the process twice: code points (`start`, `end`) and bytes
//! (`byte_start`, `byte_end`). Numbers print exactly, as JSON numbers.

use serde_json::{json, Map, Number, Value};

use crate::claims::Claim;
use crate::decimal::{Decimal, MAX_DIGITS};
use crate::pipeline::Analysis;
use crate::recognize::{Mention, Payload};
use crate::span::{OffsetIndex, Span};

/// An exact decimal as a JSON number, or null when it is too long to print.
pub fn decimal_json(d: &Option<Decimal>) -> Value {
    match d {
        Some(d) if d.printed_digits() <= MAX_DIGITS => d
            .to_string()
            .parse::<Number>()
            .map(Value::Number)
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// `{"start", "end", "byte_start", "byte_end", "text"}` for a span.
pub fn span_json(span: Span, text: &str, idx: &OffsetIndex) -> Value {
    let c = idx.char_span(span);
    json!({
        "start": c.start,
        "end": c.end,
        "byte_start": span.start,
        "byte_end": span.end,
        "text": span.slice(text),
    })
}

fn opt_span(span: Option<Span>, text: &str, idx: &OffsetIndex) -> Value {
    span.map_or(Value::Null, |s| span_json(s, text, idx))
}

/// One mention as the extract contract prints it.
pub fn mention_json(m: &Mention, text: &str, idx: &OffsetIndex) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("kind".into(), m.kind().as_str().into());
    if let Value::Object(span) = span_json(m.span, text, idx) {
        out.extend(span);
    }
    match &m.payload {
        Payload::Figure(f) => {
            out.insert("value".into(), decimal_json(&f.value));
            out.insert("low".into(), decimal_json(&f.low));
            out.insert("high".into(), decimal_json(&f.high));
            out.insert("unit".into(), f.unit.clone().into());
            out.insert("mod".into(), f.modifier.map(|m| m.as_str()).into());
            out.insert("subject".into(), opt_span(f.subject, text, idx));
        }
        Payload::Date(t) => {
            out.insert("type".into(), t.timex_type.as_str().into());
            out.insert("value".into(), t.value.clone().into());
            out.insert("mod".into(), t.modifier.clone().into());
            if t.quant.is_some() {
                out.insert("quant".into(), t.quant.clone().into());
            }
            if t.freq.is_some() {
                out.insert("freq".into(), t.freq.clone().into());
            }
        }
        Payload::Attribution(a) => {
            out.insert("source".into(), opt_span(a.source, text, idx));
            out.insert("cue".into(), opt_span(a.cue, text, idx));
            out.insert("content".into(), opt_span(a.content, text, idx));
            out.insert("direct".into(), a.direct.into());
            out.insert("source_id".into(), a.source_id.into());
            out.insert("source_kind".into(), a.source_kind.as_str().into());
            out.insert("source_name".into(), opt_span(a.source_name, text, idx));
            out.insert("source_role".into(), opt_span(a.source_role, text, idx));
        }
    }
    out
}

/// One claim, with its components as indices into the mention list.
pub fn claim_json(c: &Claim, text: &str, idx: &OffsetIndex) -> Value {
    let mut out = Map::new();
    if let Value::Object(span) = span_json(c.span, text, idx) {
        out.extend(span);
    }
    out.insert("type".into(), c.claim_type.as_str().into());
    out.insert("worthiness".into(), round3(c.worthiness));
    out.insert("features".into(), c.features.clone().into());
    out.insert("components".into(), c.components.clone().into());
    out.insert("attribution".into(), c.attribution.into());
    out.insert("sourced".into(), c.is_sourced().into());
    Value::Object(out)
}

pub fn round3(x: f64) -> Value {
    let r = (x * 1000.0).round() / 1000.0;
    Number::from_f64(r).map_or(Value::Null, Value::Number)
}

/// A whole document's analysis as one extract record.
pub fn analysis_json(id: Value, text: &str, a: &Analysis) -> Value {
    let idx = OffsetIndex::new(text);
    let mentions: Vec<Value> = a
        .mentions
        .iter()
        .map(|m| Value::Object(mention_json(m, text, &idx)))
        .collect();
    let claims: Vec<Value> = a.claims.iter().map(|c| claim_json(c, text, &idx)).collect();
    let sources: Vec<Value> = a
        .sources
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({"id": i, "name": s.name, "kind": s.kind.as_str(), "role": s.role, "aliases": s.aliases})
        })
        .collect();
    let anchor = a.anchor.map_or(
        Value::Null,
        |an| json!({"kind": an.kind.as_str(), "date": an.date.map(|d| d.to_string())}),
    );
    json!({
        "id": id,
        "anchor": anchor,
        "mentions": mentions,
        "claims": claims,
        "sources": sources,
    })
}
