//! Matching new articles against a database of 100,000 stored claims.
//!
//!     cargo bench --bench matching
//!
//! Builds the database once in Cargo's target tmp dir (`bench-matching.db`): 2,900
//! articles of 40 sentences (about 100,000 claims), figures about a spread of subjects, places and years
//! (half of them with a figure, as in news), indexed and matched as `claimtrace ingest`
//! does. Then stores 50 new articles on the same subjects, one at a time, and prints the
//! time per article of the whole write (rows, claim index, candidates, classification,
//! relations; the analysis is done before the clock starts) beside the same write
//! into an empty database, whose difference is what matching against 100,000 claims
//! and 10,000 fact-checks from elsewhere (imported ClaimReview on the same subjects)
//! adds. Each new article is rolled back, so every run measures the same database.

use std::path::Path;
use std::time::Instant;

use claimtrace::claimreview::{self, FactCheck};
use claimtrace::document::{Document, Metadata};
use claimtrace::pipeline;
use claimtrace::store::{Database, DocumentRows};

const DOCS: usize = 2_900;
/// Claims the database must hold (some sentences of an article are not claims).
const CLAIMS: i64 = 100_000;
const SENTENCES: usize = 40;
const NEW: usize = 50;
/// Fact-checks from elsewhere in the database.
const FACT_CHECKS: usize = 10_000;

const SUBJECTS: &[&str] = &[
    "wheat exports",
    "unemployment",
    "the road repair budget",
    "tourist arrivals",
    "inflation",
    "hospital waiting lists",
    "car sales",
    "rice imports",
    "the defence budget",
    "electricity prices",
];
const PLACES: &[&str] = &[
    "Ohio", "Kenya", "Peru", "Norway", "Vietnam", "Chile", "Poland", "Ghana", "Nepal", "Portugal",
    "Morocco", "Ireland",
];
const EVENTS: &[&str] = &[
    "The minister of {p} visited the port of {p} on {d} May.",
    "Protesters gathered outside parliament in {p} on {d} June.",
    "The court in {p} adjourned the case until {d} July.",
    "Officials in {p} opened a new bridge over the river on {d} March.",
];

fn sentence(doc: usize, s: usize) -> String {
    let p = PLACES[(doc * 7 + s) % PLACES.len()];
    if s % 2 == 1 {
        let d = 1 + (doc + s) % 27;
        return EVENTS[(doc + s) % EVENTS.len()]
            .replace("{p}", p)
            .replace("{d}", &d.to_string());
    }
    let subject = SUBJECTS[(doc + s * 3) % SUBJECTS.len()];
    let year = 1995 + (doc + s) % 30;
    match s % 4 {
        0 => format!(
            "In {p}, {subject} rose {}.{}% to ${} million in {year}.",
            1 + (doc + s) % 20,
            s % 10,
            100 + (doc * 13 + s) % 900
        ),
        _ => format!(
            "{p}'s {subject} reached about {},{:03} in {year}, officials said.",
            10 + (doc * 7 + s) % 90,
            (doc * 31 + s) % 1000
        ),
    }
}

fn article(doc: usize) -> Document {
    let text: String = (0..SENTENCES)
        .map(|s| sentence(doc, s))
        .collect::<Vec<_>>()
        .join(" ");
    let meta = Metadata {
        published: chrono::NaiveDate::from_ymd_opt(2025, 1 + (doc % 12) as u32, 10),
        ..Metadata::default()
    };
    Document::from_text(format!("bench/{doc}.txt"), text, meta)
}

/// Fact-check `i`: a figure on one of the articles' subjects, places and years.
fn fact_check(i: usize) -> (FactCheck, Vec<claimtrace::matching::QuantityKey>) {
    let claim = sentence(i / 20, (i % 20) * 2);
    let f = FactCheck {
        claim: claim.clone(),
        rating: Some(if i % 3 == 0 { "False" } else { "Mostly true" }.into()),
        publisher: Some("Bench Checks".into()),
        url: Some(format!("https://checks.example.org/{i}")),
        review_date: Some("2025-06-01".into()),
        ..FactCheck::default()
    };
    let keys = claimreview::keys(&f.claim, f.date());
    (f, keys)
}

fn add_fact_checks(db: &mut Database) {
    let have: i64 = db
        .connection()
        .query_row("SELECT count(*) FROM fact_checks", [], |r| r.get(0))
        .expect("count");
    if have >= FACT_CHECKS as i64 {
        return;
    }
    let t = Instant::now();
    let all: Vec<_> = (0..FACT_CHECKS).map(fact_check).collect();
    db.import_fact_checks(&all).expect("import fact-checks");
    println!(
        "imported {FACT_CHECKS} fact-checks in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

fn build(path: &Path) -> Database {
    let mut db = Database::open(path).expect("open bench db");
    let have: i64 = db
        .connection()
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .expect("count");
    if have >= CLAIMS {
        add_fact_checks(&mut db);
        return db;
    }
    assert_eq!(have, 0, "remove {} and run again", path.display());
    let t = Instant::now();
    db.begin_batch().expect("begin");
    for d in 0..DOCS {
        let doc = article(d);
        let a = pipeline::analyse(&doc);
        db.ingest(&doc, &a).expect("ingest");
        if d % 250 == 249 {
            db.commit_batch().expect("commit");
            db.begin_batch().expect("begin");
        }
    }
    db.commit_batch().expect("commit");
    println!(
        "built {} in {:.1} s",
        path.display(),
        t.elapsed().as_secs_f64()
    );
    add_fact_checks(&mut db);
    db
}

/// Milliseconds per article to store `docs` (analysed beforehand) into `db`, each in a
/// transaction that is rolled back.
fn store_each(db: &mut Database, docs: &[(Document, pipeline::Analysis, DocumentRows)]) -> f64 {
    let t = Instant::now();
    for (doc, _, rows) in docs {
        db.begin_batch().expect("begin");
        db.ingest_rows(doc, rows).expect("ingest");
        db.connection()
            .execute_batch("ROLLBACK")
            .expect("roll back");
    }
    t.elapsed().as_secs_f64() * 1000.0 / docs.len() as f64
}

fn main() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let mut db = build(&dir.join("bench-matching.db"));
    let (claims, relations, checks): (i64, i64, i64) = db
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM claim_relations)
                    + (SELECT count(*) FROM fact_check_relations),
                    (SELECT count(*) FROM fact_checks)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("count");
    println!("database: {claims} claims, {checks} fact-checks, {relations} relations");
    let new: Vec<_> = (0..NEW)
        .map(|i| {
            let doc = article(DOCS + i);
            let a = pipeline::analyse(&doc);
            let rows = DocumentRows::new(&doc, &a);
            (doc, a, rows)
        })
        .collect();
    let empty_path = dir.join("bench-matching-empty.db");
    let _ = std::fs::remove_file(&empty_path);
    let mut empty = Database::open(&empty_path).expect("empty db");
    // Warm both: the first article reads the pages it needs.
    store_each(&mut db, &new[..1]);
    store_each(&mut empty, &new[..1]);
    let full = store_each(&mut db, &new);
    let alone = store_each(&mut empty, &new);
    println!(
        "store one article of {SENTENCES} claims: {full:.2} ms with {claims} stored claims, \
         and {checks} fact-checks, {alone:.2} ms into an empty database: matching adds \
         {:.2} ms per article",
        full - alone
    );
}
