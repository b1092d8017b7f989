//! Annotation files: database → files → fresh database → files is byte-identical, and
//! hand-edited files with errors are refused with file, line and reason, importing nothing.

mod common;

use std::fs;
use std::path::Path;

use common::{bin, counts, seed};
use predicates::prelude::*;
use proptest::prelude::*;
use serde_json::Value;

use claimtrace::annotations;
use claimtrace::document::{Document, Metadata};
use claimtrace::pipeline;
use claimtrace::review::ClaimStatus;
use claimtrace::store::{Database, FlagRequest, ReviewRequest};

fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .assert()
}

fn claim_with(db: &Path, needle: &str) -> String {
    let out = run(db, &["claims", "--search", needle, "--format", "json"]).success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    v[0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no claim contains {needle:?}"))
        .to_string()
}

/// Files of a directory as (name, bytes), sorted.
fn dir_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The seed article ingested and reviewed the way a desk would: a status with a note
/// and evidence, the census figure flagged against Putin's "closer to 2 million".
fn reviewed_seed(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    let d = db.as_path();
    run(d, &["ingest", "--quiet", seed().to_str().unwrap()]).success();
    let census = claim_with(d, "600,000 Azerbaijanis");
    let putin = claim_with(d, "closer to 2 million");
    run(
        d,
        &[
            "review",
            &census,
            "--status",
            "in_review",
            "--note",
            "census tables requested",
            "--evidence",
            "https://example.org/census",
            "--reviewer",
            "ana",
        ],
    )
    .success();
    run(
        d,
        &[
            "flag",
            &census,
            "--against",
            &putin,
            "--reason",
            "census says 600,000; Putin said “closer to 2 million”",
            "--reviewer",
            "ana",
        ],
    )
    .success();
    run(
        d,
        &[
            "review",
            &putin,
            "--status",
            "unverifiable",
            "--note",
            "no source for 2 million",
            "--reviewer",
            "ben",
        ],
    )
    .success();
    db
}

#[test]
fn seed_reviews_survive_export_into_a_fresh_database_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed_seed(dir.path());
    let first = dir.path().join("first");
    run(&db, &["export", "--annotations", first.to_str().unwrap()]).success();

    let fresh = dir.path().join("fresh.db");
    run(&fresh, &["ingest", "--quiet", seed().to_str().unwrap()]).success();
    run(&fresh, &["import", first.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("review entries added"));
    let second = dir.path().join("second");
    run(
        &fresh,
        &["export", "--annotations", second.to_str().unwrap()],
    )
    .success();
    assert_eq!(dir_files(&first), dir_files(&second));

    // The census claim carries its flag against Putin's claim by key, not by id.
    let (_, bytes) = &dir_files(&first)[0];
    let file: Value = serde_json::from_slice(bytes).unwrap();
    let claims = file["claims"].as_array().unwrap();
    let census = claims
        .iter()
        .find(|c| c["selector"]["exact"].as_str().unwrap().contains("600,000"))
        .unwrap();
    let putin_key = claims
        .iter()
        .find(|c| {
            c["selector"]["exact"]
                .as_str()
                .unwrap()
                .contains("2 million")
        })
        .unwrap()["key"]
        .clone();
    assert_eq!(census["status"], "contested");
    assert_eq!(census["links"][0]["against"], putin_key);
    assert_eq!(census["review_log"][1]["against"], putin_key);
    assert_eq!(census["review_log"][0]["reviewer"], "ana");

    // Importing the same files again adds nothing.
    let before = counts(&fresh);
    run(&fresh, &["import", first.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("0 new; 0 review entries added"));
    assert_eq!(counts(&fresh), before);
}

/// A hand edit that must be refused: (what to replace, replacement, expected reason).
fn refused(edit: impl Fn(&str) -> String, reason: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed_seed(dir.path());
    let files = dir.path().join("ann");
    run(&db, &["export", "--annotations", files.to_str().unwrap()]).success();
    let (name, bytes) = dir_files(&files).remove(0);
    let path = files.join(&name);
    let edited = edit(&String::from_utf8(bytes).unwrap());
    fs::write(&path, &edited).unwrap();

    let fresh = dir.path().join("fresh.db");
    run(&fresh, &["ingest", "--quiet", seed().to_str().unwrap()]).success();
    let before = counts(&fresh);
    let out = run(&fresh, &["import", files.to_str().unwrap()]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let shown = path.display().to_string();
    let at = stderr
        .find(&format!("{shown}:"))
        .unwrap_or_else(|| panic!("no file name in {stderr}"));
    let line: usize = stderr[at + shown.len() + 1..]
        .split(':')
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line in {stderr}"));
    assert!(line >= 1 && line <= edited.lines().count(), "{stderr}");
    assert!(stderr.contains(reason), "expected {reason:?} in {stderr}");
    assert!(stderr.contains("nothing was imported from this file"));
    assert_eq!(
        counts(&fresh),
        before,
        "a refused file changed the database"
    );
}

#[test]
fn bad_json_is_refused_with_its_line() {
    refused(
        |s| s.replacen("\"links\": [", "\"links\": [,", 1),
        "expected value",
    );
}

#[test]
fn unknown_status_true_is_refused() {
    refused(
        |s| s.replacen("\"status\": \"contested\"", "\"status\": \"true\"", 1),
        "unknown status \"true\"",
    );
}

#[test]
fn census_span_outside_the_text_is_refused() {
    refused(
        |s| {
            let v: Value = serde_json::from_str(s).unwrap();
            let start = v["claims"][0]["start"].as_u64().unwrap();
            let end = v["claims"][0]["end"].as_u64().unwrap();
            let shift = 1_000_000;
            s.replacen(
                &format!("\"start\": {start},\n      \"end\": {end},"),
                &format!(
                    "\"start\": {},\n      \"end\": {},",
                    start + shift,
                    end + shift
                ),
                1,
            )
            .replacen(
                &format!("\"char_len\": {}", v["document"]["char_len"]),
                &format!("\"char_len\": {}", 2 * shift),
                1,
            )
        },
        "outside the text",
    );
}

#[test]
fn hash_of_another_text_is_refused() {
    refused(
        |s| {
            let v: Value = serde_json::from_str(s).unwrap();
            let hash = v["document"]["content_hash"].as_str().unwrap().to_string();
            s.replacen(&hash, &"0".repeat(64), 1)
        },
        "matches no document",
    );
}

// --- property: any reviews round-trip -----------------------------------------------

const SENTENCES: &[&str] = &[
    "According to the 2010 census, there were about 600,000 Azerbaijanis living in Russia.",
    "Putin claimed in 2020 that the figure was closer to 2 million.",
    "The 44-day war ended on 10 November 2020.",
    "Trade grew by 12% in 2024, the ministry said.",
    "Baku’s ‘Russian House’ closed on 3 February 2025.",
    "Nothing here is a figure.",
];

#[derive(Debug, Clone)]
enum Op {
    Review {
        claim: usize,
        status: usize,
        note: Option<String>,
        evidence: Vec<String>,
        reviewer: String,
    },
    Note {
        claim: usize,
        note: String,
        reviewer: String,
    },
    Flag {
        claim: usize,
        against: Option<usize>,
        reason: String,
    },
    Unflag {
        claim: usize,
        note: String,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let who = "[a-z]{1,6}";
    prop_oneof![
        (
            any::<usize>(),
            0usize..7,
            proptest::option::of("\\PC{0,24}"),
            proptest::collection::vec("https://[a-z]{1,8}\\.org/[a-z0-9]{0,6}", 0..3),
            who
        )
            .prop_map(|(claim, status, note, evidence, reviewer)| Op::Review {
                claim,
                status,
                note,
                evidence,
                reviewer
            }),
        (any::<usize>(), "\\PC{1,24}", who).prop_map(|(claim, note, reviewer)| Op::Note {
            claim,
            note,
            reviewer
        }),
        (
            any::<usize>(),
            proptest::option::of(any::<usize>()),
            "\\PC{1,24}"
        )
            .prop_map(|(claim, against, reason)| Op::Flag {
                claim,
                against,
                reason
            }),
        (any::<usize>(), "\\PC{1,16}").prop_map(|(claim, note)| Op::Unflag { claim, note }),
    ]
}

fn docs(picks: &[(usize, usize)]) -> Vec<Document> {
    picks
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let text = format!(
                "{}\n{}\n{}",
                SENTENCES[a % SENTENCES.len()],
                SENTENCES[b % SENTENCES.len()],
                SENTENCES[(a + b) % SENTENCES.len()]
            );
            Document::from_text(format!("doc-{i}.txt"), text, Metadata::default())
        })
        .collect()
}

fn ingest_all(db: &mut Database, docs: &[Document]) {
    for d in docs {
        db.ingest(d, &pipeline::analyse(d)).unwrap();
    }
}

fn export_all(db: &Database) -> Vec<(String, String)> {
    let mut taken = std::collections::HashSet::new();
    db.current_documents()
        .unwrap()
        .into_iter()
        .map(|id| {
            let f = db.annotation_file(id).unwrap();
            let name = annotations::file_name(&f.document, &taken);
            taken.insert(name.clone());
            (name, annotations::render(&f))
        })
        .collect()
}

fn all_claim_ids(db: &Database) -> Vec<i64> {
    let mut stmt = db
        .connection()
        .prepare("SELECT id FROM claims ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_reviews_round_trip_byte_identically(
        picks in proptest::collection::vec((0usize..6, 0usize..6), 1..3),
        ops in proptest::collection::vec(op(), 0..12),
    ) {
        let docs = docs(&picks);
        let mut db = Database::in_memory().unwrap();
        ingest_all(&mut db, &docs);
        let ids = all_claim_ids(&db);
        prop_assume!(!ids.is_empty());
        let pick = |i: usize| ids[i % ids.len()];
        for op in ops {
            // Refusals (self-contests, unflagging an uncontested claim) are part of the
            // game: they must leave nothing behind.
            let _ = match op {
                Op::Review { claim, status, note, evidence, reviewer } => db.review(pick(claim), &ReviewRequest {
                    status: ClaimStatus::ALL[status], note, evidence, reviewer, expected: None,
                }).map(|_| ()),
                Op::Note { claim, note, reviewer } => db.note(pick(claim), &note, &reviewer).map(|_| ()),
                Op::Flag { claim, against, reason } => db.flag(pick(claim), &FlagRequest {
                    reason, against: against.map(pick), reviewer: "desk".into(), expected: None,
                }).map(|_| ()),
                Op::Unflag { claim, note } => db.unflag(pick(claim), &note, "desk").map(|_| ()),
            };
        }
        let first = export_all(&db);
        for (name, text) in &first {
            prop_assert!(annotations::parse(name, text).is_ok(), "{name} does not parse back");
        }
        let mut fresh = Database::in_memory().unwrap();
        ingest_all(&mut fresh, &docs);
        let report = fresh.import_annotations(&first).unwrap();
        prop_assert!(report.refused.is_empty(), "{:?}", report.refused);
        let second = export_all(&fresh);
        prop_assert_eq!(second.len(), first.len());
        for ((name, a), (_, b)) in first.iter().zip(&second) {
            let diff = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y);
            prop_assert!(a == b, "{name} differs at line {:?}", diff.map(|(i, (x, y))| (i + 1, x, y)));
        }
    }
}

// --- eval ------------------------------------------------------------------------------

fn eval_json(gold: &Path, cwd: &Path) -> Value {
    let out = bin()
        .current_dir(cwd)
        .args(["--db", "absent.db", "eval", "--gold"])
        .arg(gold)
        .args(["--format", "json"])
        .assert()
        .success();
    assert!(
        !cwd.join("absent.db").exists(),
        "eval must not create a database"
    );
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn eval_of_extract_output_against_itself_is_perfect_and_a_shifted_span_is_not_strict() {
    let dir = tempfile::tempdir().unwrap();
    let text = "GDP grew 3.2% in 2024, after 600,000 jobs were lost in 2023.";
    let input = serde_json::json!({"id": "a", "text": text, "date": "2025-01-15"});
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(format!("{input}\n"))
        .assert()
        .success();
    let found: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let mentions = found["mentions"].as_array().unwrap().clone();
    assert!(!mentions.is_empty());
    let gold = dir.path().join("gold.jsonl");
    let mut line = input.clone();
    line["mentions"] = Value::Array(mentions.clone());
    fs::write(&gold, format!("{line}\n")).unwrap();
    let r = eval_json(&gold, dir.path());
    for (kind, k) in r["kinds"].as_object().unwrap() {
        assert_eq!(k["strict"]["f1"], 1.0, "{kind}: {k}");
        assert_eq!(k["overlap"]["f1"], 1.0, "{kind}: {k}");
        assert_eq!(k["value"]["correct"], k["value"]["compared"], "{kind}: {k}");
    }
    // Shift one gold span by a character: still an overlap match, no longer strict.
    let mut shifted = mentions;
    let first = &mut shifted[0];
    let kind = first["kind"].as_str().unwrap().to_string();
    first["end"] = (first["end"].as_u64().unwrap() + 1).into();
    line["mentions"] = Value::Array(shifted);
    fs::write(&gold, format!("{line}\n")).unwrap();
    let r = eval_json(&gold, dir.path());
    let k = &r["kinds"][kind.as_str()];
    assert_eq!(k["overlap"]["f1"], 1.0);
    assert!(k["strict"]["f1"].as_f64().unwrap() < 1.0, "{k}");
}

#[test]
fn eval_on_the_committed_seed_annotations_scores_reviewed_claims_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = root.join("annotations");
    let r = eval_json(&gold, root);
    assert_eq!(r["documents"], 1);
    // Gold: the components and attributions of the reviewed claims in the files.
    let mut expected: std::collections::HashMap<String, u64> = Default::default();
    for e in fs::read_dir(&gold).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let f = annotations::parse("seed", &fs::read_to_string(&p).unwrap()).unwrap();
        for c in f.claims.iter().filter(|c| c.is_reviewed()) {
            for m in &c.components {
                *expected.entry(m.kind.as_str().to_string()).or_default() += 1;
            }
            if c.attribution.is_some() {
                *expected.entry("attribution".into()).or_default() += 1;
            }
        }
    }
    assert!(!expected.is_empty());
    for (kind, n) in &expected {
        assert_eq!(r["kinds"][kind]["gold"].as_u64(), Some(*n), "{kind}");
    }
}

#[test]
fn the_same_file_given_twice_is_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed_seed(dir.path());
    let files = dir.path().join("ann");
    run(&db, &["export", "--annotations", files.to_str().unwrap()]).success();
    let copy = dir.path().join("copy");
    fs::create_dir(&copy).unwrap();
    for (name, bytes) in dir_files(&files) {
        fs::write(copy.join(name), bytes).unwrap();
    }
    let fresh = dir.path().join("fresh.db");
    run(&fresh, &["ingest", "--quiet", seed().to_str().unwrap()]).success();
    run(
        &fresh,
        &["import", files.to_str().unwrap(), copy.to_str().unwrap()],
    )
    .code(1)
    .stderr(predicate::str::contains("is for the same document"));
    let again = dir.path().join("again");
    run(
        &fresh,
        &["export", "--annotations", again.to_str().unwrap()],
    )
    .success();
    assert_eq!(
        dir_files(&files),
        dir_files(&again),
        "imported exactly once"
    );
}
