//! JSON renderings of mentions, claims and analyses: the extract contract.
//!
//! Every span leaves the process twice: code points (`start`, `end`) and bytes
//! (`byte_start`, `byte_end`). Numbers print exactly, as JSON numbers. The records are
//! typed structs serialised with serde for JSON values, and written by hand into a byte
//! buffer for the two hot paths (`extract --format jsonl` and the store's mention
//! attributes): [`JsonBuf`] prints exactly what serde_json's compact serializer prints
//! for the same structs, without its map machinery for flattened fields.

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
        /// Whether a desk would check it; when not, `checkable_reason` says why.
        checkable: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        checkable_reason: Option<&'static str>,
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
        /// Read by the fallback model; sources no claim. Left out when false.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        by_model: bool,
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
                checkable: f.is_checkable(),
                checkable_reason: f.not_checkable,
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
                by_model: a.by_model,
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

/// One mention as a compact JSON string, as `extract --format jsonl` prints it.
pub fn mention_json_string(m: &Mention, text: &str, idx: &OffsetIndex) -> String {
    let mut out = Vec::with_capacity(256);
    JsonBuf(&mut out).mention(m, text, idx);
    String::from_utf8(out).unwrap_or_else(|_| "{}".into())
}

/// One claim, with its components as indices into the mention list.
#[derive(Debug, Serialize)]
pub struct ClaimOut<'t> {
    #[serde(flatten)]
    pub span: SpanOut<'t>,
    #[serde(rename = "type")]
    pub claim_type: &'static str,
    pub worthiness: f64,
    /// The names of the features that fired, the largest effect first, the base last.
    pub features: Vec<&'static str>,
    pub components: &'t [usize],
    /// Figures of the claim that no desk would check.
    pub uncheckable: &'t [usize],
    pub attribution: Option<usize>,
    pub sourced: bool,
    /// The source carries over from the claim before (CLAIMS.md).
    pub carried: bool,
}

impl<'t> ClaimOut<'t> {
    pub fn new(c: &'t Claim, text: &'t str, idx: &OffsetIndex) -> ClaimOut<'t> {
        ClaimOut {
            span: SpanOut::new(c.span, text, idx),
            claim_type: c.claim_type.as_str(),
            worthiness: round3(c.worthiness),
            features: c.features.iter().map(|f| f.name).collect(),
            components: &c.components,
            uncheckable: &c.uncheckable,
            attribution: c.attribution,
            sourced: c.is_sourced(),
            carried: c.carried,
        }
    }
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

/// How much of a record [`write_analysis`] collects before it writes it out: the
/// record of a large document (about four times its text) is never held whole.
const SPILL_BYTES: usize = 1 << 16;

