//! Sidecars, annotation files and dates that are not what they claim to be are refused
//! with their file and line, and nothing of them is stored.

mod common;

use std::fs;
use std::path::Path;

use common::{bin, counts, seed};
use predicates::prelude::*;

fn ingested(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    db
}

#[test]
fn review_times_that_are_no_timestamps_are_refused_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let original = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/000_dcccab2e6cf52972.json"),
    )
    .unwrap();
    let first = "\"at\": \"2026-11-26T04:34:16.024Z\"";
    assert!(original.contains(first));
    let line = original[..original.find(first).unwrap()]
        .matches('\n')
        .count()
        + 1;
    let before = counts(&db);
    for bad in [
        "not a date",
        "9999-12-31T23:59:59Z",
        "2025-07-01",
        "0000-01-01T00:00:00Z",
    ] {
        let file = dir.path().join("bad.json");
        fs::write(
            &file,
            original.replacen(first, &format!("\"at\": \"{bad}\""), 1),
        )
        .unwrap();
        bin()
            .args(["--db", db.to_str().unwrap(), "import"])
            .arg(&file)
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!("bad.json:{line}")))
            .stderr(predicate::str::contains(bad))
            .stderr(predicate::str::contains("nothing was imported"));
        assert_eq!(counts(&db), before, "{bad}");
    }
}

#[test]
fn date_0000_01_01_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    for bad in ["0000-01-01", "9999-12-31"] {
        bin()
            .args([
                "--db",
                db.to_str().unwrap(),
                "ingest",
                "--quiet",
                "--date",
                bad,
            ])
            .arg(seed())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(bad));
        bin()
            .args(["extract", "--date", bad])
            .write_stdin("GDP grew 3% last year.")
            .assert()
            .code(2);
    }
    assert!(!db.exists());
}

#[test]
fn a_meta_json_array_is_refused_by_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "GDP grew 3% in 2024.").unwrap();
    fs::write(
        dir.path().join("a.meta.json"),
        r#"["A title", "An outlet", "https://example.org/a", "en", "2025-07-10", "Ana"]"#,
    )
    .unwrap();
    let db = dir.path().join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&article)
        .assert()
        .failure()
        .stderr(predicate::str::contains("a.meta.json"))
        .stderr(predicate::str::contains("JSON object"));
    assert_eq!(
        counts(&db)
            .into_iter()
            .find(|(t, _)| t == "documents")
            .map_or(0, |(_, n)| n),
        0
    );
}

/// The `meta` of a JSON Lines record for analysed records is a sidecar in another
/// place: `["A title", "An outlet"]` is refused there too, with the line, and the
/// stream goes on.
#[test]
fn a_meta_array_in_a_json_lines_record_is_refused_with_its_line() {
    let input = concat!(
        r#"{"id": "a", "text": "GDP grew 3% in 2024.", "meta": ["A title", "An outlet"]}"#,
        "\n",
        r#"{"id": "b", "text": "GDP grew 3% in 2024.", "meta": {"title": "A title"}}"#,
        "\n"
    );
    let out = bin()
        .args(["extract", "--format", "jsonl", "--with-text"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1 (id \"a\")"))
        .stderr(predicate::str::contains("JSON object"));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains(r#""meta":{"title":"A title"}"#), "{stdout}");
}
