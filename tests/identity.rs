//! One document, one identity; metadata that can be corrected: the same file reached by
//! different paths is one document, a moved file is a move, changed metadata makes a new
//! version with dates re-anchored and reviews carried, `documents set`, `reanalyse` and
//! `documents rm`.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use common::bin;
use serde_json::Value;

const IMF: &str = "Global growth outlook

The International Monetary Fund said on Tuesday that global growth held steady at 3.1 percent in 2024, according to its World Economic Outlook.

Inflation in advanced economies fell to 2.6 percent in 2024, the fund said.

Trade volumes rose 3 percent last year.
";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    /// `news/a.txt` beside the database `claimtrace.db`.
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("news")).unwrap();
        std::fs::write(dir.path().join("news/a.txt"), IMF).unwrap();
        Desk { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run_in(&self, sub: &str, args: &[&str]) -> Assert {
        let db = self.path("claimtrace.db");
        bin()
            .current_dir(self.path(sub))
            .env("CLAIMTRACE_REVIEWER", "ana")
            .args(["--db", db.to_str().unwrap()])
            .args(args)
            .assert()
    }

    fn run(&self, args: &[&str]) -> Assert {
        self.run_in("", args)
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args).success();
        serde_json::from_slice(&out.get_output().stdout).expect("JSON output")
    }

    fn documents(&self, all: bool) -> Vec<Value> {
        let mut args = vec!["documents", "--format", "json"];
        if all {
            args.push("--all-versions");
        }
        self.json(&args).as_array().unwrap().clone()
    }

    fn claim(&self, needle: &str) -> Value {
        self.json(&["claims", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("a claim with {needle:?}"))
            .clone()
    }

    fn review(&self, needle: &str, status: &str) -> String {
        let id = self.claim(needle)["id"].to_string();
        self.run(&["review", &id, "--status", status, "--note", "checked"])
            .success();
        id
    }
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn value_of(claim: &Value, text: &str) -> Value {
    claim["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == text)
        .unwrap()["value"]
        .clone()
}

#[test]
fn a_txt_typed_as_absolute_relative_and_dot_path_is_one_document() {
    let d = Desk::new();
    let abs = d.path("news/a.txt");
    d.run(&["ingest", abs.to_str().unwrap()]).success();
    let again = d.run_in("news", &["ingest", "a.txt"]).success();
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));
    let again = d.run_in("news", &["ingest", "./a.txt"]).success();
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));
    d.run(&["ingest", "news/../news/a.txt"]).success();
    let docs = d.documents(true);
    assert_eq!(docs.len(), 1, "{docs:?}");
    // The identity is the path under the database's directory, not what was typed.
    assert_eq!(docs[0]["source_key"], "news/a.txt");
}

#[test]
fn moved_file_with_the_same_text_is_a_move_and_keeps_its_reviews() {
    let d = Desk::new();
    d.run(&["ingest", "news/a.txt"]).success();
    let id = d.review("steady at 3.1 percent", "verified");
    std::fs::create_dir(d.path("archive")).unwrap();
    std::fs::rename(d.path("news/a.txt"), d.path("archive/imf.txt")).unwrap();
    let out = d.run(&["ingest", "archive/imf.txt"]).success();
    assert!(
        stderr(&out).contains("moved from news/a.txt"),
        "{}",
        stderr(&out)
    );
    let docs = d.documents(true);
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["source_key"], "archive/imf.txt");
    assert_eq!(d.claim("steady at 3.1")["id"].to_string(), id);
    assert_eq!(d.claim("steady at 3.1")["status"], "verified");
    // A copy whose original is still there is another document.
    std::fs::copy(d.path("archive/imf.txt"), d.path("news/copy.txt")).unwrap();
    let out = d.run(&["ingest", "news/copy.txt"]).success();
    assert!(
        stderr(&out).contains("stored as document"),
        "{}",
        stderr(&out)
    );
    assert_eq!(d.documents(false).len(), 2);
}

