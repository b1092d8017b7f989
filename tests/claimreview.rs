//! Fact-checks from elsewhere: `import --claimreview` reads schema.org ClaimReview in
//! each published shape, refuses bad items one by one, updates what it has seen, and
//! takes back what `export --format claimreview` writes. (The reviews below are written
//! for this test.)

mod common;

use std::path::{Path, PathBuf};

use common::{bin, json, seed};
use serde_json::{json as j, Value};

fn review(url: &str, claim: &str, rating: &str) -> Value {
    j!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "datePublished": "2024-03-05",
        "author": {"@type": "Organization", "name": "Harbour Checks",
                   "url": "https://checks.example.org"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                         "worstRating": 1, "alternateName": rating},
        "itemReviewed": {"@type": "Claim", "datePublished": "2024-02-28",
                         "author": {"@type": "Person", "name": "Mayor Ilse Vand"}}
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

fn import(db: &Path, file: &Path) -> (i32, String) {
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "import", "--claimreview"])
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fact_checks(db: &Path) -> Vec<Value> {
    json(db, &["report", "fact-checks", "--format", "json"])
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn every_published_shape_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let a = review(
        "https://checks.example.org/toll",
        "The bridge toll tripled in 2023.",
        "False",
    );
    let b = review(
        "https://checks.example.org/ferry",
        "Ferry fares rose 40% in 2023.",
        "Mostly true",
    );
    let shapes = [
        ("one.json", a.clone(), 1),
        ("array.json", j!([a, b]), 2),
        (
            "feed.json",
            j!({"@context": "https://schema.org", "@type": "DataFeed",
                "dataFeedElement": [{"@type": "DataFeedItem", "item": [a]},
                                    {"@type": "DataFeedItem", "item": b}]}),
            2,
        ),
        (
            "graph.json",
            j!({"@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "name": "Fact checks"}, a, b]}),
            2,
        ),
        (
            "api.json",
            j!({"claims": [{"text": "The bridge toll tripled in 2023.",
                "claimant": "Mayor Ilse Vand", "claimDate": "2024-02-28T00:00:00Z",
                "claimReview": [{"publisher": {"name": "Harbour Checks",
                                               "site": "checks.example.org"},
                                 "url": "https://checks.example.org/toll",
                                 "title": "Did the toll triple?",
                                 "reviewDate": "2024-03-05T00:00:00Z",
                                 "textualRating": "False", "languageCode": "en"}]}]}),
            1,
        ),
    ];
    for (name, v, n) in shapes {
        let db = dir.path().join(format!("{name}.db"));
        let (code, err) = import(&db, &write(dir.path(), name, &v));
        assert_eq!(code, 0, "{name}: {err}");
        let got = fact_checks(&db);
        assert_eq!(got.len(), n, "{name}: {got:?}");
        assert_eq!(got[0]["claim"], "The bridge toll tripled in 2023.");
        assert_eq!(got[0]["verdict"], "False");
        assert_eq!(got[0]["publisher"], "Harbour Checks");
        assert_eq!(got[0]["url"], "https://checks.example.org/toll");
        assert_eq!(got[0]["claimant"], "Mayor Ilse Vand");
    }
}

#[test]
fn bad_items_are_refused_each_with_its_reason_and_the_good_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let good = review(
        "https://checks.example.org/toll",
        "The bridge toll tripled in 2023.",
        "False",
    );
    let mut no_claim = good.clone();
    no_claim.as_object_mut().unwrap().remove("claimReviewed");
    let mut no_rating = good.clone();
    no_rating.as_object_mut().unwrap().remove("reviewRating");
    let mut bad_date = good.clone();
    bad_date["datePublished"] = j!("in spring");
    let file = write(
        dir.path(),
        "mixed.json",
        &j!([good, no_claim, no_rating, bad_date]),
    );
    let (code, err) = import(&db, &file);
    assert_eq!(code, 1, "{err}");
    let name = file.display().to_string();
    for (item, why) in [
        (2, "no claimReviewed"),
        (3, "no reviewRating"),
        (4, "datePublished \"in spring\" is not a date (YYYY-MM-DD)"),
    ] {
        assert!(
            err.contains(&format!("{name}: item {item}: {why}")),
            "{err}"
        );
    }
    assert!(err.contains("imported 1 of 4 fact-check(s)"), "{err}");
    assert_eq!(fact_checks(&db).len(), 1);

    // Not JSON at all: nothing is imported, and the place is named.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "[{\"@type\": \"ClaimReview\",\n  oops}]").unwrap();
    let (code, err) = import(&db, &broken);
    assert_eq!(code, 1);
    assert!(err.contains("broken.json: line 2, column"), "{err}");
    assert_eq!(fact_checks(&db).len(), 1);
}

#[test]
fn importing_again_updates_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let first = review(
        "https://checks.example.org/toll",
        "The bridge toll tripled in 2023.",
        "Half true",
    );
    assert_eq!(import(&db, &write(dir.path(), "a.json", &first)).0, 0);
    // The same URL and claim with a new rating.
    let rated = review(
        "https://checks.example.org/toll",
        "The bridge toll tripled in 2023.",
        "False",
    );
    let (code, err) = import(&db, &write(dir.path(), "b.json", &rated));
    assert_eq!(code, 0);
    assert!(err.contains("(0 new, 1 updated, 0 refused)"), "{err}");
    // The same publisher and claim, moved to another URL.
    let moved = review(
        "https://checks.example.org/2024/toll",
        "The bridge toll tripled in 2023.",
        "False",
    );
    assert_eq!(import(&db, &write(dir.path(), "c.json", &moved)).0, 0);
    let got = fact_checks(&db);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["verdict"], "False");
    assert_eq!(got[0]["url"], "https://checks.example.org/2024/toll");
    // Another claim of the same page is another fact-check.
    let other = review(
        "https://checks.example.org/2024/toll",
        "Ferry fares rose 40% in 2023.",
        "True",
    );
    assert_eq!(import(&db, &write(dir.path(), "d.json", &other)).0, 0);
    assert_eq!(fact_checks(&db).len(), 2);
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let v = review(
        "https://checks.example.org/toll",
        "The bridge toll tripled in 2023.",
        "False",
    );
    bin()
        .args(["--db", db.to_str().unwrap(), "import", "--claimreview", "-"])
        .write_stdin(v.to_string())
        .assert()
        .success();
    assert_eq!(fact_checks(&db).len(), 1);
}

