//! A fact-checking desk's day on the seed article, through the real binary:
//! ingest, list, review, flag one claim against another, report, and the interactive
//! review under a pseudo-terminal.

mod common;

use std::path::Path;

use common::{bin, json, seed};
use predicates::prelude::*;
use serde_json::Value;

fn ingested() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    (dir, db)
}

fn claim_with(db: &Path, needle: &str) -> Value {
    let found = json(db, &["claims", "--search", needle, "--format", "json"]);
    found
        .as_array()
        .and_then(|a| a.first())
        .cloned()
        .unwrap_or_else(|| panic!("no claim contains {needle:?}"))
}

#[test]
fn a_desks_day_on_the_seed_article() {
    let (_dir, db) = ingested();
    let d = db.to_str().unwrap();

    // List: every claim has an id, a type, a status and a span that fits its text.
    let all = json(&db, &["claims", "--format", "json"]);
    let all = all.as_array().unwrap();
    assert!(all.len() >= 10, "only {} claims", all.len());
    for c in all {
        assert_eq!(c["status"], "unverified");
        let len = c["end"].as_i64().unwrap() - c["start"].as_i64().unwrap();
        assert_eq!(len as usize, c["text"].as_str().unwrap().chars().count());
    }

    let census = claim_with(&db, "600,000 Azerbaijanis");
    let putin = claim_with(&db, "closer to 2 million");
    let (cid, pid) = (
        census["id"].as_i64().unwrap(),
        putin["id"].as_i64().unwrap(),
    );
    assert_ne!(cid, pid);

    // Review: a status change with a note and evidence, then a stale edit is refused.
    bin()
        .args([
            "--db",
            d,
            "review",
            &cid.to_string(),
            "--status",
            "in_review",
        ])
        .args([
            "--note",
            "census tables requested",
            "--evidence",
            "https://example.org/census",
        ])
        .args(["--reviewer", "ana"])
        .assert()
        .success();
    bin()
        .args([
            "--db",
            d,
            "review",
            &cid.to_string(),
            "--status",
            "verified",
            "--if-status",
            "unverified",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is now in_review"));
    let history = json(&db, &["history", &cid.to_string(), "--format", "json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 1, "the stale edit wrote nothing");
    assert_eq!(history[0]["reviewer"], "ana");
    assert_eq!(history[0]["to_status"], "in_review");
    assert_eq!(history[0]["evidence"][0], "https://example.org/census");

    // Flag the census figure against Putin's claim.
    bin()
        .args([
            "--db",
            d,
            "flag",
            &cid.to_string(),
            "--against",
            &pid.to_string(),
        ])
        .args([
            "--reason",
            "census says 600,000; Putin said closer to 2 million",
            "--reviewer",
            "ana",
        ])
        .assert()
        .success();
    let contested = json(&db, &["report", "contested", "--format", "json"]);
    let contested = contested.as_array().unwrap();
    assert_eq!(contested.len(), 1);
    assert_eq!(contested[0]["claim_id"], cid);
    assert_eq!(contested[0]["competing"][0]["claim_id"], pid);
    assert!(contested[0]["reason"].as_str().unwrap().contains("Putin"));

    // Status report: one contested claim, the rest unverified, counts add up.
    let status = json(&db, &["report", "status", "--format", "json"]);
    let overall: Vec<&Value> = status
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["document"] == "all")
        .collect();
    let total: i64 = overall.iter().map(|r| r["count"].as_i64().unwrap()).sum();
    assert_eq!(total as usize, all.len());
    let contested_n: i64 = overall
        .iter()
        .filter(|r| r["status"] == "contested")
        .map(|r| r["count"].as_i64().unwrap())
        .sum();
    assert_eq!(contested_n, 1);

    // Unsourced report: exactly the figures of the unsourced claims.
    let unsourced = json(&db, &["report", "unsourced", "--format", "json"]);
    let reported: Vec<i64> = unsourced
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["claim_id"].as_i64().unwrap())
        .collect();
    assert!(!reported.contains(&cid) && !reported.contains(&pid));
    let listed = json(&db, &["claims", "--unsourced", "--format", "json"]);
    assert!(!listed.as_array().unwrap().is_empty());
    for c in listed.as_array().unwrap() {
        assert!(!c["sourced"].as_bool().unwrap());
        assert!(reported.contains(&c["id"].as_i64().unwrap()));
    }
    let worth: Vec<f64> = unsourced
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["worthiness"].as_f64().unwrap())
        .collect();
    assert!(
        worth.windows(2).all(|w| w[0] >= w[1]),
        "ranked by worthiness"
    );

    // Unflag returns the claim to its status before the flag.
    bin()
        .args([
            "--db",
            d,
            "unflag",
            &cid.to_string(),
            "--note",
            "different base years",
        ])
        .assert()
        .success();
    assert_eq!(
        claim_with(&db, "600,000 Azerbaijanis")["status"],
        "in_review"
    );
    assert!(json(&db, &["report", "contested", "--format", "json"])
        .as_array()
        .unwrap()
        .is_empty());

    // Markdown and CSV reports carry the same rows.
    bin()
        .args(["--db", d, "report", "status", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("doc,status,type,count\n"));
}

#[test]
fn listing_filters_by_source_date_type_and_text() {
    let (_dir, db) = ingested();
    // Fuzzy on the registry: a lower-case surname finds "Vladimir Putin".
    let putin = json(&db, &["claims", "--source", "putin", "--format", "json"]);
    let putin = putin.as_array().unwrap();
    assert!(!putin.is_empty());
    assert!(
        putin.iter().all(|c| c["source"] == "Vladimir Putin"),
        "{putin:?}"
    );
    // Date range: the raid in Yekaterinburg "on 27 June 2025" is in June 2025,
    // the 2006 deportations are not.
    let june = json(
        &db,
        &[
            "claims", "--from", "2025-06", "--to", "2025-06", "--format", "json",
        ],
    );
    let june = june.as_array().unwrap();
    assert!(june
        .iter()
        .any(|c| c["text"].as_str().unwrap().contains("27 June 2025")));
    assert!(june
        .iter()
        .all(|c| !c["text"].as_str().unwrap().contains("November 2006")));
    for c in june {
        let dates: Vec<&str> = c["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == "date")
            .filter_map(|m| m["value"].as_str())
            .filter(|v| v.starts_with(|ch: char| ch.is_ascii_digit()))
            .collect();
        // The claim's dates reach into June 2025: the latest is not before it, the
        // earliest not after it.
        let latest = dates.iter().max().unwrap();
        let earliest = dates.iter().min().unwrap();
        assert!(
            *latest >= "2025-06" && earliest[..7.min(earliest.len())] <= *"2025-06",
            "{c}"
        );
    }
    // Type and text search, with a limit.
    let quotes = json(
        &db,
        &[
            "claims",
            "--type",
            "comparison",
            "--limit",
            "2",
            "--format",
            "json",
        ],
    );
    let quotes = quotes.as_array().unwrap();
    assert!(quotes.len() <= 2 && !quotes.is_empty());
    assert!(quotes.iter().all(|c| c["type"] == "comparison"));
    bin()
        .args(["--db", db.to_str().unwrap(), "claims", "--from", "June"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use YYYY, YYYY-MM or YYYY-MM-DD"));
}

#[test]
fn unknown_claims_and_statuses_write_nothing() {
    let (_dir, db) = ingested();
    let d = db.to_str().unwrap();
    let before = common::counts(&db);
    bin()
        .args(["--db", d, "review", "99999", "--status", "verified"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no claim with id 99999"));
    bin()
        .args(["--db", d, "review", "1", "--status", "true"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "valid statuses: unverified, in_review",
        ));
    bin()
        .args([
            "--db",
            d,
            "flag",
            "1",
            "--reason",
            "x",
            "--against",
            "99999",
        ])
        .assert()
        .code(1);
    assert_eq!(common::counts(&db), before);
}

#[test]
fn interactive_review_refuses_without_a_terminal() {
    let (_dir, db) = ingested();
    bin()
        .args(["--db", db.to_str().unwrap(), "review", "--next"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("claimtrace flag ID"));
}

#[test]
fn two_reviewers_at_once_lose_no_entry() {
    let (_dir, db) = ingested();
    let exe = assert_cmd::cargo::cargo_bin("claimtrace");
    let children: Vec<_> = (0..8)
        .map(|i| {
            std::process::Command::new(&exe)
                .args(["--db", db.to_str().unwrap(), "review", "1", "--note"])
                .arg(format!("note {i}"))
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let h = json(&db, &["history", "1", "--format", "json"]);
    assert_eq!(h.as_array().unwrap().len(), 8);
}

#[test]
fn interactive_review_under_a_pseudo_terminal() {
    let (_dir, db) = ingested();
    let exe = assert_cmd::cargo::cargo_bin("claimtrace");
    let cmd = format!(
        "{} --db {} review --next --reviewer tty-tester",
        exe.display(),
        db.display()
    );
    let mut p = rexpect::spawn(&cmd, Some(20_000)).expect("spawn under a pty");
    p.exp_string("[1/").expect("first claim shown");
    p.exp_string("[q]uit").expect("keys shown");
    p.send("v").expect("send v");
    p.flush().expect("flush");
    p.exp_string("[2/").expect("second claim shown");
    p.exp_string("[q]uit").expect("keys shown");
    p.send("s").expect("send s");
    p.flush().expect("flush");
    p.exp_string("[3/").expect("third claim shown");
    p.exp_string("[q]uit").expect("keys shown");
    p.send("q").expect("send q");
    p.flush().expect("flush");
    p.exp_string("reviewed 1 of").expect("summary");
    p.exp_eof().expect("exits");
    let verified = json(&db, &["claims", "--status", "verified", "--format", "json"]);
    let verified = verified.as_array().unwrap();
    assert_eq!(verified.len(), 1);
    let h = json(
        &db,
        &[
            "history",
            &verified[0]["id"].as_i64().unwrap().to_string(),
            "--format",
            "json",
        ],
    );
    assert_eq!(h[0]["reviewer"], "tty-tester");
}