#[test]
fn edited_sidecar_date_re_anchors_last_year_and_rechecks_its_verdict_only() {
    let d = Desk::new();
    d.run(&["ingest", "news/a.txt"]).success();
    assert_eq!(
        value_of(&d.claim("last year"), "last year"),
        "PAST_REF",
        "no publication date: no anchor"
    );
    let trade = d.review("last year", "verified");
    let growth = d.review("steady at 3.1", "verified");
    let inflation = d.review("fell to 2.6", "false");
    std::fs::write(
        d.path("news/a.meta.json"),
        r#"{"published": "2025-07-10", "title": "Global growth outlook"}"#,
    )
    .unwrap();
    let out = d.run(&["ingest", "news/a.txt"]).success();
    let err = stderr(&out);
    assert!(err.contains("metadata changed, dates re-anchored"), "{err}");
    let docs = d.documents(true);
    assert_eq!(docs.len(), 2, "a new version, not a new document");
    let current = &d.documents(false)[0];
    assert_eq!(current["published"], "2025-07-10");
    assert_eq!(current["anchor_date"], "2025-07-10");
    assert_eq!(current["title"], "Global growth outlook");

    let c = d.claim("last year");
    assert_eq!(c["id"].to_string(), trade);
    assert_eq!(value_of(&c, "last year"), "2024");
    // "last year" now means 2024: the verdict was given for another value.
    assert_eq!(c["status"], "needs_recheck");
    // "on Tuesday" is re-anchored too; the inflation figure and its year are not.
    let g = d.claim("steady at 3.1");
    assert_eq!(g["id"].to_string(), growth);
    assert_eq!(value_of(&g, "Tuesday"), "2025-07-08");
    assert_eq!(g["status"], "needs_recheck");
    let i = d.claim("fell to 2.6");
    assert_eq!(i["id"].to_string(), inflation);
    assert_eq!(i["status"], "false");
    // The same metadata again changes nothing.
    let out = d.run(&["ingest", "news/a.txt"]).success();
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
}

#[test]
fn date_on_the_command_line_updates_the_stored_document_and_is_kept() {
    let d = Desk::new();
    d.run(&["ingest", "news/a.txt"]).success();
    d.run(&["ingest", "news/a.txt", "--date", "2025-07-10"])
        .success();
    assert_eq!(d.documents(false)[0]["published"], "2025-07-10");
    // Ingested again without --date: the stored date stays.
    let out = d.run(&["ingest", "news/a.txt"]).success();
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    assert_eq!(d.documents(true).len(), 2);
}

#[test]
fn url_given_later_names_the_same_document() {
    let d = Desk::new();
    d.run(&["ingest", "news/a.txt"]).success();
    let id = d.review("steady at 3.1", "verified");
    d.run(&[
        "ingest",
        "--quiet",
        "news/a.txt",
        "--url",
        "https://news.example.org/imf",
    ])
    .success();
    let docs = d.documents(false);
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["source_key"], "https://news.example.org/imf");
    assert_eq!(docs[0]["url"], "https://news.example.org/imf");
    let c = d.claim("steady at 3.1");
    assert_eq!(
        (c["id"].to_string(), c["status"].clone()),
        (id, "verified".into())
    );
    // Without --url the file is still that document.
    let out = d.run(&["ingest", "news/a.txt"]).success();
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    assert_eq!(d.documents(true).len(), 2);
    // A URL names one document only.
    std::fs::write(d.path("news/b.txt"), "Exports rose 12% in 2024.\n").unwrap();
    d.run(&["ingest", "news/b.txt"]).success();
    let b = d.documents(false)[1]["id"].to_string();
    d.run(&[
        "documents",
        "set",
        &b,
        "--url",
        "https://news.example.org/imf",
    ])
    .failure()
    .stderr(predicates::str::contains(
        "https://news.example.org/imf already names document",
    ));
    assert_eq!(d.documents(false).len(), 2);
}

#[test]
fn documents_set_date_re_anchors_like_a_sidecar() {
    let d = Desk::new();
    d.run(&["ingest", "news/a.txt"]).success();
    let trade = d.review("last year", "verified");
    let doc = d.documents(false)[0]["id"].to_string();
    let out = d
        .run(&["documents", "set", &doc, "--date", "2025-07-10"])
        .success();
    assert!(
        stderr(&out).contains("1 verdict needs a re-check"),
        "{}",
        stderr(&out)
    );
    let c = d.claim("last year");
    assert_eq!(c["id"].to_string(), trade);
    assert_eq!(value_of(&c, "last year"), "2024");
    assert_eq!(c["status"], "needs_recheck");
    let history = d.json(&["history", &trade, "--format", "json"]);
    let log = history.as_array().unwrap();
    assert_eq!(log[0]["to_status"], "verified");
    assert!(log[0]["reviewed"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v.as_str().unwrap().contains("PAST_REF")));
    // Nothing to set is a usage error; an old version names the current one.
    d.run(&["documents", "set", &doc]).code(2);
    d.run(&["documents", "set", &doc, "--date", "2025-08-01"])
        .failure()
        .stderr(predicates::str::contains("has replaced it"));
    d.run(&["documents", "set", "99", "--date", "2025-08-01"])
        .failure()
        .stderr(predicates::str::contains("no document with id 99"));
}

