//! Verdicts bound to what was reviewed: a verdict never outlives the text and values it
//! was given for, and no export states a verdict about text nobody reviewed.

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

/// A desk in a temporary directory: the article `imf.txt` and the database beside it.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("imf.txt"), IMF).unwrap();
        Desk { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("claimtrace.db")
    }

    /// Runs the binary in the desk's directory, as a user at the shell would.
    fn run(&self, args: &[&str]) -> Assert {
        bin()
            .current_dir(self.dir.path())
            .env("CLAIMTRACE_REVIEWER", "ana")
            .env_remove("CLAIMTRACE_BASE_URL")
            .env_remove("CLAIMTRACE_PUBLISHER")
            .args(args)
            .assert()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args).success();
        serde_json::from_slice(&out.get_output().stdout).expect("JSON output")
    }

    fn edit(&self, from: &str, to: &str) {
        let path = self.path("imf.txt");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} in the article");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    }

    /// The id of the claim whose text contains `needle`.
    fn claim(&self, needle: &str) -> String {
        let claims = self.json(&["claims", "--format", "json"]);
        claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("a claim with {needle:?}"))["id"]
            .to_string()
    }

    fn status(&self, id: &str) -> String {
        let c = self.json(&["claims", "--format", "json"]);
        c.as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id))
            .map(|c| c["status"].as_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn stdout_json(a: &Assert) -> Value {
    serde_json::from_slice(&a.get_output().stdout).expect("JSON output")
}

/// A desk where the IMF growth claim is verified with a note and an evidence URL.
fn verified() -> (Desk, String) {
    let d = Desk::new();
    d.run(&["ingest", "imf.txt"]).success();
    let id = d.claim("steady at 3.1 percent");
    d.run(&[
        "review",
        &id,
        "--status",
        "verified",
        "--note",
        "IMF WEO: 3.1",
        "--evidence",
        "https://www.imf.org/en/Publications/WEO",
    ])
    .success();
    (d, id)
}

#[test]
fn imf_growth_edited_to_3_4_percent_loses_its_verdict_and_is_not_published() {
    // The reproduction: review, edit the figure with sed, ingest again.
    let (d, id) = verified();
    d.edit("steady at 3.1 percent", "steady at 3.4 percent");
    let ingest = d.run(&["ingest", "imf.txt"]).success();
    assert!(
        stderr(&ingest).contains("1 verdict needs a re-check"),
        "{}",
        stderr(&ingest)
    );
    assert_eq!(d.status(&id), "needs_recheck");

    // The verdict and the text it was given for stay in the history.
    let history = d.json(&["history", &id, "--format", "json"]);
    let log = history.as_array().unwrap();
    let verdict = &log[0];
    assert_eq!(verdict["to_status"], "verified");
    assert!(verdict["reviewed"]["text"]
        .as_str()
        .unwrap()
        .contains("steady at 3.1 percent"));
    assert!(verdict["reviewed"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v == "figure \"3.1 percent\" = 3.1 percent"));
    let last = log.last().unwrap();
    assert_eq!(last["from_status"], "verified");
    assert_eq!(last["to_status"], "needs_recheck");
    assert!(last["reviewed"]["text"]
        .as_str()
        .unwrap()
        .contains("steady at 3.4 percent"));

    // No export states "True" for the 3.4 percent text.
    let out = d
        .run(&[
            "export",
            "--format",
            "claimreview",
            "--base-url",
            "https://desk.example.org",
            "--publisher",
            "The Desk",
        ])
        .success();
    let reviews = stdout_json(&out);
    assert_eq!(reviews.as_array().unwrap().len(), 0, "{reviews}");
    assert!(
        stderr(&out).contains("skipped 1 claim(s) that need a re-check"),
        "{}",
        stderr(&out)
    );
    let out = d.run(&["export", "--format", "w3c"]).success();
    let w3c = stdout_json(&out);
    let items = w3c["first"]["items"].as_array().unwrap();
    assert!(items.iter().all(|a| !a["target"]["selector"][0]["exact"]
        .as_str()
        .unwrap()
        .contains("3.4 percent")));
    assert!(stderr(&out).contains("skipped 1 claim(s)"));
}

#[test]
fn needs_recheck_is_a_status_of_filters_and_reports() {
    let (d, id) = verified();
    d.edit("steady at 3.1 percent", "steady at 3.4 percent");
    d.run(&["ingest", "imf.txt"]).success();
    let listed = d.json(&["claims", "--status", "needs_recheck", "--format", "json"]);
    let ids: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].to_string())
        .collect();
    assert_eq!(ids, vec![id.clone()]);
    let counts = d.json(&["report", "status", "--format", "json"]);
    assert!(counts
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["document"] == "all" && r["status"] == "needs_recheck" && r["count"] == 1));
    // A person judges the new text; the verdict is bound to it.
    d.run(&["review", &id, "--status", "false", "--note", "WEO says 3.1"])
        .success();
    let out = d.run(&["export", "--format", "claimreview"]).success();
    let reviews = stdout_json(&out);
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "False");
    assert!(reviews[0]["claimReviewed"]
        .as_str()
        .unwrap()
        .contains("steady at 3.4 percent"));
    assert_eq!(reviews[0]["reviewBody"], "WEO says 3.1");
}

