//! Ingest through the real binary: storing, versions, bad input, concurrency.

mod common;

use std::fs;

use common::{bin, counts, seed};
use predicates::prelude::*;

#[test]
fn ingest_seed_then_reingest_is_a_noop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest"])
        .arg(seed())
        .assert()
        .success()
        .stderr(predicate::str::contains("stored as document 1"));
    let before = counts(&db);
    assert!(
        before.iter().any(|(t, n)| t == "claims" && *n > 0),
        "{before:?}"
    );
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest"])
        .arg(seed())
        .assert()
        .success()
        .stderr(predicate::str::contains("unchanged"));
    assert_eq!(counts(&db), before);
    // Without --quiet, the claims of the documents named are printed, stored now or before.
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--format", "csv"])
        .arg(seed())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "id,doc,type,status,worth,source,components,text\n",
        ))
        .stdout(predicate::str::contains("600,000"));
}

#[test]
fn database_comes_from_env_when_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    bin()
        .env("CLAIMTRACE_DB", &db)
        .args(["ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    assert!(db.exists());
    // Default: claimtrace.db in the current directory.
    bin()
        .current_dir(dir.path())
        .args(["ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    assert!(dir.path().join("claimtrace.db").exists());
}

#[test]
fn changed_content_for_the_same_path_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let art = dir.path().join("a.txt");
    fs::write(&art, "The census counted 600,000 Azerbaijanis in 2010.\n").unwrap();
    let run = || {
        bin()
            .args(["--db", db.to_str().unwrap(), "ingest"])
            .arg(&art)
            .assert()
            .success()
    };
    run();
    fs::write(&art, "The census counted 603,000 Azerbaijanis in 2010.\n").unwrap();
    run().stderr(predicate::str::contains("version 2 of document 1"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (versions, current): (i64, i64) = conn
        .query_row("SELECT count(*), sum(is_current) FROM documents", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((versions, current), (2, 1));
}

/// Each bad input: one clear line naming the file, a non-zero exit, an unchanged database.
#[test]
fn bad_inputs_are_refused_and_the_database_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    let before = counts(&db);

    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"Caf\xe9 prices rose 5%.").unwrap();
    let binary = dir.path().join("image.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    let no_articles = dir.path().join("nothing");
    fs::create_dir(&no_articles).unwrap();
    fs::write(no_articles.join("notes.pdf"), "x").unwrap();
    let missing = dir.path().join("missing.txt");

    let cases = [
        (&missing, "missing.txt"),
        (&empty, "empty"),
        (&latin1, "byte offset 3"),
        (&binary, "binary"),
        (&no_articles, "no .txt or .md articles"),
    ];
    for (path, needle) in cases {
        let out = bin()
            .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
            .arg(path)
            .assert()
            .failure();
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(stderr.contains(needle), "{needle}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(counts(&db), before, "{name} changed the database");
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), "Exports rose 12% in 2024.\n").unwrap();
    fs::write(corpus.join("b.txt"), b"bad \xff\xfe bytes").unwrap();
    fs::write(corpus.join("c.md"), "Imports fell by $3.6 billion.\n").unwrap();
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&corpus)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ingested 2 of 3"))
        .stderr(predicate::str::contains("b.txt"));
    let docs = documents(&db);
    assert_eq!(docs, 2);
}

#[test]
fn unwritable_database_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-dir").join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-dir"))
        .stderr(predicate::str::contains("cannot open the database"));
}

