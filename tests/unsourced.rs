//! `report unsourced` lists the figures a desk would check and nobody is quoted for;
//! `--all` adds the ones no desk would check, with the reason.

mod common;

use common::{bin, json};
use serde_json::Value;

const ARTICLE: &str =
    "The plan moves along two tracks: exports fell 12% in 2024 and imports rose 5% in 2023.\n";

fn ingested() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&article)
        .assert()
        .success();
    (dir, db)
}

fn figures(rows: &Value) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["figure"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_tracks_is_not_an_unsourced_figure_but_all_shows_why() {
    let (_dir, db) = ingested();
    let checkable = json(&db, &["report", "unsourced", "--format", "json"]);
    assert_eq!(figures(&checkable), ["12%", "5%"], "{checkable}");
    assert!(checkable
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["checkable"] == true));
    let all = json(&db, &["report", "unsourced", "--all", "--format", "json"]);
    assert_eq!(figures(&all), ["two", "12%", "5%"], "{all}");
    assert_eq!(all[0]["checkable"], false);
    assert_eq!(all[0]["checkable_reason"], "small count");
}

#[test]
fn show_says_why_a_figure_is_not_checkable() {
    let (_dir, db) = ingested();
    let found = json(
        &db,
        &["claims", "--search", "two tracks", "--format", "json"],
    );
    let id = found[0]["id"]
        .as_i64()
        .expect("the two tracks claim")
        .to_string();
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "show", &id])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("figure \"two\"") && text.contains("not checkable: small count"),
        "{text}"
    );
}

#[test]
fn extract_keeps_unchecked_figures_out_of_a_claims_components() {
    let out = bin()
        .args(["extract", "--format", "json"])
        .write_stdin("The story runs along two tracks: exports fell 12% in 2024 and imports rose 5% in 2023.")
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let doc = if v.is_array() { &v[0] } else { &v };
    let mentions = doc["mentions"].as_array().unwrap();
    let two = mentions
        .iter()
        .position(|m| m["text"] == "two")
        .expect("the figure two");
    assert_eq!(mentions[two]["checkable"], false);
    let claim = &doc["claims"][0];
    let components: Vec<usize> = claim["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_u64().unwrap() as usize)
        .collect();
    assert!(!components.contains(&two));
    assert!(components.iter().any(|&k| mentions[k]["text"] == "12%"));
    assert_eq!(claim["uncheckable"], serde_json::json!([two]));
}