#[test]
fn reanalyse_carries_reviews_to_a_new_analysis_and_rechecks_changed_values() {
    let d = Desk::new();
    std::fs::write(
        d.path("news/b.txt"),
        "Exports rose 12% to $3.6 billion in 2024.\n",
    )
    .unwrap();
    d.run(&["ingest", "news"]).success();
    // Nothing new to find: no new versions.
    let out = d.run(&["reanalyse"]).success();
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    assert_eq!(d.documents(true).len(), 2);

    // As if an older claimtrace had read "2.6 percent" as 2.5.
    rusqlite::Connection::open(d.path("claimtrace.db"))
        .unwrap()
        .execute(
            "UPDATE mentions SET value = '2.5' WHERE kind = 'figure' AND value = '2.6'",
            [],
        )
        .unwrap();
    let growth = d.review("steady at 3.1", "verified");
    let inflation = d.review("fell to 2.6", "verified");
    let out = d.run(&["reanalyse"]).success();
    let err = stderr(&out);
    assert!(err.contains("re-analysed 2 document(s)"), "{err}");
    assert!(err.contains("1 verdict(s) need a re-check"), "{err}");
    assert!(err.contains("0 claim(s) found no place"), "{err}");
    assert_eq!(d.documents(false).len(), 2);
    assert_eq!(d.documents(true).len(), 3, "only the changed document");
    let g = d.claim("steady at 3.1");
    assert_eq!(
        (g["id"].to_string(), g["status"].clone()),
        (growth, "verified".into())
    );
    let i = d.claim("fell to 2.6");
    assert_eq!(i["id"].to_string(), inflation);
    assert_eq!(value_of(&i, "2.6 percent"), "2.6");
    assert_eq!(i["status"], "needs_recheck");
    assert_eq!(
        d.json(&["report", "orphans", "--format", "json"]),
        serde_json::json!([])
    );
    let exports = d.documents(false)[0]["id"].to_string();
    let out = d.run(&["reanalyse", "--document", &exports]).success();
    assert!(stderr(&out).contains("re-analysed 1 document(s)"));
    d.run(&["reanalyse", "--document", "99"])
        .failure()
        .stderr(predicates::str::contains("no document with id 99"));
}

#[test]
fn documents_rm_says_what_goes_asks_and_keeps_the_reviews() {
    let d = Desk::new();
    std::fs::write(
        d.path("news/b.txt"),
        "Exports rose 12% to $3.6 billion in 2024.\n",
    )
    .unwrap();
    d.run(&["ingest", "news"]).success();
    let growth = d.review("steady at 3.1", "verified");
    let exports = d.claim("Exports rose")["id"].to_string();
    d.run(&[
        "flag",
        &exports,
        "--against",
        &growth,
        "--reason",
        "different years",
    ])
    .success();
    let doc = d.claim("steady at 3.1")["document_id"].to_string();

    // Not a terminal and no --yes: nothing is removed.
    let out = d.run(&["documents", "rm", &doc]).code(2);
    let err = stderr(&out);
    assert!(
        err.contains("news/a.txt") && err.contains("3 claim(s)"),
        "{err}"
    );
    assert!(
        err.contains(&format!("claim {exports} of document")),
        "{err}"
    );
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(d.documents(false).len(), 2);

    let out = d.run(&["documents", "rm", &doc, "--yes"]).success();
    assert!(
        stderr(&out).contains("reviews kept in removed-a.json"),
        "{}",
        stderr(&out)
    );
    let docs = d.documents(true);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source_key"], "news/b.txt");
    let kept = std::fs::read_to_string(d.path("removed-a.json")).unwrap();
    assert!(kept.contains("\"to_status\": \"verified\""), "{kept}");
    // The other document's claim lost its link but keeps its own history.
    let history = d.json(&["history", &exports, "--format", "json"]);
    assert_eq!(history[0]["action"], "flag");
    assert!(history[0].get("against").is_none());
    assert_eq!(
        d.json(&["report", "contested", "--format", "json"])[0]["competing"],
        serde_json::json!([])
    );

    // The kept file brings the reviews back once the article is ingested again.
    d.run(&["ingest", "news/a.txt"]).success();
    d.run(&["import", "removed-a.json"]).success();
    assert_eq!(d.claim("steady at 3.1")["status"], "verified");
}

#[test]
fn documents_rm_discard_reviews_writes_no_file() {
    let d = Desk::new();
    d.run(&["ingest", "news/a.txt"]).success();
    d.review("steady at 3.1", "verified");
    let out = d
        .run(&["documents", "rm", "1", "--yes", "--discard-reviews"])
        .success();
    assert!(stderr(&out).contains("discarded"), "{}", stderr(&out));
    assert!(!Path::new(&d.path("removed-a.json")).exists());
    assert!(d.documents(true).is_empty());
    let counts = common::counts(&d.path("claimtrace.db"));
    assert!(
        counts.iter().all(|(t, n)| t == "sources" || *n == 0),
        "{counts:?}"
    );
}
