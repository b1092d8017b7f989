//! Re-anchoring through the real binary: a reviewed claim follows its article through
//! edits, keeps its id and review log, and becomes an orphan when its sentence is gone.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{bin, json};
use serde_json::Value;

use claimtrace::store::Database;

const P1: &str = "Moscow and Baku traded accusations after the crash.";
const CENSUS: &str =
    "According to the 2010 census, there were about 600,000 Azerbaijanis living in Russia.";
const PUTIN: &str = "However, Putin claimed in 2020 that the figure was closer to 2 million.";
const P3: &str = "Talks resumed in Washington on 8 August 2025.";

fn p2() -> String {
    format!("{CENSUS} {PUTIN}")
}

fn article(paragraphs: &[&str]) -> String {
    let mut s = paragraphs.join("\n");
    s.push('\n');
    s
}

struct Desk {
    _dir: tempfile::TempDir,
    db: PathBuf,
    file: PathBuf,
    census: i64,
}

impl Desk {
    /// The article ingested, with the census claim reviewed and noted.
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        let file = dir.path().join("article.txt");
        fs::write(&file, article(&[P1, &p2(), P3])).unwrap();
        let desk = Desk {
            census: 0,
            db,
            file,
            _dir: dir,
        };
        desk.ingest();
        let census = desk.claims_with("600,000")[0]["id"].as_i64().unwrap();
        bin()
            .args([
                "--db",
                desk.db.to_str().unwrap(),
                "review",
                &census.to_string(),
            ])
            .args(["--status", "contested", "--note", "Putin says 2 million"])
            .args(["--reviewer", "ana"])
            .assert()
            .success();
        Desk { census, ..desk }
    }

    fn ingest(&self) {
        bin()
            .args(["--db", self.db.to_str().unwrap(), "ingest", "--quiet"])
            .arg(&self.file)
            .assert()
            .success();
    }

    fn edit(&self, text: String) {
        fs::write(&self.file, text).unwrap();
        self.ingest();
    }

    fn claims_with(&self, needle: &str) -> Vec<Value> {
        json(
            &self.db,
            &["claims", "--search", needle, "--format", "json"],
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
    }

    fn history(&self) -> Vec<Value> {
        json(
            &self.db,
            &["history", &self.census.to_string(), "--format", "json"],
        )
        .as_array()
        .cloned()
        .unwrap()
    }

    /// The census claim kept its first review; the last entry is `action`.
    fn assert_history_ends_with(&self, action: &str, note_has: &str) {
        let h = self.history();
        assert_eq!(h[0]["action"], "review");
        assert_eq!(h[0]["reviewer"], "ana");
        let last = h.last().unwrap();
        assert_eq!(last["action"], action, "{h:?}");
        assert!(
            last["note"].as_str().unwrap().contains(note_has),
            "{last:?}"
        );
    }
}

fn chars_before(text: &str, needle: &str) -> i64 {
    text[..text.find(needle).unwrap()].chars().count() as i64
}

#[test]
fn paragraph_inserted_before_the_census_moves_it_by_exact_quote() {
    let d = Desk::new();
    let new = article(&[P1, "Editor’s note: this article was updated.", &p2(), P3]);
    d.edit(new.clone());
    let found = d.claims_with("600,000");
    assert_eq!(found.len(), 1, "the fresh duplicate was merged: {found:?}");
    let c = &found[0];
    assert_eq!(c["id"].as_i64(), Some(d.census));
    assert_eq!(c["status"], "contested");
    assert_eq!(c["start"].as_i64(), Some(chars_before(&new, "According")));
    assert!(c["components"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["text"] == "600,000"));
    d.assert_history_ends_with("reanchor", "exact quote");
}

#[test]
fn word_changed_inside_the_census_sentence_moves_it_by_fuzzy_match() {
    let d = Desk::new();
    let changed = CENSUS.replace("living in", "residing in");
    d.edit(article(&[P1, &format!("{changed} {PUTIN}"), P3]));
    let c = &d.claims_with("600,000")[0];
    assert_eq!(c["id"].as_i64(), Some(d.census));
    assert!(c["text"].as_str().unwrap().contains("residing in Russia"));
    // The contest was about other words: it waits for a person again.
    assert_eq!(c["status"], "needs_recheck");
    assert_eq!(d.claims_with("600,000").len(), 1);
    d.assert_history_ends_with("reanchor", "fuzzy");
    let h = d.history();
    assert_eq!(h.last().unwrap()["from_status"], "contested");
    assert!(h[0]["reviewed"]["text"]
        .as_str()
        .unwrap()
        .contains("living in Russia"));
}

