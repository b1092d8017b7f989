//! `claimtrace serve` under load: 20 clients reading articles and claim panels and
//! sending reviews for 30 seconds against a database of the standard 10 MB corpus, on
//! loopback only.
//!
//!     cargo bench --bench serve_load
//!     CLAIMTRACE_LOAD_SECS=5 CLAIMTRACE_LOAD_CLIENTS=8 cargo bench --bench serve_load
//!
//! Builds the database once in Cargo's target tmp dir (`bench-serve-10mb.db`, from
//! `../shared/eval/make_bench.py`), starts the desk in-process on 127.0.0.1 with its
//! default eight workers, and reports latency percentiles per page. It fails (non-zero
//! exit) on any error response and on any accepted review missing from the log: each
//! review carries a unique note, and every one the desk accepted must be logged once.

#[path = "../tests/serve_support/http.rs"]
mod http;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimtrace::document::{Document, Metadata};
use claimtrace::pipeline;
use claimtrace::serve::{Config, Server};
use claimtrace::store::{ClaimFilter, Database};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn build(path: &Path) {
    if path.exists() {
        return;
    }
    // `../shared` beside the repository (or beside the folder of work trees).
    let script = [
        "../shared/eval/make_bench.py",
        "../../shared/eval/make_bench.py",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
    .expect("../shared/eval/make_bench.py");
    let out = Command::new("python3")
        .args([script, "10"])
        .output()
        .expect("python3 ../shared/eval/make_bench.py runs");
    assert!(out.status.success(), "make_bench.py failed");
    let t = Instant::now();
    let tmp = path.with_extension("building");
    let _ = std::fs::remove_file(&tmp);
    let mut db = Database::open(&tmp).expect("open bench db");
    db.begin_batch().expect("batch");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("bench line is JSON");
        let doc = Document::from_text(
            v["id"].as_str().unwrap_or("").to_string(),
            v["text"].as_str().unwrap_or("").to_string(),
            Metadata {
                published: v["date"].as_str().and_then(|d| d.parse().ok()),
                ..Metadata::default()
            },
        );
        db.ingest(&doc, &pipeline::analyse(&doc)).expect("ingest");
    }
    db.commit_batch().expect("commit");
    drop(db);
    std::fs::rename(&tmp, path).expect("move the bench db into place");
    eprintln!("built {} in {:.1?}", path.display(), t.elapsed());
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[derive(Default)]
struct Tally {
    /// (page, milliseconds)
    times: Vec<(&'static str, f64)>,
    errors: Vec<String>,
    /// Notes of accepted reviews.
    accepted: Vec<String>,
    refused: usize,
}

fn main() {
    let secs = env_num("CLAIMTRACE_LOAD_SECS", 30);
    let clients = env_num("CLAIMTRACE_LOAD_CLIENTS", 20) as usize;
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-serve-10mb.db");
    build(&path);
    let db = Database::open(&path).expect("open");
    let claims = db.list_claims(&ClaimFilter::default()).expect("claims");
    let docs = db.current_documents().expect("documents");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let before: i64 = db
        .connection()
        .query_row("SELECT coalesce(max(id), 0) FROM review_log", [], |r| {
            r.get(0)
        })
        .expect("count");
    eprintln!(
        "database: {} documents, {} claims, {:.0} MB; {clients} clients for {secs} s",
        docs.len(),
        claims.len(),
        size as f64 / 1e6
    );
    // The server's connections are the process's only ones while it runs.
    drop(db);
    let server = Server::bind(Config {
        db: path.clone(),
        bind: "127.0.0.1:0".parse().expect("address"),
        token: None,
        reviewer: "load".into(),
        threads: 8,
    })
    .expect("bind");
    let addr = server.addr();
    std::thread::spawn(move || server.run());
    let by_doc: Arc<Vec<(i64, Vec<i64>)>> = Arc::new(
        docs.iter()
            .map(|&d| {
                (
                    d,
                    claims
                        .iter()
                        .filter(|c| c.document_id == d)
                        .map(|c| c.id)
                        .collect(),
                )
            })
            .filter(|(_, c): &(i64, Vec<i64>)| !c.is_empty())
            .collect(),
    );
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|n| {
            let (by_doc, stop) = (Arc::clone(&by_doc), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((n as u64 + 1) * 0x2545_F491_4F6C_DD1D));
                let mut c = http::Client::to(addr);
                let mut t = Tally::default();
                let timed =
                    |t: &mut Tally, page: &'static str, c: &mut http::Client, path: &str| {
                        let at = Instant::now();
                        let r = c.get(path);
                        t.times.push((page, at.elapsed().as_secs_f64() * 1e3));
                        if r.status != 200 {
                            t.errors.push(format!("GET {path}: {}", r.status));
                        }
                        r
                    };
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let (doc, ids) = &by_doc[rng.next(by_doc.len())];
                    timed(&mut t, "article", &mut c, &format!("/doc/{doc}"));
                    // Half the claims come from a small set, so reviewers collide.
                    let claim = if i % 2 == 0 {
                        by_doc[rng.next(8)].1[0]
                    } else {
                        ids[rng.next(ids.len())]
                    };
                    let doc = if i % 2 == 0 {
                        by_doc
                            .iter()
                            .find(|(_, c)| c[0] == claim)
                            .map_or(*doc, |d| d.0)
                    } else {
                        *doc
                    };
                    let panel = timed(
                        &mut t,
                        "article + panel",
                        &mut c,
                        &format!("/doc/{doc}?claim={claim}"),
                    );
                    if i % 10 == 0 {
                        timed(
                            &mut t,
                            "documents",
                            &mut c,
                            &format!("/?page={}", 1 + rng.next(50)),
                        );
                    }
                    if i % 3 == 0 {
                        let (Some(csrf), Some(seen)) = (
                            http::field(&panel.body, "csrf"),
                            http::field(&panel.body, "if_status"),
                        ) else {
                            t.errors.push(format!("no review form on claim {claim}"));
                            continue;
                        };
                        let note = format!("load-{n}-{i}");
                        let status = ["verified", "false", "misleading", "in_review"][rng.next(4)];
                        let at = Instant::now();
                        let r = c.post(
                            &format!("/claim/{claim}/review"),
                            &[
                                ("csrf", &csrf),
                                ("if_status", &seen),
                                ("status", status),
                                ("note", &note),
                            ],
                        );
                        t.times
                            .push(("review (POST)", at.elapsed().as_secs_f64() * 1e3));
                        match r.status {
                            303 => t.accepted.push(note),
                            409 => t.refused += 1,
                            s => t.errors.push(format!(
                                "POST review {claim}: {s} {}",
                                r.body.chars().take(200).collect::<String>()
                            )),
                        }
                    }
                }
                t
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(secs));
    stop.store(true, Ordering::Relaxed);
    let tallies: Vec<Tally> = handles
        .into_iter()
        .map(|h| h.join().expect("client"))
        .collect();
    let elapsed = started.elapsed().as_secs_f64();

    let mut times: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let (mut errors, mut accepted, mut refused) = (Vec::new(), Vec::new(), 0);
    for t in tallies {
        for (p, ms) in t.times {
            times.entry(p).or_default().push(ms);
        }
        errors.extend(t.errors);
        accepted.extend(t.accepted);
        refused += t.refused;
    }
    println!(
        "{:<18} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "page", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms"
    );
    let mut total = 0;
    for (page, mut v) in times {
        v.sort_by(f64::total_cmp);
        let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
        total += v.len();
        println!(
            "{page:<18} {:>8} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            v.len(),
            q(0.5),
            q(0.95),
            q(0.99),
            q(1.0)
        );
    }
    println!("{total} requests in {elapsed:.1} s ({:.0}/s); reviews: {} accepted, {refused} refused as stale; errors: {}", total as f64 / elapsed, accepted.len(), errors.len());
    let db = Database::open(&path).expect("open");
    // Every entry this run wrote (its ids follow the last one before it).
    let logged: Vec<String> = {
        let mut stmt = db
            .connection()
            .prepare("SELECT note FROM review_log WHERE id > ?1 AND note LIKE 'load-%'")
            .expect("prepare");
        stmt.query_map([before], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect()
    };
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for n in &logged {
        *seen.entry(n.as_str()).or_default() += 1;
    }
    let lost: Vec<&String> = accepted
        .iter()
        .filter(|n| seen.get(n.as_str()) != Some(&1))
        .collect();
    println!(
        "review log: {} new entries for {} accepted reviews; lost or doubled: {}",
        logged.len(),
        accepted.len(),
        lost.len()
    );
    for e in errors.iter().take(5) {
        eprintln!("error: {e}");
    }
    if !errors.is_empty() || !lost.is_empty() || logged.len() != accepted.len() {
        std::process::exit(1);
    }
}
