//! Several processes on one database: creating it at once, and a review while a long
//! ingest runs. Sized for CI: seconds, not minutes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::seed;

fn exe() -> PathBuf {
    assert_cmd::cargo::cargo_bin("claimtrace")
}

fn spawn(db: &Path, args: &[&str]) -> Child {
    Command::new(exe())
        .env_remove("CLAIMTRACE_DB")
        .env("CLAIMTRACE_REVIEWER", "desk")
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn succeeds(child: Child, what: &str) {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn query(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// `n` short articles in `dir/name/`, each unlike the others.
fn articles(dir: &Path, name: &str, n: usize) -> PathBuf {
    let d = dir.join(name);
    fs::create_dir(&d).unwrap();
    for i in 0..n {
        fs::write(
            d.join(format!("{i}.txt")),
            format!("{name} {i}: exports rose {i}% to ${i}.5 billion in 2024, officials said.\n"),
        )
        .unwrap();
    }
    d
}

#[test]
fn writers_racing_to_create_a_new_database_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<PathBuf> = (0..3)
        .map(|p| articles(dir.path(), &format!("part{p}"), 3))
        .collect();
    for round in 0..8 {
        let db = dir.path().join(format!("new{round}.db"));
        let children: Vec<Child> = parts
            .iter()
            .map(|p| spawn(&db, &["ingest", "--quiet", p.to_str().unwrap()]))
            .collect();
        for c in children {
            succeeds(c, "ingest into a new database");
        }
        assert_eq!(query(&db, "SELECT count(*) FROM documents"), 9);
    }
}

#[test]
fn writers_on_an_existing_database_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    succeeds(
        spawn(&db, &["ingest", "--quiet", seed().to_str().unwrap()]),
        "first ingest",
    );
    let parts: Vec<PathBuf> = (0..2)
        .map(|p| articles(dir.path(), &format!("more{p}"), 20))
        .collect();
    let mut children: Vec<Child> = parts
        .iter()
        .map(|p| spawn(&db, &["ingest", "--quiet", p.to_str().unwrap()]))
        .collect();
    for claim in 1..=6 {
        children.push(spawn(
            &db,
            &["review", &claim.to_string(), "--status", "in_review"],
        ));
    }
    for c in children {
        succeeds(c, "a writer");
    }
    assert_eq!(query(&db, "SELECT count(*) FROM documents"), 41);
    assert_eq!(
        query(
            &db,
            "SELECT count(*) FROM claims WHERE status = 'in_review'"
        ),
        6
    );
}

#[test]
fn a_review_gets_in_between_the_batches_of_a_long_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    succeeds(
        spawn(&db, &["ingest", "--quiet", seed().to_str().unwrap()]),
        "first ingest",
    );
    // A corpus that takes a debug build several seconds: many batches.
    let big = dir.path().join("big");
    fs::create_dir(&big).unwrap();
    let text = fs::read_to_string(seed().join("000_dcccab2e6cf52972.txt")).unwrap();
    for i in 0..150 {
        fs::write(
            big.join(format!("{i:03}.txt")),
            format!("Edition {i}.\n\n{text}"),
        )
        .unwrap();
    }
    let ingest = spawn(&db, &["ingest", "--quiet", big.to_str().unwrap()]);
    // Once the ingest has committed its first batch, it holds the write lock most of
    // the time from then on.
    while query(&db, "SELECT count(*) FROM documents") < 2 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    for (claim, status) in [(1, "in_review"), (2, "false"), (1, "verified")] {
        succeeds(
            spawn(&db, &["review", &claim.to_string(), "--status", status]),
            "review during the ingest",
        );
    }
    succeeds(ingest, "the long ingest");
    assert_eq!(query(&db, "SELECT count(*) FROM documents"), 151);
    // The reviews were written between the ingest's batches, not after it: documents
    // were still being stored after the last review.
    let after = query(
        &db,
        "SELECT count(*) FROM documents
         WHERE ingested_at > (SELECT max(at) FROM review_log)",
    );
    assert!(after > 0, "every review waited for the whole ingest");
    assert_eq!(
        query(
            &db,
            "SELECT count(*) FROM claims WHERE id IN (1, 2) AND status IN ('verified', 'false')"
        ),
        2
    );
}

/// "A long ingest starves other writers": a writer whose batches each hold the write
/// lock for a long time and follow one another back to back, as an ingest's do when
/// its analysis threads keep up, and a review on a second connection. The review gets
/// in between two batches, not after the last one: after a commit the batch writer
/// leaves the lock to a writer that waits for it.
#[test]
fn a_review_gets_in_between_long_batches_that_follow_back_to_back() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    use claimtrace::document::{Document, Metadata};
    use claimtrace::pipeline;
    use claimtrace::review::ClaimStatus;
    use claimtrace::store::{Database, ReviewRequest};

    const BATCHES: usize = 20;
    // Longer than the writer's pause interval, so every commit may pause.
    const HELD: Duration = Duration::from_millis(300);

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let article = |i: usize| {
        let doc = Document::from_text(
            format!("edition-{i}"),
            format!("Edition {i}: exports rose {i}% to ${i}.5 billion in 2024, officials said.\n"),
            Metadata::default(),
        );
        let analysis = pipeline::analyse(&doc);
        (doc, analysis)
    };
    let mut writer = Database::open(&db).unwrap();
    let text = fs::read_to_string(seed().join("000_dcccab2e6cf52972.txt")).unwrap();
    let first = Document::from_text("seed", text, Metadata::default());
    writer.ingest(&first, &pipeline::analyse(&first)).unwrap();
    let mut reviewer = writer.open_again().unwrap();
    // Everything the writer stores is analysed before its first batch: between two
    // batches it only commits and begins again.
    let editions: Vec<_> = (1..=BATCHES).map(article).collect();
    let committed = Arc::new(AtomicUsize::new(0));
    let reviewed = Arc::new(AtomicBool::new(false));
    let ingest = {
        let (committed, reviewed) = (Arc::clone(&committed), Arc::clone(&reviewed));
        std::thread::spawn(move || {
            for (doc, analysis) in &editions {
                if reviewed.load(Ordering::SeqCst) {
                    break;
                }
                writer.begin_batch().unwrap();
                writer.ingest(doc, analysis).unwrap();
                std::thread::sleep(HELD);
                writer.commit_batch().unwrap();
                committed.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    // The review starts while the writer holds its first batch open.
    std::thread::sleep(HELD / 3);
    reviewer
        .review(
            1,
            &ReviewRequest {
                status: ClaimStatus::InReview,
                note: None,
                evidence: Vec::new(),
                reviewer: "desk".into(),
                expected: None,
            },
        )
        .unwrap();
    let waited = committed.load(Ordering::SeqCst);
    reviewed.store(true, Ordering::SeqCst);
    ingest.join().unwrap();
    // It came during the first batch and is in at its commit (or, at worst, the next
    // one's): not after all of them, as when the writer begins its next batch at once.
    assert!(
        waited <= 2,
        "the review waited for {waited} of {BATCHES} batches"
    );
}
