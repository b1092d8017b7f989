//! Analysed records: an article and its analysis on one line of JSON, made where the
//! extraction runs (`claimtrace extract --format jsonl --with-text`) and stored by the
//! desk's database (`claimtrace ingest --analysed`) without analysing it again.
//!
//! A record is the extract contract's record (`id`, `anchor`, `mentions`, `claims`,
//! `sources`, unchanged) followed by what storing needs: `claimtrace` (the version that
//! made it), `schema` (the database schema its rows are for), `key` (the document's
//! identity: its URL, else its path as extract was given it, else the input line's id),
//! `path`, `meta` (the metadata of a sidecar file), `hash` (hex SHA-256 of the text),
//! `text`, and `rows` ([`RowsRecord`]: the columns the contract does not print
//! exactly). Reading one checks the version, the schema and the hash, and every span
//! against the text; it does not trust a record to be what it says, it refuses it.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{self, Document, Metadata};
use crate::pipeline::Analysis;
use crate::recognize::{Anchor, AnchorKind, SourceKind};
use crate::sources::DocSource;
use crate::span::OffsetIndex;
use crate::store::{DocumentRows, RowsRecord, SCHEMA_VERSION};

/// The claimtrace version written into every record, and the only one read back.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The fields after the contract's.
#[derive(Serialize)]
struct Tail<'a> {
    claimtrace: &'a str,
    schema: i64,
    key: &'a str,
    path: Option<String>,
    meta: &'a Metadata,
    hash: &'a str,
    text: &'a str,
    rows: RowsRecord,
}

/// Appends the analysed record of `doc` to `out` (one line, without the newline): the
/// contract's record as `extract --format jsonl` prints it, then the storing fields.
pub fn render_record(
    out: &mut Vec<u8>,
    id: &Value,
    doc: &Document,
    analysis: &Analysis,
) -> std::io::Result<()> {
    crate::output::render_analysis(out, id, &doc.text, analysis)?;
    let tail = Tail {
        claimtrace: VERSION,
        schema: SCHEMA_VERSION,
        key: &doc.key,
        path: doc.path.as_ref().map(|p| p.to_string_lossy().into_owned()),
        meta: &doc.meta,
        hash: doc.hash(),
        text: &doc.text,
        rows: DocumentRows::new(doc, analysis).record(),
    };
    let tail = serde_json::to_vec(&tail)?;
    // `{contract}` + `{tail}` → `{contract,tail}`.
    if out.last() == Some(&b'}') && tail.first() == Some(&b'{') {
        out.pop();
        out.push(b',');
        out.extend_from_slice(&tail[1..]);
    }
    Ok(())
}

/// The fields that say whether a line is a record this version reads.
#[derive(Deserialize)]
struct Header {
    claimtrace: Option<Value>,
    schema: Option<Value>,
}

#[derive(Deserialize)]
struct RecordIn {
    key: String,
    path: Option<String>,
    #[serde(default)]
    meta: Metadata,
    hash: String,
    text: String,
    anchor: Option<AnchorIn>,
    mentions: Vec<Value>,
    claims: Vec<Value>,
    sources: Vec<SourceIn>,
    rows: RowsRecord,
}

