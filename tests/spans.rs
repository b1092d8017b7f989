//! Every span that leaves the process slices the source text back to its stored text,
//! by code points and by bytes: in extract output and in the database.

mod common;

use claimtrace::document::{Document, Metadata};
use claimtrace::output::analysis_json;
use claimtrace::pipeline::analyse;
use proptest::prelude::*;
use serde_json::Value;

/// Checks one `{start, end, byte_start, byte_end, text}` object, and the nested span
/// objects of attributions and figures.
fn check_span(text: &str, chars: &[char], v: &Value) -> Result<(), String> {
    let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
        return Err(format!("no code-point span in {v}"));
    };
    let (s, e) = (s as usize, e as usize);
    if s > e || e > chars.len() {
        return Err(format!(
            "span {s}..{e} outside text of {} chars",
            chars.len()
        ));
    }
    let by_chars: String = chars[s..e].iter().collect();
    let want = v["text"].as_str().unwrap_or_default();
    if by_chars != want {
        return Err(format!(
            "code points {s}..{e} give {by_chars:?}, text is {want:?}"
        ));
    }
    let (bs, be) = (
        v["byte_start"].as_u64().unwrap_or(u64::MAX) as usize,
        v["byte_end"].as_u64().unwrap_or(u64::MAX) as usize,
    );
    if text.get(bs..be) != Some(want) {
        return Err(format!("bytes {bs}..{be} do not give {want:?}"));
    }
    for key in [
        "source",
        "cue",
        "content",
        "subject",
        "source_name",
        "source_role",
    ] {
        if v[key].is_object() {
            check_span(text, chars, &v[key])?;
        }
    }
    Ok(())
}

fn check_all(text: &str) -> Result<usize, String> {
    let doc = Document::from_text("p", text.to_string(), Metadata::default());
    let a = analyse(&doc);
    let json = analysis_json(Value::from("p"), text, &a);
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    for key in ["mentions", "claims"] {
        for m in json[key].as_array().into_iter().flatten() {
            check_span(text, &chars, m)?;
            n += 1;
        }
    }
    Ok(n)
}

/// News-like fragments mixed with combining marks, emoji and right-to-left text.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("about 600,000 Azerbaijanis".to_string()),
        Just("$3.6 billion".to_string()),
        Just("90–95%".to_string()),
        Just("on 27 June 2025".to_string()),
        Just("Putin claimed in 2020 that the figure was closer to 2 million.".to_string()),
        Just("according to Azerbaijani customs data, ".to_string()),
        Just("‘Sadovod’".to_string()),
        Just("e\u{301}\u{302}".to_string()),
        Just("👩‍👩‍👧 🇦🇿".to_string()),
        Just("قال المتحدث إن 40٪".to_string()),
        Just("שלום 12".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

/// The hostile inputs of a fault campaign, at sizes a test run affords: attribution
/// chains with no sentence end, one unbroken line, runs of digits, separators, quotes
/// and periods, control characters and bidirectional overrides.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("he said, she said. ".to_string()),
        Just("he said, ".to_string()),
        Just("according to ".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("9".to_string()),
        Just("1,".to_string()),
        Just("0.".to_string()),
        Just("$".to_string()),
        Just("%".to_string()),
        Just("–".to_string()),
        Just("-".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("2020-".to_string()),
        Just("the 1990s ".to_string()),
        Just("million ".to_string()),
        Just("\u{1b}[2J\u{1b}]0;title\u{7}".to_string()),
        Just("\u{202e}\u{2066}\u{200f}".to_string()),
        Just("\u{85}\u{2028}\u{2029}\r".to_string()),
        Just("\u{0}\u{7f}\u{9f}".to_string()),
        Just("e\u{301}".to_string()),
        "\\PC{0,4}",
    ];
    // A piece repeated: long runs are where quadratic or looping rules show.
    let run = (piece, 1..60usize).prop_map(|(p, n)| p.repeat(n));
    prop::collection::vec(run, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hostile_patterns_never_panic_or_break_spans(text in hostile()) {
        prop_assert!(check_all(&text).is_ok(), "{:?}", check_all(&text));
    }

    #[test]
    fn every_printed_span_slices_back_to_its_text(text in newsy()) {
        prop_assert!(check_all(&text).is_ok(), "{:?}", check_all(&text));
    }

    #[test]
    fn arbitrary_unicode_never_breaks_spans(text in "\\PC{0,300}") {
        prop_assert!(check_all(&text).is_ok(), "{:?}", check_all(&text));
    }
}

/// The campaign's patterns at their smallest sizes, each on its own.
#[test]
fn each_hostile_pattern_alone_keeps_its_spans() {
    for (pattern, n) in [
        ("he said, she said. ", 400),
        ("According to him, ", 300),
        ("9", 5000),
        ("1,", 2000),
        ("“", 1000),
        (".", 3000),
        ("2020-", 500),
        ("\u{1b}[0m", 200),
        ("x", 20000),
    ] {
        let text = pattern.repeat(n);
        assert!(
            check_all(&text).is_ok(),
            "{pattern:?} × {n}: {:?}",
            check_all(&text)
        );
    }
}

#[test]
fn seed_article_spans_slice_back() {
    let text = std::fs::read_to_string(common::seed().join("000_dcccab2e6cf52972.txt")).unwrap();
    let n = check_all(&text).unwrap();
    assert!(n > 10, "only {n} spans in the seed article");
}

/// Stored spans: SQLite's substr counts code points, so it checks the stored offsets. The
/// store leaves out texts that are their document's at those offsets (all of them here),
/// and what commands show is that text.
#[test]
fn every_stored_span_slices_back_to_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let art = dir.path().join("u.txt");
    std::fs::write(
        &art,
        "Baku’s exports 🇦🇿 rose 12% to $3.6 billion in 2024, e\u{301}conomists said.\n\
         שלום: about 600,000 Azerbaijanis lived there on 27 June 2025.\n",
    )
    .unwrap();
    common::bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&art)
        .arg(common::seed())
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    claimtrace::store::register_functions(&conn).unwrap();
    for table in ["mentions", "claims"] {
        let sql = format!(
            "SELECT count(*), sum(substr(inflate(d.text), t.start + 1, t.end - t.start)
                    = CAST(substr(CAST(inflate(d.text) AS BLOB), t.byte_start + 1, t.byte_end - t.byte_start) AS TEXT)),
                    sum(t.text IS NULL)
             FROM {table} t JOIN documents d ON d.id = t.document_id"
        );
        let (n, agree, left_out): (i64, i64, i64) = conn
            .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        assert!(n > 0, "no {table} stored");
        assert_eq!((agree, left_out), (n, n), "{table}");
    }
    let chars_of = |doc: i64, start: &serde_json::Value, end: &serde_json::Value| -> String {
        conn.query_row(
            "SELECT substr(inflate(text), ?2 + 1, ?3 - ?2) FROM documents WHERE id = ?1",
            rusqlite::params![doc, start.as_i64().unwrap(), end.as_i64().unwrap()],
            |r| r.get(0),
        )
        .unwrap()
    };
    let claims = common::json(&db, &["claims", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    assert!(claims.len() > 10);
    for c in claims {
        let doc = c["document_id"].as_i64().unwrap();
        assert_eq!(c["text"], chars_of(doc, &c["start"], &c["end"]).as_str());
        for m in c["components"].as_array().unwrap() {
            assert_eq!(m["text"], chars_of(doc, &m["start"], &m["end"]).as_str());
        }
    }
}
