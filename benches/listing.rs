//! Listing claims from a database of 100,000 claims, with the filters a desk uses.
//!
//!     cargo bench --bench listing
//!
//! Builds the database once in Cargo's target tmp dir (`bench-listing.db`) (2,000 documents of 50 claims
//! each, a spread of statuses), then times each listing.

use std::path::Path;
use std::time::Instant;

use claimtrace::document::{Document, Metadata};
use claimtrace::pipeline;
use claimtrace::review::ClaimStatus;
use claimtrace::store::{ClaimFilter, ClaimSort, Database, ReviewRequest};

const DOCS: usize = 2_000;
const SENTENCES: usize = 50;

fn build(path: &Path) -> Database {
    let mut db = Database::open(path).expect("open bench db");
    let have: i64 = db
        .connection()
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .expect("count");
    if have >= (DOCS * SENTENCES) as i64 {
        return db;
    }
    let t = Instant::now();
    for d in 0..DOCS {
        // Half the claims cite a report, half are unsourced.
        let text: String = (0..SENTENCES)
            .map(|s| {
                let lead = if s % 2 == 0 {
                    format!("Report {d}-{s} says exports")
                } else {
                    format!("In region {d}-{s}, exports")
                };
                format!(
                    "{lead} rose {s}.{d} percent to {} tonnes in {}. ",
                    1000 + s * 7 + d,
                    1990 + (s + d) % 35
                )
            })
            .collect();
        let doc = Document::from_text(format!("bench/{d}.txt"), text, Metadata::default());
        let a = pipeline::analyse(&doc);
        db.ingest(&doc, &a).expect("ingest");
    }
    // A spread of statuses: every 97th claim verified, every 1,009th contested.
    let ids: Vec<i64> = {
        let mut stmt = db
            .connection()
            .prepare("SELECT id FROM claims WHERE id % 97 = 0 OR id % 1009 = 0")
            .expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.map(|r| r.expect("row")).collect()
    };
    for id in ids {
        let status = if id % 1009 == 0 {
            ClaimStatus::Contested
        } else {
            ClaimStatus::Verified
        };
        db.review(
            id,
            &ReviewRequest {
                status,
                note: None,
                evidence: Vec::new(),
                reviewer: "bench".into(),
                expected: None,
            },
        )
        .expect("review");
    }
    println!(
        "built {} in {:.1} s",
        path.display(),
        t.elapsed().as_secs_f64()
    );
    db
}

fn time(db: &Database, name: &str, f: ClaimFilter) {
    let t = Instant::now();
    let rows = db.list_claims(&f).expect("list");
    println!(
        "{name:<44} {:>8.1} ms  ({} claims)",
        t.elapsed().as_secs_f64() * 1000.0,
        rows.len()
    );
}

fn main() {
    let db = build(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-listing.db"));
    let total: i64 = db
        .connection()
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .expect("count");
    println!("database: {total} claims");
    time(
        &db,
        "status = contested",
        ClaimFilter {
            status: Some("contested".into()),
            ..ClaimFilter::default()
        },
    );
    time(
        &db,
        "status = verified",
        ClaimFilter {
            status: Some("verified".into()),
            ..ClaimFilter::default()
        },
    );
    time(
        &db,
        "unsourced, by worthiness, limit 50",
        ClaimFilter {
            unsourced: true,
            sort: ClaimSort::Worthiness,
            limit: Some(50),
            ..ClaimFilter::default()
        },
    );
    time(
        &db,
        "unsourced, all",
        ClaimFilter {
            unsourced: true,
            ..ClaimFilter::default()
        },
    );
    time(
        &db,
        "one document",
        ClaimFilter {
            document: Some(1234),
            ..ClaimFilter::default()
        },
    );
    time(
        &db,
        "text search 'region 1999-', limit 100",
        ClaimFilter {
            text: Some("region 1999-".into()),
            limit: Some(100),
            ..ClaimFilter::default()
        },
    );
    time(
        &db,
        "type = comparison, limit 1000",
        ClaimFilter {
            claim_type: Some("comparison".into()),
            limit: Some(1000),
            ..ClaimFilter::default()
        },
    );
}