#[test]
fn edit_elsewhere_keeps_the_verdict_of_an_identical_sentence() {
    let (d, id) = verified();
    d.edit(
        "Global growth outlook\n",
        "Global growth outlook\n\nA new opening paragraph.\n",
    );
    d.edit("rose 3 percent", "rose 4 percent");
    d.run(&["ingest", "imf.txt"]).success();
    assert_eq!(d.status(&id), "verified");
    let out = d.run(&["export", "--format", "claimreview"]).success();
    let reviews = stdout_json(&out);
    let r = &reviews[0];
    assert!(r["claimReviewed"]
        .as_str()
        .unwrap()
        .contains("steady at 3.1 percent"));
    // The reviewer's note, not the move's note.
    assert_eq!(r["reviewBody"], "IMF WEO: 3.1");
    assert_eq!(
        r["citation"][0]["url"],
        "https://www.imf.org/en/Publications/WEO"
    );
    // No URL, title or date: no empty appearance.
    assert!(r["itemReviewed"].get("appearance").is_none(), "{r}");
    assert!(!stderr(&out).contains("skipped"));
}

#[test]
fn claimreview_without_base_url_or_publisher_warns_naming_them() {
    let (d, _) = verified();
    let out = d.run(&["export", "--format", "claimreview"]).success();
    let err = stderr(&out);
    assert!(err.contains("warning"), "{err}");
    assert!(
        err.contains("--base-url") && err.contains("--publisher"),
        "{err}"
    );
    let out = d
        .run(&[
            "export",
            "--format",
            "claimreview",
            "--base-url",
            "https://d.example",
        ])
        .success();
    let err = stderr(&out);
    assert!(
        !err.contains("--base-url") && err.contains("--publisher"),
        "{err}"
    );
    let out = d
        .run(&[
            "export",
            "--format",
            "claimreview",
            "--base-url",
            "https://d.example",
            "--publisher",
            "The Desk",
        ])
        .success();
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn article_with_a_url_appears_in_claimreview_and_evidence_links_in_w3c() {
    let d = Desk::new();
    d.run(&[
        "ingest",
        "--quiet",
        "imf.txt",
        "--url",
        "https://news.example.org/imf",
    ])
    .success();
    let id = d.claim("steady at 3.1 percent");
    d.run(&[
        "review",
        &id,
        "--status",
        "verified",
        "--evidence",
        "https://www.imf.org/en/Publications/WEO",
    ])
    .success();
    let reviews = stdout_json(&d.run(&["export", "--format", "claimreview"]).success());
    let appearance = &reviews[0]["itemReviewed"]["appearance"];
    assert_eq!(appearance["@type"], "CreativeWork");
    assert_eq!(appearance["url"], "https://news.example.org/imf");
    let w3c = stdout_json(&d.run(&["export", "--format", "w3c"]).success());
    let linked = w3c["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["body"].as_array().unwrap().clone())
        .any(|b| b["purpose"] == "linking" && b["id"] == "https://www.imf.org/en/Publications/WEO");
    assert!(linked, "{w3c}");
}

fn export_annotations(d: &Desk, db: &Path, dir: &str) -> String {
    bin()
        .current_dir(d.dir.path())
        .args(["--db", db.to_str().unwrap(), "export", "--annotations", dir])
        .assert()
        .success();
    let mut files: Vec<_> = std::fs::read_dir(d.path(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 1);
    std::fs::read_to_string(&files[0]).unwrap()
}

#[test]
fn annotation_files_carry_what_was_reviewed_and_round_trip_byte_identical() {
    let (d, id) = verified();
    d.edit("steady at 3.1 percent", "steady at 3.4 percent");
    d.run(&["ingest", "imf.txt"]).success();
    let first = export_annotations(&d, &d.db(), "a");
    assert!(first.contains("\"status\": \"needs_recheck\""));
    assert!(first.contains("\"reviewed\""));
    assert!(
        first.contains("steady at 3.1 percent"),
        "the old text stays in the file"
    );

    // A fresh database holding the same article takes the files back exactly.
    let fresh = d.path("fresh.db");
    let f = fresh.to_str().unwrap();
    bin()
        .current_dir(d.dir.path())
        .args(["--db", f, "ingest", "imf.txt"])
        .assert()
        .success();
    bin()
        .current_dir(d.dir.path())
        .args(["--db", f, "import", "a"])
        .assert()
        .success();
    assert_eq!(export_annotations(&d, &fresh, "b"), first);
    let history: Value = serde_json::from_slice(
        &bin()
            .args(["--db", f, "history", &id, "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert!(history[0]["reviewed"]["text"]
        .as_str()
        .unwrap()
        .contains("3.1 percent"));
}

#[test]
fn annotation_file_from_before_reviews_recorded_their_text_imports_cleanly() {
    let (d, _) = verified();
    let text = export_annotations(&d, &d.db(), "a");
    // The same file as an older claimtrace wrote it: no `reviewed` in its entries.
    let mut file: Value = serde_json::from_str(&text).unwrap();
    for c in file["claims"].as_array_mut().unwrap() {
        for e in c["review_log"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("reviewed");
        }
    }
    std::fs::create_dir(d.path("old")).unwrap();
    std::fs::write(
        d.path("old/imf.json"),
        serde_json::to_string_pretty(&file).unwrap(),
    )
    .unwrap();
    let out = d.run(&["import", "old"]).success();
    assert!(stderr(&out).contains("imported 1 of 1"), "{}", stderr(&out));
    assert_eq!(
        export_annotations(&d, &d.db(), "b"),
        text,
        "nothing changed"
    );
}