#[derive(Deserialize)]
struct AnchorIn {
    kind: String,
    date: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct SourceIn {
    id: usize,
    name: String,
    kind: String,
    role: Option<String>,
    aliases: Vec<String>,
}

/// Reads one analysed record: the document and the rows to store, or what is wrong
/// with it (for a message that names the file and line).
pub fn read_record(line: &[u8]) -> Result<(Document, DocumentRows), String> {
    // The version and schema first, so that a record of another version is refused for
    // that, and not for a field it names otherwise. (Scanning the line for two fields
    // costs a fraction of reading it.)
    let header: Header = serde_json::from_slice(line)
        .map_err(|e| format!("not a JSON object: {e} (column {})", e.column()))?;
    match header.claimtrace {
        Some(Value::String(v)) if v == VERSION => {}
        Some(v) => {
            return Err(format!(
                "made by claimtrace {v}, and this is claimtrace {VERSION}: extract the \
                 articles again with this version (claimtrace extract --format jsonl --with-text)"
            ))
        }
        None => {
            return Err(
                "not an analysed record (no \"claimtrace\" field): make records with \
                 `claimtrace extract --format jsonl --with-text`"
                    .into(),
            )
        }
    }
    match header.schema {
        Some(Value::Number(n)) if n.as_i64() == Some(SCHEMA_VERSION) => {}
        other => {
            return Err(format!(
                "its rows are for database schema {}, and this claimtrace writes schema \
                 {SCHEMA_VERSION}: extract the articles again with this version",
                other.map_or("(none)".to_string(), |v| v.to_string())
            ))
        }
    }
    let record: RecordIn =
        serde_json::from_slice(line).map_err(|e| format!("not an analysed record: {e}"))?;
    let hash = document::content_hash(&record.text);
    if hash != record.hash {
        return Err(format!(
            "the text's SHA-256 is {hash}, not the record's {}: the text was changed after \
             extraction",
            record.hash
        ));
    }
    if let Some(date) = record.meta.published {
        document::check_published(date).map_err(|e| format!("meta.published: {e}"))?;
    }
    let idx = OffsetIndex::new(&record.text);
    for (what, items) in [("mention", &record.mentions), ("claim", &record.claims)] {
        for (i, item) in items.iter().enumerate() {
            check_spans(item, &record.text, &idx).map_err(|e| format!("{what} {i}: {e}"))?;
        }
    }
    for (i, m) in record.rows.mentions.iter().enumerate() {
        let attrs: Value = serde_json::from_str(&m.attrs)
            .map_err(|e| format!("rows.mentions {i}: attrs is not JSON: {e}"))?;
        check_spans(&attrs, &record.text, &idx)
            .and_then(|()| check_stored_spans(&attrs, &idx))
            .map_err(|e| format!("rows.mentions {i}: attrs: {e}"))?;
    }
    // The contract's spans and the rows' are one analysis.
    let span_of = |v: &Value| (v.get("byte_start").cloned(), v.get("byte_end").cloned());
    if record.mentions.len() != record.rows.mentions.len() {
        return Err(format!(
            "{} mentions but {} mention rows",
            record.mentions.len(),
            record.rows.mentions.len()
        ));
    }
    for (i, (m, row)) in record
        .mentions
        .iter()
        .zip(&record.rows.mentions)
        .enumerate()
    {
        if span_of(m) != (Some(row.byte_start.into()), Some(row.byte_end.into()))
            || m.get("kind").and_then(Value::as_str) != Some(row.kind.as_str())
        {
            return Err(format!("mention {i} is not its row (kind or span differ)"));
        }
    }
    if record.claims.len() != record.rows.claims.len() {
        return Err(format!(
            "{} claims but {} claim rows",
            record.claims.len(),
            record.rows.claims.len()
        ));
    }
    for (i, (c, row)) in record.claims.iter().zip(&record.rows.claims).enumerate() {
        if span_of(c) != (Some(row.byte_start.into()), Some(row.byte_end.into())) {
            return Err(format!("claim {i} is not its row (spans differ)"));
        }
    }
    let anchor = match record.anchor {
        None => None,
        Some(a) => Some(Anchor {
            kind: match a.kind.as_str() {
                "published" => AnchorKind::Published,
                "inferred" => AnchorKind::Inferred,
                "none" => AnchorKind::None,
                other => return Err(format!("unknown anchor kind {other:?}")),
            },
            date: a.date,
        }),
    };
    let sources = record
        .sources
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            if s.id != i {
                return Err(format!("source {i} has id {}", s.id));
            }
            Ok(DocSource {
                kind: s
                    .kind
                    .parse::<SourceKind>()
                    .map_err(|e| format!("source {i}: {e}"))?,
                name: s.name,
                role: s.role,
                aliases: s.aliases,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let rows = DocumentRows::from_record(record.rows, &record.text, anchor, sources)
        .map_err(|e| format!("rows: {e}"))?;
    let mut doc = Document::from_text(record.key, record.text, record.meta);
    doc.path = record.path.map(PathBuf::from);
    Ok((doc, rows))
}

/// Checks the spans of a stored mention record (`attrs`: each array field is a span
/// `[start, end]` in code points): inside the text, start before end.
fn check_stored_spans(attrs: &Value, idx: &OffsetIndex) -> Result<(), String> {
    let Value::Object(fields) = attrs else {
        return Err("not a JSON object".into());
    };
    let len = idx.char_len() as u64;
    for (name, v) in fields {
        let Value::Array(ends) = v else { continue };
        match ends.as_slice() {
            [s, e] => match (s.as_u64(), e.as_u64()) {
                (Some(s), Some(e)) if s <= e && e <= len => {}
                _ => {
                    return Err(format!(
                        "{name}: {v} is not a span of the text ({len} code points)"
                    ))
                }
            },
            _ => return Err(format!("{name}: {v} is not a span [start, end]")),
        }
    }
    Ok(())
}

/// Checks every span object inside `v` (one with `byte_start` and `byte_end`): on
/// character boundaries of the text, its code-point offsets (`start`, `end`) those of
/// its bytes, its `text` the text at those bytes.
fn check_spans(v: &Value, text: &str, idx: &OffsetIndex) -> Result<(), String> {
    match v {
        Value::Object(map) => {
            if let (Some(bs), Some(be)) = (map.get("byte_start"), map.get("byte_end")) {
                let (Some(bs), Some(be)) = (bs.as_u64(), be.as_u64()) else {
                    return Err("byte offsets are not numbers".into());
                };
                let (bs, be) = (bs as usize, be as usize);
                if crate::span::Span::of_text(text, bs, be).is_none() {
                    return Err(format!(
                        "bytes {bs}..{be} are not a span of the text ({} bytes)",
                        text.len()
                    ));
                }
                let (cs, ce) = (idx.to_char(bs), idx.to_char(be));
                for (field, want) in [("start", cs), ("end", ce)] {
                    if let Some(got) = map.get(field) {
                        if got.as_u64() != Some(want as u64) {
                            return Err(format!(
                                "code points {field} {got} disagree with bytes {bs}..{be} \
                                 (code points {cs}..{ce})"
                            ));
                        }
                    }
                }
                if let Some(got) = map.get("text") {
                    if got.as_str() != Some(&text[bs..be]) {
                        return Err(format!(
                            "text {got} is not the text at bytes {bs}..{be} ({:?})",
                            &text[bs..be]
                        ));
                    }
                }
            }
            map.values().try_for_each(|v| check_spans(v, text, idx))
        }
        Value::Array(items) => items.iter().try_for_each(|v| check_spans(v, text, idx)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_of(text: &str) -> Vec<u8> {
        let meta = Metadata {
            published: NaiveDate::from_ymd_opt(2025, 7, 1),
            ..Metadata::default()
        };
        let doc = Document::from_text("k", text.to_string(), meta);
        let mut out = Vec::new();
        render_record(
            &mut out,
            &Value::from("a"),
            &doc,
            &crate::pipeline::analyse(&doc),
        )
        .unwrap();
        out
    }

    const ARTICLE: &str = "Exports rose 12% to €3.4 billion in June, the minister said.";

    #[test]
    fn a_record_reads_back_as_the_document_it_was_made_from() {
        let (doc, _) = read_record(&record_of(ARTICLE)).unwrap();
        assert_eq!(doc.text, ARTICLE);
        assert_eq!(doc.key, "k");
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2025, 7, 1));
    }

    #[test]
    fn a_record_whose_text_was_edited_is_refused_by_its_hash() {
        let line = String::from_utf8(record_of(ARTICLE)).unwrap();
        let edited = line.replace("rose 12%", "rose 15%");
        let err = read_record(edited.as_bytes()).unwrap_err();
        assert!(err.contains("SHA-256"), "{err}");
    }

    #[test]
    fn a_span_that_does_not_slice_to_its_text_is_refused() {
        let mut v: Value = serde_json::from_slice(&record_of(ARTICLE)).unwrap();
        v["mentions"][0]["text"] = Value::from("13%");
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(err.starts_with("mention 0: text \"13%\""), "{err}");
        // Code points that disagree with the bytes (the € is 3 bytes, 1 code point).
        let mut v: Value = serde_json::from_slice(&record_of(ARTICLE)).unwrap();
        let i = v["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .position(|m| m["text"].as_str().unwrap_or("").contains('€'))
            .unwrap();
        let bytes = v["mentions"][i]["byte_end"].clone();
        v["mentions"][i]["end"] = bytes;
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(err.contains("code points end"), "{err}");
        // A row that points between the bytes of a character.
        let mut v: Value = serde_json::from_slice(&record_of(ARTICLE)).unwrap();
        let euro = ARTICLE.find('€').unwrap();
        v["rows"]["sentences"][0][2] = Value::from(euro + 1);
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(err.contains("not a span of the text"), "{err}");
        // A stored record's span (code points only) that runs past the text.
        let mut v: Value = serde_json::from_slice(&record_of(ARTICLE)).unwrap();
        let rows = v["rows"]["mentions"].as_array_mut().unwrap();
        let said = rows
            .iter_mut()
            .find(|m| m["kind"] == "attribution")
            .unwrap();
        // The source span is `s` (see src/store/rows.rs).
        let mut attrs: Value = serde_json::from_str(said["attrs"].as_str().unwrap()).unwrap();
        attrs["s"][1] = Value::from(ARTICLE.chars().count() + 1);
        said["attrs"] = Value::from(attrs.to_string());
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(
            err.contains("rows.mentions") && err.contains("code points"),
            "{err}"
        );
        // A mention filed under a sentence that does not hold it.
        let two = "Exports rose 12% in June. Imports fell 3% in May.";
        let mut v: Value = serde_json::from_slice(&record_of(two)).unwrap();
        let last = v["rows"]["mentions"].as_array().unwrap().len() - 1;
        v["rows"]["mentions"][last]["sentence"] = Value::from(0);
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(err.contains("does not hold its start"), "{err}");
    }

    /// Every number of a record replaced by 0 and by a huge one, one at a time, and the
    /// record cut short: each is refused or read and stored, never a panic.
    #[test]
    fn a_record_with_any_number_changed_is_refused_or_stored_without_a_panic() {
        let line = String::from_utf8(record_of(
            "Sales fell 2% to €3.4 billion on 3 May 2025, the minister said. Up 5%.",
        ))
        .unwrap();
        let mut db = crate::store::Database::in_memory().unwrap();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            for with in ["0", "18446744073709551615", "4000000000"] {
                let changed = format!("{}{with}{}", &line[..i], &line[end..]);
                if let Ok((doc, rows)) = read_record(changed.as_bytes()) {
                    let _ = db.ingest_rows(&doc, &rows);
                }
            }
            i = end;
        }
        for cut in (0..line.len()).step_by(7) {
            assert!(read_record(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn a_record_of_another_version_or_schema_is_refused() {
        let mut v: Value = serde_json::from_slice(&record_of(ARTICLE)).unwrap();
        v["claimtrace"] = Value::from("0.0.1");
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(err.starts_with("made by claimtrace \"0.0.1\""), "{err}");
        let mut v: Value = serde_json::from_slice(&record_of(ARTICLE)).unwrap();
        v["schema"] = Value::from(SCHEMA_VERSION + 1);
        let err = read_record(v.to_string().as_bytes()).unwrap_err();
        assert!(err.contains("schema"), "{err}");
        // A plain extract record is not an analysed one.
        let doc = Document::from_text("k", ARTICLE.to_string(), Metadata::default());
        let mut plain = Vec::new();
        crate::output::render_analysis(
            &mut plain,
            &Value::from("a"),
            ARTICLE,
            &crate::pipeline::analyse(&doc),
        )
        .unwrap();
        let err = read_record(&plain).unwrap_err();
        assert!(err.contains("--with-text"), "{err}");
    }
}