/// Writes one extract record as a single line of JSON (without the newline) to `w`,
/// as it is rendered: the bytes [`render_analysis`] makes, in pieces of about
/// [`SPILL_BYTES`], so that memory is that of the analysis, not of its record.
pub fn write_analysis(
    w: &mut (impl std::io::Write + ?Sized),
    id: &Value,
    text: &str,
    a: &Analysis,
) -> std::io::Result<()> {
    let idx = OffsetIndex::new(text);
    let mut out = Vec::with_capacity(SPILL_BYTES + SPILL_BYTES / 4);
    JsonBuf(&mut out).analysis(id, text, a, &idx, &mut |buf: &mut Vec<u8>| {
        if buf.len() >= SPILL_BYTES {
            w.write_all(buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    w.write_all(&out)
}

/// Appends one extract record as a single line of JSON (without the newline) to `out`:
/// the bytes `serde_json::to_writer` prints for [`AnalysisOut`].
pub fn render_analysis(
    out: &mut Vec<u8>,
    id: &Value,
    text: &str,
    a: &Analysis,
) -> std::io::Result<()> {
    let idx = OffsetIndex::new(text);
    JsonBuf(out).analysis(id, text, a, &idx, &mut |_: &mut Vec<u8>| Ok(()))
}

/// Writes one extract record as pretty-printed JSON (without the newline), as
/// `serde_json::to_writer_pretty` prints [`AnalysisOut`], as it is rendered.
pub fn write_analysis_pretty(
    w: &mut (impl std::io::Write + ?Sized),
    id: &Value,
    text: &str,
    a: &Analysis,
) -> std::io::Result<()> {
    let idx = OffsetIndex::new(text);
    serde_json::to_writer_pretty(w, &AnalysisOut::new(id, text, a, &idx)).map_err(Into::into)
}

/// A whole document's analysis as a JSON value.
pub fn analysis_json(id: Value, text: &str, a: &Analysis) -> Value {
    let idx = OffsetIndex::new(text);
    serde_json::to_value(AnalysisOut::new(&id, text, a, &idx)).unwrap_or(Value::Null)
}

/// A JSON writer into a byte buffer that prints what serde_json's compact serializer
/// prints for the output structs above: the same field order, `null` for `None`, strings
/// escaped as serde_json escapes them, decimals in their canonical form.
struct JsonBuf<'b>(&'b mut Vec<u8>);

impl JsonBuf<'_> {
    fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    /// `,"key":` (or `"key":` with `first`); keys are plain ASCII and need no escaping.
    fn key(&mut self, key: &str, first: bool) {
        if !first {
            self.0.push(b',');
        }
        self.0.push(b'"');
        self.raw(key);
        self.0.extend_from_slice(b"\":");
    }

    /// A string with serde_json's escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`
    /// and `\u00XX` for the other control bytes; everything else as is.
    fn str(&mut self, s: &str) {
        let b = s.as_bytes();
        self.0.push(b'"');
        let mut start = 0;
        loop {
            let i = crate::bytescan::json_escape_end(b, start);
            self.0
                .extend_from_slice(b.get(start..i).unwrap_or_default());
            let Some(&c) = b.get(i) else { break };
            let short = match c {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x0c => b'f',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                _ => 0,
            };
            if short != 0 {
                self.0.extend_from_slice(&[b'\\', short]);
            } else {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.extend_from_slice(b"\\u00");
                self.0.push(HEX[usize::from(c >> 4)]);
                self.0.push(HEX[usize::from(c & 0xf)]);
            }
            start = i + 1;
        }
        self.0.push(b'"');
    }

    /// A name of the contract (a kind, a type, a feature): plain ASCII that needs no
    /// escaping (a test checks every one).
    fn name(&mut self, s: &'static str) {
        debug_assert_eq!(crate::bytescan::json_escape_end(s.as_bytes(), 0), s.len());
        self.0.push(b'"');
        self.raw(s);
        self.0.push(b'"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    fn usize(&mut self, n: usize) {
        if n < 10 {
            self.0.push(b'0' + n as u8);
            return;
        }
        // Two digits at a time, from the end.
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut m = n;
        while m >= 100 {
            let d = (m % 100) * 2;
            m /= 100;
            i -= 2;
            digits[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
        }
        if m >= 10 {
            i -= 2;
            digits[i..i + 2].copy_from_slice(&PAIRS[m * 2..m * 2 + 2]);
        } else {
            i -= 1;
            digits[i] = b'0' + m as u8;
        }
        // Fixed-length copies for the common lengths: a copy of unknown length calls memcpy.
        match digits.len() - i {
            2 => self.0.extend_from_slice(&digits[18..]),
            3 => self.0.extend_from_slice(&digits[17..]),
            4 => self.0.extend_from_slice(&digits[16..]),
            5 => self.0.extend_from_slice(&digits[15..]),
            _ => self.0.extend_from_slice(&digits[i..]),
        }
    }

    fn opt_usize(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.usize(n),
            None => self.raw("null"),
        }
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    /// A decimal as [`decimal_number`] renders it: canonical digits, or `null` when absent
    /// or too long. The canonical form is always valid JSON number syntax.
    fn decimal(&mut self, d: &Option<Decimal>) {
        match d {
            Some(d) if d.printed_digits() <= MAX_DIGITS => d.write_canonical(self.0),
            _ => self.raw("null"),
        }
    }

    /// Any serialisable value through serde_json itself (the record id, floats).
    fn serde(&mut self, v: &impl Serialize) -> std::io::Result<()> {
        serde_json::to_writer(&mut *self.0, v).map_err(std::io::Error::from)
    }

    /// The fields of a [`SpanOut`], without braces.
    fn span_fields(&mut self, span: Span, text: &str, idx: &OffsetIndex, first: bool) {
        let c = idx.char_span(span);
        self.raw(if first { "\"start\":" } else { ",\"start\":" });
        self.usize(c.start);
        self.raw(",\"end\":");
        self.usize(c.end);
        self.raw(",\"byte_start\":");
        self.usize(span.start);
        self.raw(",\"byte_end\":");
        self.usize(span.end);
        self.raw(",\"text\":");
        self.str(span.slice(text));
    }

    fn opt_span(&mut self, span: Option<Span>, text: &str, idx: &OffsetIndex) {
        match span {
            Some(span) => {
                self.0.push(b'{');
                self.span_fields(span, text, idx, true);
                self.0.push(b'}');
            }
            None => self.raw("null"),
        }
    }

    /// A [`MentionOut`].
    fn mention(&mut self, m: &Mention, text: &str, idx: &OffsetIndex) {
        self.raw("{\"kind\":");
        self.name(m.kind().as_str());
        self.span_fields(m.span, text, idx, false);
        match &m.payload {
            Payload::Figure(f) => {
                self.key("value", false);
                self.decimal(&f.value);
                self.key("low", false);
                self.decimal(&f.low);
                self.key("high", false);
                self.decimal(&f.high);
                self.key("unit", false);
                self.opt_str(f.unit.as_deref());
                self.key("mod", false);
                match f.modifier {
                    Some(x) => self.name(x.as_str()),
                    None => self.raw("null"),
                }
                self.key("subject", false);
                self.opt_span(f.subject, text, idx);
                self.key("checkable", false);
                self.bool(f.is_checkable());
                if let Some(reason) = f.not_checkable {
                    self.key("checkable_reason", false);
                    self.name(reason);
                }
            }
            Payload::Date(t) => {
                self.key("type", false);
                self.name(t.timex_type.as_str());
                self.key("value", false);
                self.str(&t.value);
                self.key("mod", false);
                self.opt_str(t.modifier.as_deref());
                if let Some(q) = &t.quant {
                    self.key("quant", false);
                    self.str(q);
                }
                if let Some(f) = &t.freq {
                    self.key("freq", false);
                    self.str(f);
                }
            }
            Payload::Attribution(a) => {
                self.key("source", false);
                self.opt_span(a.source, text, idx);
                self.key("cue", false);
                self.opt_span(a.cue, text, idx);
                self.key("content", false);
                self.opt_span(a.content, text, idx);
                self.key("direct", false);
                self.bool(a.direct);
                self.key("source_id", false);
                self.opt_usize(a.source_id);
                self.key("source_kind", false);
                self.name(a.source_kind.as_str());
                self.key("source_name", false);
                self.opt_span(a.source_name, text, idx);
                self.key("source_role", false);
                self.opt_span(a.source_role, text, idx);
                if a.by_model {
                    self.key("by_model", false);
                    self.bool(true);
                }
            }
        }
        self.0.push(b'}');
    }

    /// A JSON array of indices.
    fn usizes(&mut self, xs: &[usize]) {
        self.0.push(b'[');
        for (i, &k) in xs.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.usize(k);
        }
        self.0.push(b']');
    }

    /// A [`ClaimOut`].
    fn claim(&mut self, c: &Claim, text: &str, idx: &OffsetIndex) -> std::io::Result<()> {
        self.0.push(b'{');
        self.span_fields(c.span, text, idx, true);
        self.key("type", false);
        self.name(c.claim_type.as_str());
        self.key("worthiness", false);
        self.serde(&round3(c.worthiness))?;
        self.key("features", false);
        self.0.push(b'[');
        for (i, f) in c.features.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.name(f.name);
        }
        self.raw("]");

        self.key("components", false);
        self.usizes(&c.components);
        self.key("uncheckable", false);
        self.usizes(&c.uncheckable);
        self.key("attribution", false);
        self.opt_usize(c.attribution);
        self.key("sourced", false);
        self.bool(c.is_sourced());
        self.key("carried", false);
        self.bool(c.carried);
        self.0.push(b'}');
        Ok(())
    }

    /// An [`AnalysisOut`]. `spill` is handed the buffer after each mention and claim,
    /// and may write out and clear what it holds.
    fn analysis(
        &mut self,
        id: &Value,
        text: &str,
        a: &Analysis,
        idx: &OffsetIndex,
        spill: &mut impl FnMut(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.raw("{\"id\":");
        self.serde(id)?;
        self.key("anchor", false);
        match a.anchor {
            Some(an) => {
                self.raw("{\"kind\":");
                self.name(an.kind.as_str());
                self.key("date", false);
                match an.date {
                    Some(d) => self.str(&d.to_string()),
                    None => self.raw("null"),
                }
                self.0.push(b'}');
            }
            None => self.raw("null"),
        }
        self.key("mentions", false);
        self.0.push(b'[');
        for (i, m) in a.mentions.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.mention(m, text, idx);
            spill(self.0)?;
        }
        self.0.push(b']');
        self.key("claims", false);
        self.0.push(b'[');
        for (i, c) in a.claims.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.claim(c, text, idx)?;
            spill(self.0)?;
        }
        self.0.push(b']');
        self.key("sources", false);
        self.0.push(b'[');
        for (i, s) in a.sources.sources.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.raw("{\"id\":");
            self.usize(i);
            self.key("name", false);
            self.str(&s.name);
            self.key("kind", false);
            self.name(s.kind.as_str());
            self.key("role", false);
            self.opt_str(s.role.as_deref());
            self.key("aliases", false);
            self.0.push(b'[');
            for (j, alias) in s.aliases.iter().enumerate() {
                if j > 0 {
                    self.0.push(b',');
                }
                self.str(alias);
            }
            self.raw("]}");
        }
        self.raw("]}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Metadata};
    use crate::pipeline;
    use proptest::prelude::*;

    /// The hand-written record against the serde-derived rendering of the same structs,
    /// and each mention's store attributes against `serde_json::to_string`.
    fn assert_same_as_serde(id: &Value, text: &str, published: Option<&str>) {
        let doc = Document::from_text(
            "t",
            text.to_string(),
            Metadata {
                published: published.and_then(|d| d.parse().ok()),
                ..Metadata::default()
            },
        );
        let a = pipeline::analyse(&doc);
        let idx = OffsetIndex::new(text);
        let expected = serde_json::to_string(&AnalysisOut::new(id, text, &a, &idx)).unwrap();
        let mut got = Vec::new();
        write_analysis(&mut got, id, text, &a).unwrap();
        assert_eq!(String::from_utf8(got).unwrap(), expected, "{text:?}");
        for m in &a.mentions {
            let expected = serde_json::to_string(&MentionOut::new(m, text, &idx)).unwrap();
            assert_eq!(mention_json_string(m, text, &idx), expected);
        }
    }

    #[test]
    fn records_of_the_seed_article_match_serde() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_same_as_serde(&Value::from("seed"), &text, Some("2025-07-10"));
                assert_same_as_serde(&Value::from(7), &text, None);
                seen += 1;
            }
        }
        assert!(seen > 0);
    }

    /// A writer that keeps the size of each write.
    struct Writes(Vec<u8>, Vec<usize>);

    impl std::io::Write for Writes {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.extend_from_slice(buf);
            self.1.push(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The seed article three times over makes a record of several hundred KB: it goes
    /// out in pieces as it is rendered, none much larger than the spill size, and the
    /// pieces are the record rendered whole.
    #[test]
    fn the_record_of_the_seed_article_tripled_goes_out_in_pieces_byte_for_byte() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "txt"))
            .unwrap();
        let text = std::fs::read_to_string(path).unwrap().repeat(3);
        let doc = Document::from_text("t", text.clone(), Metadata::default());
        let a = pipeline::analyse(&doc);
        let id = Value::from("seed");
        let mut whole = Vec::new();
        render_analysis(&mut whole, &id, &text, &a).unwrap();
        let mut pieces = Writes(Vec::new(), Vec::new());
        write_analysis(&mut pieces, &id, &text, &a).unwrap();
        assert!(whole.len() > 4 * SPILL_BYTES, "{}", whole.len());
        assert_eq!(pieces.0, whole);
        assert!(pieces.1.len() > 4, "{:?}", pieces.1);
        assert!(
            pieces.1.iter().all(|&n| n < 2 * SPILL_BYTES),
            "{:?}",
            pieces.1
        );
    }

    #[test]
    fn records_with_every_payload_and_escape_match_serde() {
        let texts = [
            "Exports rose from $2.3 billion in 2021 to $3.6 billion, about 12 percent; \
             imports fell by 3 percent in the same period.",
            "“We will not back down,” President Ilham Aliyev said on 27 June 2025. \
             He added that 600,000 Azerbaijanis live in Russia.",
            "According to Azerbaijani customs data, between 10 and 15 percent of trade \
             passed through Baku every week in the mid-2000s.",
            "Tabs\there, a \"quoted\" back\\slash, a bell \u{7} and\r\nnew lines; \
             Erdoğan’s 1/2 of ½ the 3.6 bn.",
            "Twice a month for the last 44 days, the ministry said prices were up 0.25%.",
            "Clinton leads with 46 percent, plus or minus 3 points; all three polls agree.",
            "",
        ];
        let id: Value = serde_json::from_str(r#"{"b":[1,2.50,"x\n"],"a":null}"#).unwrap();
        for t in texts {
            assert_same_as_serde(&id, t, Some("2025-07-10"));
            assert_same_as_serde(&Value::Null, t, None);
        }
    }

    #[test]
    fn a_margin_of_plus_or_minus_3_points_is_printed_not_checkable_with_its_reason() {
        let text = "Clinton leads with 46 percent, plus or minus 3 points.";
        let doc = Document::from_text("t", text.to_string(), Metadata::default());
        let a = pipeline::analyse(&doc);
        let v = analysis_json(Value::from("m"), text, &a);
        let figures: Vec<&Value> = v["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == "figure")
            .collect();
        assert_eq!(figures.len(), 2, "{figures:?}");
        assert_eq!(figures[0]["checkable"], true);
        assert!(figures[0].get("checkable_reason").is_none());
        assert_eq!(figures[1]["text"], "plus or minus 3 points");
        assert_eq!(figures[1]["checkable"], false);
        assert_eq!(figures[1]["checkable_reason"], "margin of error");
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for c in 0..=0x7fu8 {
            let s = format!("a{}b\u{e9}{}", char::from(c), char::from(c));
            let mut out = Vec::new();
            JsonBuf(&mut out).str(&s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "byte {c}");
        }
    }

    #[test]
    fn names_written_unescaped_need_no_escaping() {
        use crate::claims::ClaimType;
        use crate::recognize::{AnchorKind, FigureMod, MentionKind, SourceKind, TimexType};
        let names = MentionKind::ALL
            .iter()
            .map(|k| k.as_str())
            .chain(TimexType::ALL.iter().map(|k| k.as_str()))
            .chain(SourceKind::ALL.iter().map(|k| k.as_str()))
            .chain(FigureMod::ALL.iter().map(|k| k.as_str()))
            .chain(ClaimType::ALL.iter().map(|k| k.as_str()))
            .chain(crate::recognize::figures::checkable::REASONS)
            .chain(crate::worthiness::names())
            .chain(
                [
                    AnchorKind::Published,
                    AnchorKind::Inferred,
                    AnchorKind::None,
                ]
                .iter()
                .map(|k| k.as_str()),
            );
        for name in names {
            let mut out = Vec::new();
            JsonBuf(&mut out).name(name);
            assert_eq!(out, serde_json::to_vec(name).unwrap());
        }
    }

    #[test]
    fn counts_print_as_serde_json_prints_them() {
        let mut n = 1usize;
        let mut all = vec![0, usize::MAX];
        while let Some(m) = n.checked_mul(10) {
            all.extend([n - 1, n, n + 1, n + 7]);
            n = m;
        }
        all.extend((0..1000).chain(9990..10010));
        for k in all {
            let mut out = Vec::new();
            JsonBuf(&mut out).usize(k);
            assert_eq!(out, serde_json::to_vec(&k).unwrap(), "{k}");
        }
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in any::<String>()) {
            let mut out = Vec::new();
            JsonBuf(&mut out).str(&s);
            prop_assert_eq!(out, serde_json::to_vec(&s).unwrap());
        }

        #[test]
        fn decimals_print_as_serde_json_numbers(s in "-?[0-9]{0,30}(\\.[0-9]{0,30})?(e-?[0-9]{1,2})?") {
            let d = s.parse::<Decimal>().ok();
            let mut out = Vec::new();
            JsonBuf(&mut out).decimal(&d);
            prop_assert_eq!(out, serde_json::to_vec(&decimal_number(&d)).unwrap());
        }

        #[test]
        fn records_of_any_news_like_text_match_serde(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("said"), Just("According to"), Just("Aliyev"), Just("the minister"),
                    Just("$3.6 billion"), Just("12 percent"), Just("between 10 and 15"),
                    Just("27 June 2025"), Just("last week"), Just("every month"), Just("2020"),
                    Just("“"), Just("”"), Just("\""), Just("."), Just(";"), Just(","),
                    Just("\n"), Just("\t"), Just("\\"), Just("about"), Just("he"), Just("Baku"),
                    Just("would"), Just("rose"), Just("½"), Just("Erdoğan’s"), Just("\u{1}"),
                ],
                0..60,
            )
        ) {
            let text = words.join(" ");
            assert_same_as_serde(&Value::from("p"), &text, Some("2025-07-10"));
        }
    }
}