#[test]
fn export_claimreview_imports_cleanly_into_another_database() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, other) = (dir.path().join("desk.db"), dir.path().join("other.db"));
    for db in [&desk, &other] {
        bin()
            .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
            .arg(seed())
            .assert()
            .success();
    }
    let d = desk.to_str().unwrap();
    let claims = json(&desk, &["claims", "--format", "json"]);
    let census = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("about 600,000"))
        .and_then(|c| c["id"].as_i64())
        .unwrap();
    bin()
        .args([
            "--db",
            d,
            "review",
            &census.to_string(),
            "--status",
            "verified",
        ])
        .args(["--note", "census tables", "--reviewer", "ana"])
        .assert()
        .success();
    let out = bin()
        .args(["--db", d, "export", "--format", "claimreview"])
        .args([
            "--base-url",
            "https://desk.example.org",
            "--publisher",
            "The Desk",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = dir.path().join("reviews.json");
    std::fs::write(&file, &out.stdout).unwrap();

    let (code, err) = import(&other, &file);
    assert_eq!(code, 0, "{err}");
    let got = fact_checks(&other);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["verdict"], "True");
    assert_eq!(got[0]["publisher"], "The Desk");
    assert!(got[0]["claim"]
        .as_str()
        .unwrap()
        .contains("about 600,000 Azerbaijanis"));
    // Once more: the same review, updated in place.
    let (code, err) = import(&other, &file);
    assert_eq!(code, 0);
    assert!(err.contains("(0 new, 1 updated, 0 refused)"), "{err}");
}

/// A fact-checker's review of the figure the seed article has from Vladimir Putin.
fn two_million_review() -> Value {
    j!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/2021/azerbaijanis-in-russia",
        "claimReviewed": "About 2 million Azerbaijanis were living in Russia in 2020.",
        "datePublished": "2021-02-01",
        "author": {"@type": "Organization", "name": "Caspian Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "datePublished": "2020-11-01",
                         "author": {"@type": "Person", "name": "Vladimir Putin"}}
    })
}

const ARTICLE: &str =
    "Vladimir Putin said in 2020 that nearly 2 million Azerbaijanis were living in Russia.\n";