#[test]
fn deleted_census_sentence_leaves_an_orphan_with_its_history() {
    let d = Desk::new();
    d.edit(article(&[P1, PUTIN, P3]));
    assert!(
        d.claims_with("600,000").is_empty(),
        "orphans are not listed"
    );
    let orphans = Database::open(&d.db).unwrap().orphans().unwrap();
    assert_eq!(orphans.len(), 1, "{orphans:?}");
    assert_eq!(orphans[0].id, d.census);
    assert_eq!(orphans[0].status, "contested");
    assert!(orphans[0].text.contains("600,000"));
    d.assert_history_ends_with("orphan", "no place in version 2");
    // The desk sees it in `report orphans`.
    let report = json(&d.db, &["report", "orphans", "--format", "json"]);
    assert_eq!(report.as_array().map(Vec::len), Some(1));
    assert_eq!(report[0]["id"].as_i64(), Some(d.census));
    assert!(report[0]["note"].as_str().unwrap().contains("no place"));
    // Putin's claim did not take the census claim's place.
    let putin = d.claims_with("closer to 2 million");
    assert_eq!(putin.len(), 1);
    assert_ne!(putin[0]["id"].as_i64(), Some(d.census));
}

#[test]
fn duplicated_paragraph_keeps_the_review_on_the_first_copy_only() {
    let d = Desk::new();
    let new = article(&[P1, &p2(), &p2(), P3]);
    d.edit(new.clone());
    let copies = d.claims_with("600,000");
    assert_eq!(copies.len(), 2, "{copies:?}");
    let first = chars_before(&new, "According");
    let reviewed: Vec<&Value> = copies.iter().filter(|c| c["id"] == d.census).collect();
    assert_eq!(reviewed.len(), 1);
    assert_eq!(reviewed[0]["start"].as_i64(), Some(first));
    let other = copies.iter().find(|c| c["id"] != d.census).unwrap();
    assert_eq!(other["status"], "unverified");
    let h = json(
        &d.db,
        &["history", &other["id"].to_string(), "--format", "json"],
    );
    assert_eq!(
        h.as_array().map(Vec::len),
        Some(0),
        "the copy has no history"
    );
    d.assert_history_ends_with("reanchor", "position");
}

#[test]
fn orphan_survives_export_and_import_of_annotations() {
    let d = Desk::new();
    d.edit(article(&[P1, PUTIN, P3]));
    let dir = d.db.parent().unwrap().join("ann");
    bin()
        .args(["--db", d.db.to_str().unwrap(), "export", "--annotations"])
        .arg(&dir)
        .assert()
        .success();
    let file = fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
    let v: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let orphan = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["anchor_state"] == "orphan")
        .expect("the orphan is in the file");
    assert_eq!(orphan["selector"]["exact"], CENSUS);
    // The quote's context is that of the version it was last seen in.
    let prefix = orphan["selector"]["prefix"].as_str().unwrap();
    assert!(prefix.ends_with("after the crash.\n"), "{prefix:?}");
    assert_eq!(prefix.chars().count(), 32);

    let fresh = d.db.parent().unwrap().join("fresh.db");
    bin()
        .args(["--db", fresh.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&d.file)
        .assert()
        .success();
    bin()
        .args(["--db", fresh.to_str().unwrap(), "import"])
        .arg(&dir)
        .assert()
        .success();
    let orphans = Database::open(&fresh).unwrap().orphans().unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].text, CENSUS);
    let again = d.db.parent().unwrap().join("again");
    bin()
        .args(["--db", fresh.to_str().unwrap(), "export", "--annotations"])
        .arg(&again)
        .assert()
        .success();
    let name = file.file_name().unwrap();
    assert_eq!(
        fs::read(&file).unwrap(),
        fs::read(again.join(name)).unwrap(),
        "orphans round-trip byte for byte"
    );
}

#[test]
fn annotations_of_version_1_follow_the_article_into_version_2_in_a_fresh_database() {
    let d = Desk::new();
    let dir = d.db.parent().unwrap().join("ann");
    bin()
        .args(["--db", d.db.to_str().unwrap(), "export", "--annotations"])
        .arg(&dir)
        .assert()
        .success();
    let v1 = fs::read_to_string(&d.file).unwrap();
    let v2 = article(&[P1, "Editor’s note: updated.", &p2(), P3]);
    fs::write(&d.file, &v2).unwrap();

    // A database that only knows version 2 refuses the version-1 annotations and says why.
    let only_v2 = d.db.parent().unwrap().join("v2.db");
    let db2 = only_v2.to_str().unwrap();
    bin()
        .args(["--db", db2, "ingest", "--quiet"])
        .arg(&d.file)
        .assert()
        .success();
    bin()
        .args(["--db", db2, "import"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "ingest the version these annotations were made on",
        ));

    // Version 1, then the annotations, then version 2: the review moves with the claim.
    let fresh = d.db.parent().unwrap().join("fresh.db");
    let f = fresh.to_str().unwrap();
    fs::write(&d.file, &v1).unwrap();
    bin()
        .args(["--db", f, "ingest", "--quiet"])
        .arg(&d.file)
        .assert()
        .success();
    bin()
        .args(["--db", f, "import"])
        .arg(&dir)
        .assert()
        .success();
    fs::write(&d.file, &v2).unwrap();
    bin()
        .args(["--db", f, "ingest", "--quiet"])
        .arg(&d.file)
        .assert()
        .success();
    let census = json(
        &fresh,
        &["claims", "--search", "600,000", "--format", "json"],
    );
    let census = &census[0];
    assert_eq!(census["status"], "contested");
    assert_eq!(
        census["start"].as_i64(),
        Some(chars_before(&v2, "According"))
    );
    let h = json(
        &fresh,
        &["history", &census["id"].to_string(), "--format", "json"],
    );
    let actions: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.first(), Some(&"review"));
    assert_eq!(actions.last(), Some(&"reanchor"));
    assert_eq!(h[0]["reviewer"], "ana");
}

