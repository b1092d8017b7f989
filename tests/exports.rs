//! Each export format read back by an independent reader: the JSON-LD vocabularies of
//! the W3C Web Annotation model and schema.org, the brat standoff grammar, RFC 4180 CSV.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{bin, seed};
use serde_json::Value;

fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .assert()
}

fn stdout(db: &Path, args: &[&str]) -> String {
    String::from_utf8(run(db, args).success().get_output().stdout.clone()).unwrap()
}

fn claim_with(db: &Path, needle: &str) -> String {
    let v: Value = serde_json::from_str(&stdout(
        db,
        &["claims", "--search", needle, "--format", "json"],
    ))
    .unwrap();
    v[0]["id"].as_i64().expect("claim found").to_string()
}

fn seed_text() -> String {
    let dir = seed();
    let file = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .unwrap();
    fs::read_to_string(file).unwrap()
}

/// The seed article with three reviews: census contested against Putin's figure,
/// Putin's figure unverifiable, the exports of the first half of 2025 in review.
fn reviewed() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["ingest", "--quiet", seed().to_str().unwrap()]).success();
    let census = claim_with(&db, "600,000 Azerbaijanis");
    let putin = claim_with(&db, "closer to 2 million");
    let exports = claim_with(&db, "first half of 2025 alone");
    run(
        &db,
        &[
            "flag",
            &census,
            "--against",
            &putin,
            "--reason",
            "census 600,000 vs Putin 2 million",
            "--reviewer",
            "ana",
        ],
    )
    .success();
    run(
        &db,
        &[
            "review",
            &putin,
            "--status",
            "unverifiable",
            "--note",
            "no source given",
            "--evidence",
            "https://en.kremlin.ru/events/president/transcripts",
            "--reviewer",
            "ben",
        ],
    )
    .success();
    run(
        &db,
        &[
            "review",
            &exports,
            "--status",
            "in_review",
            "--reviewer",
            "ana",
        ],
    )
    .success();
    (dir, db)
}

fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Terms of the Web Annotation JSON-LD context (http://www.w3.org/ns/anno.jsonld) that a
/// claimtrace export may use, and the classes and motivations it may name.
const ANNO_TERMS: &[&str] = &[
    "@context",
    "id",
    "type",
    "motivation",
    "purpose",
    "body",
    "target",
    "source",
    "selector",
    "created",
    "modified",
    "creator",
    "nickname",
    "value",
    "format",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "label",
    "total",
    "first",
    "items",
    "startIndex",
];
const ANNO_CLASSES: &[&str] = &[
    "Annotation",
    "AnnotationCollection",
    "AnnotationPage",
    "TextualBody",
    "TextQuoteSelector",
    "TextPositionSelector",
    "Person",
];
const MOTIVATIONS: &[&str] = &["assessing", "commenting", "linking"];

fn check_terms(v: &Value, path: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                assert!(
                    ANNO_TERMS.contains(&k.as_str()),
                    "{path}: {k} is not a Web Annotation term"
                );
                if k == "type" {
                    let t = x.as_str().unwrap();
                    assert!(ANNO_CLASSES.contains(&t), "{path}: unknown class {t}");
                }
                if k == "motivation" || k == "purpose" {
                    let t = x.as_str().unwrap();
                    assert!(MOTIVATIONS.contains(&t), "{path}: unknown motivation {t}");
                }
                check_terms(x, &format!("{path}.{k}"));
            }
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| check_terms(x, &format!("{path}[{i}]"))),
        _ => {}
    }
}

#[test]
fn w3c_annotations_use_the_anno_vocabulary_and_select_the_claim_text() {
    let (_dir, db) = reviewed();
    let text = seed_text();
    let doc: Value = serde_json::from_str(&stdout(&db, &["export", "--format", "w3c"])).unwrap();
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    check_terms(&doc, "$");
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"].as_u64(), Some(items.len() as u64));
    let mut ids = HashSet::new();
    let mut contested = 0;
    for a in items {
        assert!(
            ids.insert(a["id"].as_str().unwrap().to_string()),
            "ids are unique"
        );
        assert_eq!(a["motivation"], "assessing");
        let bodies = a["body"].as_array().unwrap();
        assert_eq!(bodies[0]["purpose"], "assessing");
        if bodies[0]["value"] == "contested" {
            contested += 1;
            assert!(bodies.iter().any(|b| b["purpose"] == "commenting"
                && b["value"].as_str().unwrap().contains("Putin 2 million")));
        }
        let sel = a["target"]["selector"].as_array().unwrap();
        let quote = sel
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .unwrap();
        let pos = sel
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap();
        let (s, e) = (pos["start"].as_u64().unwrap(), pos["end"].as_u64().unwrap());
        assert_eq!(chars(&text, s, e), quote["exact"].as_str().unwrap());
        let prefix = quote["prefix"].as_str().unwrap();
        let before = chars(&text, s - prefix.chars().count() as u64, s);
        assert_eq!(before, prefix);
    }
    assert_eq!(contested, 1);
    // The evidence of a review is a link from the annotation.
    assert!(items.iter().any(|a| a["body"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["purpose"] == "linking"
            && b["id"] == "https://en.kremlin.ru/events/president/transcripts")));
}

