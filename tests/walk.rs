//! Walking a corpus through the real binary: link loops end, each file is read once,
//! and `import` walks as `ingest` does.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use common::{bin, seed};

/// A guard against a hang, not a measurement: the walks below take milliseconds.
const HANG: Duration = Duration::from_secs(120);

fn documents(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap()
}

/// The seed article in `d/`, with `d/self -> .` and a loop `d/x/to-y -> d/y`,
/// `d/y/to-x -> d/x`.
fn looped_corpus(root: &Path) -> std::path::PathBuf {
    let d = root.join("d");
    fs::create_dir_all(d.join("x")).unwrap();
    fs::create_dir_all(d.join("y")).unwrap();
    fs::copy(seed().join("000_dcccab2e6cf52972.txt"), d.join("a.txt")).unwrap();
    symlink(".", d.join("self")).unwrap();
    symlink(d.join("y"), d.join("x/to-y")).unwrap();
    symlink(d.join("x"), d.join("y/to-x")).unwrap();
    d
}

#[test]
fn a_self_link_stores_the_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = looped_corpus(dir.path());
    let db = dir.path().join("t.db");
    for extra in [&[][..], &["--follow-links"][..]] {
        bin()
            .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
            .args(extra)
            .arg(&d)
            .timeout(HANG)
            .assert()
            .success()
            .stderr(predicates::str::contains("ingested 1 of 1 file(s)"));
        assert_eq!(documents(&db), 1);
    }
}

#[test]
fn extract_ends_on_a_link_loop() {
    let dir = tempfile::tempdir().unwrap();
    let d = looped_corpus(dir.path());
    for extra in [&[][..], &["--follow-links"][..]] {
        let out = bin()
            .args(["extract", "--format", "jsonl"])
            .args(extra)
            .arg(&d)
            .timeout(HANG)
            .assert()
            .success();
        let lines = String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .count();
        assert_eq!(lines, 1, "{extra:?}");
    }
}

#[test]
fn import_walks_a_looped_directory_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    let ann = dir.path().join("ann");
    fs::create_dir(&ann).unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/000_dcccab2e6cf52972.json"),
        ann.join("seed.json"),
    )
    .unwrap();
    symlink(".", ann.join("self")).unwrap();
    symlink("seed.json", ann.join("again.json")).unwrap();
    bin()
        .args(["--db", db.to_str().unwrap(), "import", "--follow-links"])
        .arg(&ann)
        .timeout(HANG)
        .assert()
        .success()
        .stderr(predicates::str::contains("imported 1 of 1 file(s)"));
}