// --- property: nothing is dropped, nothing lands on the wrong text ---------------------

mod invariants {
    use claimtrace::document::{Document, Metadata};
    use claimtrace::pipeline;
    use claimtrace::review::ClaimStatus;
    use claimtrace::store::{Database, ReviewRequest};
    use proptest::prelude::*;

    const LINES: &[&str] = &[
        "According to the 2010 census, there were about 600,000 Azerbaijanis living in Russia.",
        "However, Putin claimed in 2020 that the figure was closer to 2 million.",
        "The 44-day war ended on 10 November 2020.",
        "Trade grew by 12% in 2024; exports fell by 3% in 2025.",
        "Baku’s ‘Russian House’ closed on 3 February 2025.",
        "Talks resumed in Washington on 8 August 2025.",
    ];

    #[derive(Debug, Clone)]
    enum Edit {
        Insert(usize, String),
        Delete(usize),
        Duplicate(usize),
        ChangeWord(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), "[A-Za-z ,’é]{1,40}\\.").prop_map(|(i, s)| Edit::Insert(i, s)),
            any::<usize>().prop_map(Edit::Delete),
            any::<usize>().prop_map(Edit::Duplicate),
            any::<usize>().prop_map(Edit::ChangeWord),
        ]
    }

    fn apply(lines: &mut Vec<String>, e: &Edit) {
        let n = lines.len().max(1);
        match e {
            Edit::Insert(i, s) => lines.insert(i % (lines.len() + 1), s.clone()),
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::ChangeWord(i) if !lines.is_empty() => {
                let l = &mut lines[i % n];
                *l = l.replacen(" the ", " a ", 1);
            }
            _ => {}
        }
    }

    fn doc(lines: &[String]) -> Document {
        Document::from_text("article.txt", lines.join("\n") + "\n", Metadata::default())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn every_claim_survives_an_edit_anchored_on_its_text_or_orphaned(
            order in proptest::collection::vec(0usize..6, 1..6),
            edits in proptest::collection::vec(edit(), 1..4),
        ) {
            let mut lines: Vec<String> = order.iter().map(|&i| LINES[i].to_string()).collect();
            let mut db = Database::in_memory().unwrap();
            let v1 = doc(&lines);
            db.ingest(&v1, &pipeline::analyse(&v1)).unwrap();
            let ids: Vec<i64> = db.list_claims(&Default::default()).unwrap().iter().map(|c| c.id).collect();
            for &id in &ids {
                db.review(id, &ReviewRequest {
                    status: ClaimStatus::InReview, note: Some("checking".into()), evidence: vec![],
                    reviewer: "ana".into(), expected: None,
                }).unwrap();
            }
            for e in &edits {
                apply(&mut lines, e);
            }
            let v2 = doc(&lines);
            prop_assume!(v2.hash() != v1.hash());
            db.ingest(&v2, &pipeline::analyse(&v2)).unwrap();
            let all = db.list_claims(&claimtrace::store::ClaimFilter {
                include_orphans: true,
                ..Default::default()
            }).unwrap();
            let text = &v2.text;
            let mut spans = std::collections::HashSet::new();
            for &id in &ids {
                let c = all.iter().find(|c| c.id == id);
                prop_assert!(c.is_some(), "claim {id} was dropped");
                let c = c.unwrap();
                prop_assert_eq!(&c.status, "in_review");
                let h = db.history(id).unwrap();
                prop_assert_eq!(&h[0].action, "review");
                prop_assert!(["reanchor", "orphan"].contains(&h.last().unwrap().action.as_str()));
                if c.anchor_state == "anchored" {
                    let slice: String = text.chars().skip(c.start as usize).take((c.end - c.start) as usize).collect();
                    prop_assert_eq!(&slice, &c.text);
                    prop_assert!(spans.insert((c.start, c.end)), "two reviewed claims on one span");
                }
            }
            // No fresh duplicate sits on a span a reviewed claim took.
            for c in all.iter().filter(|c| !ids.contains(&c.id) && c.anchor_state == "anchored") {
                prop_assert!(!spans.contains(&(c.start, c.end)), "duplicate at {}..{}", c.start, c.end);
            }
        }
    }
}