#[test]
fn claimreview_lists_verdicts_only_with_schema_org_ratings() {
    let (_dir, db) = reviewed();
    let out = stdout(
        &db,
        &[
            "export",
            "--format",
            "claimreview",
            "--base-url",
            "https://desk.example.org/",
            "--publisher",
            "The Desk",
        ],
    );
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    // contested and unverifiable are verdicts; in_review and unverified are not.
    assert_eq!(reviews.len(), 2, "{out}");
    let names: HashSet<&str> = reviews
        .iter()
        .map(|r| r["reviewRating"]["alternateName"].as_str().unwrap())
        .collect();
    assert_eq!(names, HashSet::from(["Contested", "Unverifiable"]));
    for r in &reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["url"]
            .as_str()
            .unwrap()
            .starts_with("https://desk.example.org/claims/"));
        assert!(!r["url"].as_str().unwrap().contains(".org//"));
        assert_eq!(r["author"]["name"], "The Desk");
        assert!(seed_text().contains(r["claimReviewed"].as_str().unwrap()));
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert_eq!(r["itemReviewed"]["appearance"]["@type"], "CreativeWork");
        let date = r["datePublished"].as_str().unwrap();
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{date}"
        );
        if r["reviewRating"]["alternateName"] == "Unverifiable" {
            assert_eq!(r["reviewBody"], "no source given");
            assert_eq!(
                r["citation"][0]["url"],
                "https://en.kremlin.ru/events/president/transcripts"
            );
        }
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        if let Some(v) = rating["ratingValue"].as_u64() {
            assert!(rating["worstRating"].as_u64().unwrap() <= v);
            assert!(v <= rating["bestRating"].as_u64().unwrap());
        } else {
            assert_eq!(rating["alternateName"], "Unverifiable");
        }
    }
}

/// Checks a brat standoff file against its text: ids are unique, every entity's
/// fragments slice the text (code points) to the given text joined by spaces, and
/// relations, attributes and notes refer to entities that exist.
fn check_brat(txt: &str, ann: &str) -> HashMap<String, usize> {
    let chars: Vec<char> = txt.chars().collect();
    let mut entities: HashSet<String> = HashSet::new();
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let id = fields[0];
        match id.chars().next() {
            Some('T') => {
                assert_eq!(fields.len(), 3, "{line}");
                let (kind, offsets) = fields[1].split_once(' ').unwrap();
                let mut pieces = Vec::new();
                for frag in offsets.split(';') {
                    let (s, e) = frag.split_once(' ').unwrap();
                    let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                    assert!(s < e && e <= chars.len(), "{line}");
                    pieces.push(chars[s..e].iter().collect::<String>());
                }
                assert_eq!(pieces.join(" "), fields[2], "{line}");
                assert!(entities.insert(id.to_string()), "duplicate id {id}");
                *kinds.entry(kind.to_string()).or_default() += 1;
            }
            Some('R') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert_eq!(parts.len(), 3, "{line}");
                for arg in &parts[1..] {
                    let (_, target) = arg.split_once(':').unwrap();
                    assert!(entities.contains(target), "{line}");
                }
            }
            Some('A') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert_eq!(parts[0], "Status");
                assert!(entities.contains(parts[1]), "{line}");
                assert!(parts[2].parse::<claimtrace::review::ClaimStatus>().is_ok());
            }
            Some('#') => {
                let (kind, target) = fields[1].split_once(' ').unwrap();
                assert_eq!(kind, "AnnotatorNotes");
                assert!(entities.contains(target), "{line}");
                assert_eq!(fields.len(), 3);
            }
            _ => panic!("not a brat standoff line: {line:?}"),
        }
    }
    kinds
}

#[test]
fn brat_standoff_offsets_slice_the_txt_beside_it() {
    let (dir, db) = reviewed();
    let out = dir.path().join("brat");
    run(
        &db,
        &["export", "--format", "brat", "--out", out.to_str().unwrap()],
    )
    .success();
    assert!(out.join("annotation.conf").exists());
    let ann_path = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "ann"))
        .unwrap();
    let txt = fs::read_to_string(ann_path.with_extension("txt")).unwrap();
    assert_eq!(txt, seed_text());
    let kinds = check_brat(&txt, &fs::read_to_string(&ann_path).unwrap());
    let claims: Value =
        serde_json::from_str(&stdout(&db, &["claims", "--format", "json"])).unwrap();
    assert_eq!(kinds.get("Claim"), Some(&claims.as_array().unwrap().len()));
    assert!(kinds.get("Figure").copied().unwrap_or(0) > 0);
}

#[test]
fn brat_grammar_rejects_a_shifted_offset() {
    let txt = "About 600,000 Azerbaijanis.";
    let ok = "T1\tFigure 6 13\t600,000\n#1\tAnnotatorNotes T1\tvalue=600000\n";
    assert_eq!(check_brat(txt, ok).get("Figure"), Some(&1));
    let bad = std::panic::catch_unwind(|| check_brat(txt, "T1\tFigure 5 12\t600,000\n"));
    assert!(bad.is_err());
}

/// RFC 4180 fields of a CSV text.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match (quoted, c) {
            (true, '"') if it.peek() == Some(&'"') => {
                it.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_one_row_per_claim_with_status_and_text() {
    let (_dir, db) = reviewed();
    let rows = parse_csv(&stdout(&db, &["export", "--format", "csv"]));
    let header = &rows[0];
    assert_eq!(header[0], "document");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let claims: Value =
        serde_json::from_str(&stdout(&db, &["claims", "--format", "json"])).unwrap();
    assert_eq!(rows.len() - 1, claims.as_array().unwrap().len());
    for r in &rows[1..] {
        assert_eq!(r.len(), header.len(), "{r:?}");
    }
    let census = rows
        .iter()
        .find(|r| r[col("text")].contains("600,000 Azerbaijanis"))
        .unwrap();
    assert_eq!(census[col("status")], "contested");
    assert!(census[col("last_note")].contains("census 600,000"));
    let keys: HashSet<&String> = rows[1..].iter().map(|r| &r[col("key")]).collect();
    assert_eq!(keys.len(), rows.len() - 1);
}
