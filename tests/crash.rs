//! The fault campaign as a test: ingests and reviews killed (SIGKILL) at random points,
//! with a fixed seed, and after every kill the database is whole: SQLite's integrity
//! and foreign-key checks pass, each document is stored with all its rows or not at
//! all, and each claim's status is the one its review log ends in. Sized for CI.
#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::seed;

/// Rounds of the campaign; each kills an ingest and a review when they are still
/// running at their random moment.
const ROUNDS: usize = 30;
/// Articles added to the corpus before each round, so every ingest has work to do.
const NEW_PER_ROUND: usize = 2;

/// xorshift64*: a fixed sequence, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn spawn(db: &Path, args: &[String]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("claimtrace"))
        .env_remove("CLAIMTRACE_DB")
        .env("CLAIMTRACE_REVIEWER", "desk")
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Kills `child` if it is still running; whether it was.
fn kill(child: &mut Child) -> bool {
    let running = child.try_wait().unwrap().is_none();
    if running {
        child.kill().unwrap();
    }
    child.wait().unwrap();
    running
}

/// Article `i`: the seed article under a line of its own, so each has its own hash.
fn write_article(corpus: &Path, text: &str, i: usize) {
    fs::write(
        corpus.join(format!("{i:03}.txt")),
        format!("Edition {i}: exports rose {i}% in 2024.\n\n{text}"),
    )
    .unwrap();
}

/// Sentences, mentions and claims of each stored document, by content hash.
fn rows_by_hash(conn: &rusqlite::Connection) -> HashMap<String, (i64, i64, i64)> {
    let mut stmt = conn
        .prepare(
            "SELECT d.content_hash,
                    (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),
                    (SELECT count(*) FROM mentions m WHERE m.document_id = d.id),
                    (SELECT count(*) FROM claims c WHERE c.document_id = d.id)
             FROM documents d",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Checks every invariant the campaign protects.
fn check_whole(db: &Path, reference: &HashMap<String, (i64, i64, i64)>, when: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{when}");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "{when}: references to missing rows");
    for (hash, rows) in rows_by_hash(&conn) {
        assert_eq!(
            Some(&rows),
            reference.get(&hash),
            "{when}: document {hash} is stored in part (sentences, mentions, claims)"
        );
    }
    let wrong: Vec<(i64, String, String)> = conn
        .prepare(
            "SELECT c.id, c.status, coalesce((SELECT l.to_status FROM review_log l
                 WHERE l.claim_id = c.id AND l.to_status IS NOT NULL
                 ORDER BY l.id DESC LIMIT 1), 'unverified') AS last
             FROM claims c WHERE c.status <> last",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        wrong.is_empty(),
        "{when}: status is not the last log entry: {wrong:?}"
    );
}

#[test]
fn kill_9_during_ingest_and_review_never_leaves_a_half_written_database() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(seed().join("000_dcccab2e6cf52972.txt")).unwrap();
    let total = ROUNDS * NEW_PER_ROUND;

    // What each document's rows are when nothing is killed.
    let all = dir.path().join("all");
    fs::create_dir(&all).unwrap();
    for i in 0..total {
        write_article(&all, &text, i);
    }
    let reference_db = dir.path().join("reference.db");
    let mut clean = spawn(
        &reference_db,
        &["ingest".into(), "--quiet".into(), all.display().to_string()],
    );
    assert!(clean.wait().unwrap().success());
    let reference = rows_by_hash(&rusqlite::Connection::open(&reference_db).unwrap());
    assert_eq!(reference.len(), total);

    let corpus: PathBuf = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let db = dir.path().join("desk.db");
    // A first article, so reviews have claims from the start.
    write_article(&corpus, &text, 0);
    let mut first = spawn(
        &db,
        &[
            "ingest".into(),
            "--quiet".into(),
            corpus.display().to_string(),
        ],
    );
    assert!(first.wait().unwrap().success());
    let claims: u64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .unwrap();

    let statuses = [
        "in_review",
        "verified",
        "false",
        "misleading",
        "unverifiable",
    ];
    let mut rng = Rng(0x5eed_c1a1_7ace);
    let (mut ingests_killed, mut reviews_killed) = (0, 0);
    for round in 0..ROUNDS {
        for i in (round * NEW_PER_ROUND..(round + 1) * NEW_PER_ROUND).skip(usize::from(round == 0))
        {
            write_article(&corpus, &text, i);
        }
        let mut ingest = spawn(
            &db,
            &[
                "ingest".into(),
                "--quiet".into(),
                corpus.display().to_string(),
            ],
        );
        let mut review = spawn(
            &db,
            &[
                "review".into(),
                (1 + rng.below(claims)).to_string(),
                "--status".into(),
                statuses[rng.below(statuses.len() as u64) as usize].into(),
                "--note".into(),
                format!("round {round}"),
            ],
        );
        // A review is one short process, an ingest of a few articles a longer one.
        let review_at = rng.below(80);
        let ingest_at = rng.below(600);
        let (first_at, second_at) = (review_at.min(ingest_at), review_at.max(ingest_at));
        std::thread::sleep(Duration::from_millis(first_at));
        let (early, late) = if review_at <= ingest_at {
            (&mut review, &mut ingest)
        } else {
            (&mut ingest, &mut review)
        };
        let early_killed = kill(early);
        std::thread::sleep(Duration::from_millis(second_at - first_at));
        let late_killed = kill(late);
        let (review_killed, ingest_killed) = if review_at <= ingest_at {
            (early_killed, late_killed)
        } else {
            (late_killed, early_killed)
        };
        reviews_killed += usize::from(review_killed);
        ingests_killed += usize::from(ingest_killed);
        check_whole(&db, &reference, &format!("after round {round}"));
    }
    // The campaign hit running ingests (each analyses the whole corpus, hundreds of
    // milliseconds), not only finished ones.
    assert!(ingests_killed > 0, "no ingest was killed while running");
    // After the campaign, an ingest finishes the corpus.
    let mut last = spawn(
        &db,
        &[
            "ingest".into(),
            "--quiet".into(),
            corpus.display().to_string(),
        ],
    );
    assert!(last.wait().unwrap().success());
    check_whole(&db, &reference, "at the end");
    let docs: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs as usize, total);
    eprintln!("killed {ingests_killed} ingests and {reviews_killed} reviews while running");
}
