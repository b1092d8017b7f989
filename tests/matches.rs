//! Claims across articles: relations found on ingest, listed by `matches` and the
//! `report conflicts` / `report repeats` reports, kept current on new versions, built
//! again by `index rebuild`, and acted on with `review --like` (never automatically).

mod common;

use std::path::Path;

use common::{bin, json};

const CENSUS: &str =
    "According to the 2020 census, there were about 600,000 Azerbaijanis living in Russia.\n";
const PUTIN: &str =
    "Vladimir Putin claimed in 2020 that about 2 million Azerbaijanis were living in Russia.\n";
const REPEAT: &str = "The 2020 census counted nearly 610,000 Azerbaijanis living in Russia.\n";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn ingest(db: &Path, file: &Path) -> String {
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(file)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

fn first_claim(db: &Path, doc: i64) -> i64 {
    let claims = json(db, &["claims", "--format", "json"]);
    claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["document_id"].as_i64() == Some(doc))
        .and_then(|c| c["id"].as_i64())
        .expect("a claim of the document")
}

#[test]
fn the_census_and_putins_figure_conflict_and_a_rounded_census_figure_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, &write(dir.path(), "census.txt", CENSUS));
    let said = ingest(&db, &write(dir.path(), "putin.txt", PUTIN));
    assert!(
        said.contains("1 conflicts with a stored claim"),
        "ingest says what it found: {said}"
    );
    let (census, putin) = (first_claim(&db, 1), first_claim(&db, 2));
    let found = json(&db, &["matches", &putin.to_string(), "--format", "json"]);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["relation"], "conflict");
    assert_eq!(found[0]["other_id"].as_i64(), Some(census));
    let reason = found[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("600,000 APPROX") && reason.contains("ratio 3.3"),
        "{reason}"
    );
    // Both sides see it.
    let back = json(&db, &["matches", &census.to_string(), "--format", "json"]);
    assert_eq!(back[0]["other_id"].as_i64(), Some(putin));
    // `show` offers it beside the claim, in words and in JSON.
    let shown = bin()
        .args(["--db", db.to_str().unwrap(), "show", &census.to_string()])
        .assert()
        .success();
    let shown = String::from_utf8_lossy(&shown.get_output().stdout).into_owned();
    assert!(
        shown.contains(&format!(
            "conflict claim {putin} (unverified): same subject"
        )),
        "{shown}"
    );
    let shown = json(&db, &["show", &census.to_string(), "--format", "json"]);
    assert_eq!(shown["related"][0]["relation"], "conflict");
    assert_eq!(shown["related"][0]["claim"].as_i64(), Some(putin));
    let conflicts = json(&db, &["report", "conflicts", "--format", "json"]);
    assert_eq!(conflicts.as_array().unwrap().len(), 1);
    let none = json(
        &db,
        &[
            "report",
            "conflicts",
            "--since",
            "2999-01-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(none.as_array().unwrap().len(), 0);

    // Nothing is rated automatically: the census claim stays unverified.
    bin()
        .args(["--db", db.to_str().unwrap(), "review", &census.to_string()])
        .args(["--status", "false", "--reviewer", "ana"])
        .args(["--evidence", "https://example.org/census"])
        .assert()
        .success();
    let said = ingest(&db, &write(dir.path(), "repeat.txt", REPEAT));
    assert!(
        said.contains("1 claim repeats reviewed claims (1 rated false or misleading)"),
        "{said}"
    );
    let repeat = first_claim(&db, 3);
    assert_eq!(
        json(&db, &["show", &repeat.to_string(), "--format", "jsonl"])["status"],
        "unverified"
    );
    let repeats = json(
        &db,
        &["report", "repeats", "--document", "3", "--format", "json"],
    );
    let r = &repeats.as_array().unwrap()[0];
    assert_eq!(r["other_id"].as_i64(), Some(census));
    assert_eq!(r["other_status"], "false");

    // The desk acts on the suggestion: the verdict, its evidence and its source claim.
    bin()
        .args(["--db", db.to_str().unwrap(), "review", &repeat.to_string()])
        .args(["--like", &census.to_string(), "--reviewer", "ana"])
        .assert()
        .success();
    let history = json(&db, &["history", &repeat.to_string(), "--format", "json"]);
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["to_status"], "false");
    assert_eq!(last["against"].as_i64(), Some(census));
    assert!(last["note"]
        .as_str()
        .unwrap()
        .starts_with(&format!("verdict of claim {census} (repeat: ")));
    assert_eq!(last["evidence"][0], "https://example.org/census");
    // A claim without a verdict has none to copy.
    bin()
        .args(["--db", db.to_str().unwrap(), "review", &census.to_string()])
        .args(["--like", &putin.to_string()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a verdict to copy"));
}

#[test]
fn a_new_version_is_matched_again_and_rebuild_finds_the_same_relations() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, &write(dir.path(), "census.txt", CENSUS));
    let putin = write(dir.path(), "putin.txt", PUTIN);
    ingest(&db, &putin);
    let conflicts = || json(&db, &["report", "conflicts", "--format", "json"]);
    assert_eq!(conflicts().as_array().unwrap().len(), 1);
    // The article is corrected: its figure now agrees with the census.
    std::fs::write(
        &putin,
        "Vladimir Putin claimed in 2020 that about 600,000 Azerbaijanis were living in Russia.\n",
    )
    .unwrap();
    ingest(&db, &putin);
    assert_eq!(conflicts().as_array().unwrap().len(), 0);
    let repeats = json(&db, &["report", "repeats", "--format", "json"]);
    assert_eq!(repeats.as_array().unwrap().len(), 1, "{repeats}");
    bin()
        .args(["--db", db.to_str().unwrap(), "index", "rebuild"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "indexed the claims of 2 document(s)",
        ));
    let again = json(&db, &["report", "repeats", "--format", "json"]);
    let pair = |v: &serde_json::Value| {
        let r = &v[0];
        let mut ids = [r["claim_id"].as_i64(), r["other_id"].as_i64()];
        ids.sort();
        (ids, r["reason"].clone())
    };
    assert_eq!(pair(&again), pair(&repeats));
}

#[test]
fn the_same_article_stored_twice_does_not_repeat_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, &write(dir.path(), "a.txt", CENSUS));
    let said = ingest(&db, &write(dir.path(), "copy.txt", CENSUS));
    assert!(!said.contains("repeat"), "{said}");
    let claim = first_claim(&db, 1);
    let found = json(&db, &["matches", &claim.to_string(), "--format", "json"]);
    assert_eq!(found.as_array().unwrap().len(), 0);
}