#[test]
fn database_from_a_future_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE keep (x); INSERT INTO keep VALUES (1); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("schema version 99"))
        .stderr(predicate::str::contains("upgrade claimtrace"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type='table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((v, tables), (99, 1));
}

#[test]
fn two_ingest_processes_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut dirs = Vec::new();
    for p in 0..2 {
        let d = dir.path().join(format!("part{p}"));
        fs::create_dir(&d).unwrap();
        for i in 0..15 {
            fs::write(
                d.join(format!("{i}.txt")),
                format!("Part {p}, article {i}: turnover rose {i}% to ${p}.{i} billion in 2024.\n"),
            )
            .unwrap();
        }
        dirs.push(d);
    }
    let exe = assert_cmd::cargo::cargo_bin("claimtrace");
    let children: Vec<_> = dirs
        .iter()
        .map(|d| {
            std::process::Command::new(&exe)
                .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
                .arg(d)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let docs = documents(&db);
    assert_eq!(docs, 30);
}

#[test]
fn background_checkpoints_copy_every_committed_page_into_the_database() {
    use claimtrace::document::Document;
    use claimtrace::pipeline;
    use claimtrace::store::Database;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ck.db");
    let mut db = Database::open(&path).unwrap();
    let checkpoints = db
        .background_checkpoints()
        .expect("a file database has a log");
    let article = seed().join("000_dcccab2e6cf52972.txt");
    let doc = Document::load(&article, &Default::default()).unwrap();
    let analysis = pipeline::analyse(&doc);
    db.begin_batch().unwrap();
    db.ingest(&doc, &analysis).unwrap();
    db.commit_batch().unwrap();
    checkpoints.committed();
    db.end_background_checkpoints(checkpoints).unwrap(); // waits for the last checkpoint

    // The database file alone, without its log, already holds the document.
    let alone = dir.path().join("alone.db");
    fs::copy(&path, &alone).unwrap();
    let other = rusqlite::Connection::open(&alone).unwrap();
    let claims: i64 = other
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(claims, analysis.claims.len() as i64);
    assert!(claims > 0);
    // The writer checkpoints on its own again.
    let every: i64 = db
        .connection()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
        .unwrap();
    assert!(every > 0);
}

/// How many documents a database holds.
fn documents(db: &std::path::Path) -> i64 {
    counts(db)
        .into_iter()
        .find(|(t, _)| t == "documents")
        .map_or(0, |(_, n)| n)
}

/// Articles analysed on several threads are stored as one thread stores them: the same
/// ids, rows and messages, in the order of the files.
#[test]
fn ingest_on_four_jobs_stores_what_one_job_stores() {
    let dir = tempfile::tempdir().unwrap();
    common::articles(&dir.path().join("corpus"), 40);
    let mut dumps = Vec::new();
    for jobs in ["1", "4"] {
        let db = dir.path().join(format!("jobs{jobs}.db"));
        let out = bin()
            .current_dir(dir.path())
            .args([
                "--db",
                db.to_str().unwrap(),
                "ingest",
                "corpus",
                "--jobs",
                jobs,
            ])
            .args(["--format", "csv"])
            .assert()
            .success();
        let out = out.get_output();
        dumps.push((common::dump(&db), out.stdout.clone(), out.stderr.clone()));
    }
    let (one, four) = (&dumps[0], &dumps[1]);
    assert!(one
        .0
        .iter()
        .any(|(t, rows)| t == "claims" && rows.len() > 100));
    assert!(String::from_utf8_lossy(&one.2).contains("corpus/039.txt: stored as document 40"));
    assert!(
        one == four,
        "--jobs 4 stored or said something else than --jobs 1"
    );
}

/// `claimtrace ingest corpus/*`: the shell names each article's sidecar beside it; the
/// sidecar is its article's metadata, not an article of its own. A JSON Lines file named
/// alone is records, which go through standard input, and is refused with the way to
/// give them; so is a sidecar named without its article.
#[test]
fn ingest_corpus_star_reads_sidecars_with_their_articles_and_refuses_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let article = dir.path().join("a.txt");
    let sidecar = dir.path().join("a.meta.json");
    fs::write(&article, "Exports rose 12% in 2024, the ministry said.").unwrap();
    fs::write(
        &sidecar,
        r#"{"title": "Exports", "published": "2025-01-02"}"#,
    )
    .unwrap();
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&article)
        .arg(&sidecar)
        .assert()
        .success();
    assert_eq!(documents(&db), 1);
    let listed = bin()
        .args(["--db", db.to_str().unwrap(), "documents"])
        .assert()
        .success();
    let listed = String::from_utf8_lossy(&listed.get_output().stdout).to_string();
    assert!(
        listed.contains("a.txt") && !listed.contains("a.meta.json"),
        "{listed}"
    );
    assert!(listed.contains("Exports"), "{listed}");

    let records = dir.path().join("records.JSONL");
    fs::write(&records, "{\"id\": \"1\", \"text\": \"Prices rose 5%.\"}\n").unwrap();
    for (path, needle) in [
        (&records, "claimtrace ingest --analysed -"),
        (&sidecar, "a.txt"),
    ] {
        for command in ["ingest", "extract"] {
            let out = bin()
                .args(["--db", db.to_str().unwrap(), command])
                .arg(path)
                .assert()
                .code(1);
            let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
            assert!(stderr.contains(needle), "{command} {path:?}: {stderr}");
        }
    }
    assert_eq!(documents(&db), 1);
}
