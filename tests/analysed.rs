//! Analysed records: extraction on one machine (`extract --with-text`), storing on
//! another (`ingest --analysed`), with the same database as a direct ingest.

mod common;

use std::fs;

use common::bin;
use predicates::prelude::*;

/// Articles ingested directly, and the same articles extracted to analysed records and
/// ingested from them, give identical databases table by table (times of writing aside).
#[test]
fn ingest_of_analysed_records_stores_what_a_direct_ingest_stores() {
    let dir = tempfile::tempdir().unwrap();
    common::articles(&dir.path().join("corpus"), 30);
    let direct = dir.path().join("direct.db");
    bin()
        .current_dir(dir.path())
        .args([
            "--db",
            direct.to_str().unwrap(),
            "ingest",
            "corpus",
            "--quiet",
        ])
        .assert()
        .success();
    let out = bin()
        .current_dir(dir.path())
        .args(["extract", "corpus", "--format", "jsonl", "--with-text"])
        .assert()
        .success();
    let records = dir.path().join("records.jsonl");
    fs::write(&records, &out.get_output().stdout).unwrap();
    // Each record is the contract's record plus the storing fields.
    let first: serde_json::Value = serde_json::from_slice(
        out.get_output()
            .stdout
            .split(|&b| b == b'\n')
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["id"], "corpus/000.txt");
    assert_eq!(first["claimtrace"], env!("CARGO_PKG_VERSION"));
    assert_eq!(first["meta"]["published"], "2025-01-10");
    assert!(first["mentions"].as_array().is_some_and(|m| !m.is_empty()));

    let loaded = dir.path().join("analysed.db");
    bin()
        .current_dir(dir.path())
        .args(["--db", loaded.to_str().unwrap(), "ingest", "--analysed"])
        .arg(&records)
        .args(["--quiet", "--jobs", "3"])
        .assert()
        .success()
        .stderr(predicate::str::contains("ingested 30 of 30 record(s)"));
    let want = common::dump(&direct);
    assert!(want
        .iter()
        .any(|(t, rows)| t == "claims" && rows.len() > 50));
    assert!(common::dump(&loaded) == want, "the databases differ");

    // Again, from standard input: every record is already stored.
    bin()
        .current_dir(dir.path())
        .args([
            "--db",
            loaded.to_str().unwrap(),
            "ingest",
            "--analysed",
            "-",
        ])
        .write_stdin(fs::read(&records).unwrap())
        .assert()
        .success()
        .stderr(predicate::str::contains("<stdin>:30: unchanged"));
    assert!(
        common::dump(&loaded) == want,
        "a second load changed the database"
    );
}

/// A record of another version, or edited after extraction, is refused with one line
/// naming the file and line; nothing of it is stored, and the others are.
#[test]
fn a_bad_record_is_refused_by_file_and_line_and_the_others_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = ["Exports rose 12% in 2024.", "Imports fell by $3 billion."]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::json!({"id": format!("doc-{i}"), "text": text, "date": "2025-06-01"})
                .to_string()
        })
        .collect();
    let out = bin()
        .args(["extract", "--format", "jsonl", "--with-text"])
        .write_stdin(lines.join("\n"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let good: Vec<&str> = stdout.lines().collect();
    assert_eq!(good.len(), 2);
    let mut old: serde_json::Value = serde_json::from_str(good[0]).unwrap();
    old["claimtrace"] = "0.0.1".into();
    let edited = good[1].replace("fell by $3", "fell by $4");
    let records = dir.path().join("r.jsonl");
    fs::write(&records, format!("{}\n{old}\n{edited}\n", good[1])).unwrap();
    let db = dir.path().join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--analysed"])
        .arg(&records)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:2: made by claimtrace \"0.0.1\"",
            records.display()
        )))
        .stderr(predicate::str::contains(format!(
            "{}:3: the text's SHA-256",
            records.display()
        )))
        .stderr(predicate::str::contains("ingested 1 of 3 record(s)"));
    let docs = common::json(&db, &["documents", "--format", "json"]);
    assert_eq!(docs.as_array().map(Vec::len), Some(1), "{docs}");
    // --max-document-size is of the article's text, not of its record.
    let limited = |size: &str| {
        bin()
            .args(["--db", db.to_str().unwrap(), "ingest", "--analysed", "-"])
            .args(["--max-document-size", size])
            .write_stdin(format!("{}\n", good[0]))
            .assert()
    };
    limited("20")
        .code(1)
        .stderr(predicate::str::contains("<stdin>:1: text of 25 bytes"));
    limited("25").success();
}

#[test]
fn with_text_needs_json_lines_output() {
    bin()
        .args(["extract", "--with-text"])
        .write_stdin("Prices rose 3%.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format jsonl"));
}