#[test]
fn a_new_claim_that_repeats_a_fact_check_is_shown_with_its_verdict_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let d = db.to_str().unwrap();
    let (code, err) = import(&db, &write(dir.path(), "fc.json", &two_million_review()));
    assert_eq!(code, 0, "{err}");
    let article = dir.path().join("putin.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = bin()
        .args(["--db", d, "ingest", "--quiet"])
        .arg(&article)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("1 claim repeats fact-checked claims (1 rated False by Caspian Checks)"),
        "{err}"
    );
    let claim = json(&db, &["claims", "--format", "json"])[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let out = bin()
        .args(["--db", d, "matches", &claim, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        csv.contains(
            "repeat,1.00,fc1,https://checks.example.org/2021/azerbaijanis-in-russia,\
             False (Caspian Checks),"
        ),
        "{csv}"
    );
    let repeats = json(&db, &["report", "repeats", "--format", "json"]);
    assert_eq!(repeats[0]["fact_check"]["publisher"], "Caspian Checks");
    assert_eq!(repeats[0]["other_status"], "False (Caspian Checks)");
    let shown = json(&db, &["show", &claim, "--format", "json"]);
    assert_eq!(shown["fact_checks"][0]["verdict"], "False");
    // Nothing is rated automatically.
    assert_eq!(shown["status"], "unverified");

    // The index built again finds the same relation.
    bin()
        .args(["--db", d, "index", "rebuild"])
        .assert()
        .success();
    let again = json(&db, &["report", "repeats", "--format", "json"]);
    assert_eq!(again[0]["fact_check"]["id"], 1);
    assert_eq!(again[0]["claim_id"], repeats[0]["claim_id"]);
}

#[test]
fn a_fact_check_imported_after_the_article_is_related_to_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let d = db.to_str().unwrap();
    let article = dir.path().join("putin.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    bin()
        .args(["--db", d, "ingest", "--quiet"])
        .arg(&article)
        .assert()
        .success();
    let (code, err) = import(&db, &write(dir.path(), "fc.json", &two_million_review()));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 relation(s) to stored claims"), "{err}");
    let repeats = json(&db, &["report", "repeats", "--format", "json"]);
    assert_eq!(repeats.as_array().unwrap().len(), 1);
    assert_eq!(repeats[0]["relation"], "repeat");
    // A fact-check that reviews another quantity is no repeat.
    let mut other = two_million_review();
    other["url"] = j!("https://checks.example.org/ferry");
    other["claimReviewed"] = j!("Ferry fares rose 40% in 2020.");
    let (_, err) = import(&db, &write(dir.path(), "other.json", &other));
    assert!(err.contains("0 relation(s) to stored claims"), "{err}");
}

#[test]
fn search_ranks_the_fact_check_a_tweet_repeats_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let d = db.to_str().unwrap();
    let checks = j!([
        review(
            "https://checks.example.org/toll",
            "The bridge toll tripled in 2023.",
            "False"
        ),
        review(
            "https://checks.example.org/ferry",
            "Ferry fares rose 40% in 2023.",
            "Mostly true"
        ),
        two_million_review(),
    ]);
    assert_eq!(import(&db, &write(dir.path(), "fc.json", &checks)).0, 0);
    let out = bin()
        .args(["--db", d, "search", "--format", "json", "--limit", "2"])
        .arg("Can't believe the #BridgeToll TRIPLED last year https://t.co/x — Ann (@ann) May 2, 2024")
        .output()
        .unwrap();
    assert!(out.status.success());
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got[0]["id"], "fc1", "{got}");
    assert_eq!(got[0]["verdict"], "False");
    assert_eq!(got[0]["url"], "https://checks.example.org/toll");

    // JSON Lines: one line of results per query; a bad line is named and skipped.
    let out = bin()
        .args(["--db", d, "search", "--limit", "1"])
        .write_stdin(
            "{\"id\": \"q1\", \"text\": \"ferry fares up 40 percent\"}\nnot json\n\
             {\"id\": \"q2\", \"text\": \"2 million Azerbaijanis in Russia?\"}\n",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2: not JSON"));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "q1");
    assert_eq!(lines[0]["results"][0]["id"], "fc2");
    assert_eq!(lines[1]["results"][0]["id"], "fc3");
}
