//! Throughput of each pipeline stage and of the whole pipeline, in MB/s of article text.
//!
//! Input: the standard benchmark corpus of `../shared/eval/make_bench.py` (the seed
//! article and the TimeBank texts repeated to 10 MB), read from `$CLAIMTRACE_BENCH_INPUT`
//! or generated into Cargo's target tmp dir (`bench-10mb.jsonl`). One thread, so figures are per core.
//!
//!     cargo bench --bench throughput
//!     cargo bench --bench throughput -- ingest     # only the stages whose name has "ingest"
//!     CLAIMTRACE_BENCH_MB=20 cargo bench --bench throughput
//!     CLAIMTRACE_BENCH_PASSES=9 cargo bench --bench throughput
//!
//! A stage that changes nothing (the recognisers, extract) runs several passes over the
//! corpus (`$CLAIMTRACE_BENCH_PASSES`, default 5) and reports the median pass, with the
//! fastest beside it: one pass of 0.1 s moves by several per cent on a shared machine.
//! The stages that write a database run once.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use claimtrace::document::{Document, Metadata};
use claimtrace::output;
use claimtrace::pipeline;
use claimtrace::recognize::{attribution, dates, figures, Context};
use claimtrace::segment::{self, Segmentation};
use claimtrace::store::{Database, DocumentRows};

// The allocator of the `claimtrace` binary, so that library stages run as they do there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn input_path() -> PathBuf {
    match std::env::var_os("CLAIMTRACE_BENCH_INPUT") {
        Some(p) => PathBuf::from(p),
        None => {
            let mb = std::env::var("CLAIMTRACE_BENCH_MB").unwrap_or_else(|_| "10".into());
            let path =
                PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-{mb}mb.jsonl"));
            if !path.exists() {
                let out = Command::new("python3")
                    .args(["../shared/eval/make_bench.py", &mb])
                    .output()
                    .expect("python3 ../shared/eval/make_bench.py runs");
                assert!(out.status.success(), "make_bench.py failed");
                std::fs::write(&path, out.stdout).expect("write the bench corpus");
            }
            path
        }
    }
}

fn input() -> Vec<Document> {
    let path = input_path();
    let raw = std::fs::read_to_string(&path).expect("read the bench corpus");
    raw.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("bench line is JSON");
            let published = v["date"].as_str().and_then(|d| d.parse().ok());
            Document::from_text(
                v["id"].as_str().unwrap_or("").to_string(),
                v["text"].as_str().unwrap_or("").to_string(),
                Metadata {
                    published,
                    ..Metadata::default()
                },
            )
        })
        .collect()
}

/// User + system CPU seconds of the calling thread (Linux; `None` elsewhere).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and stime are the
    // 12th and 13th, in clock ticks of 1/100 s.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// How many passes a stage that changes nothing runs.
fn passes() -> usize {
    std::env::var("CLAIMTRACE_BENCH_PASSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5)
}

/// Runs `f` `passes` times over the corpus and prints its throughput: the median pass
/// (and the fastest, when there are several).
fn report(name: &str, bytes: usize, passes: usize, mut f: impl FnMut() -> usize) {
    // `cargo bench --bench throughput -- WORD` runs only the stages named with WORD.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !wanted.is_empty() && !wanted.iter().any(|w| name.contains(w.as_str())) {
        return;
    }
    // (wall seconds, CPU seconds of this thread) of each pass.
    let mut runs: Vec<(f64, Option<f64>)> = Vec::with_capacity(passes);
    let mut found = 0;
    for _ in 0..passes.max(1) {
        let (t, cpu) = (Instant::now(), thread_cpu_seconds());
        found = f();
        let secs = t.elapsed().as_secs_f64();
        let cpu = match (cpu, thread_cpu_seconds()) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        runs.push((secs, cpu));
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (secs, cpu) = runs[runs.len() / 2];
    // CPU time of this thread too: steadier than wall time on a shared machine (child
    // processes are not counted, so the binary stages show wall time only).
    let cpu = match cpu {
        Some(c) if !name.starts_with("claimtrace ") => format!(", {c:.2} s CPU"),
        _ => String::new(),
    };
    let mb = bytes as f64 / 1e6;
    let spread = if runs.len() > 1 {
        format!(
            "; median of {}, fastest {:.1} MB/s",
            runs.len(),
            mb / runs[0].0
        )
    } else {
        String::new()
    };
    println!(
        "{name:<22} {:>8.1} MB/s   ({secs:.2} s{cpu}, {found} items{spread})",
        mb / secs,
    );
}

fn main() {
    let docs = input();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.1} MB of text",
        docs.len(),
        bytes as f64 / 1e6
    );
    let segs: Vec<Segmentation> = docs.iter().map(|d| segment::segment(&d.text)).collect();
    let ctx = |i: usize| Context {
        text: &docs[i].text,
        segments: &segs[i],
        published: docs[i].meta.published,
    };
    report("segment", bytes, passes(), || {
        docs.iter()
            .map(|d| segment::segment(&d.text).sentences.len())
            .sum()
    });
    report("figures alone", bytes, passes(), || {
        (0..docs.len())
            .map(|i| figures::recognise(&ctx(i)).len())
            .sum()
    });
    report("dates alone", bytes, passes(), || {
        (0..docs.len())
            .map(|i| dates::recognise(&ctx(i)).0.len())
            .sum()
    });
    report("attribution alone", bytes, passes(), || {
        (0..docs.len())
            .map(|i| attribution::recognise(&ctx(i)).len())
            .sum()
    });
    report("extract (to JSON)", bytes, passes(), || {
        docs.iter()
            .map(|d| {
                let a = pipeline::analyse(d);
                let mut buf = Vec::new();
                let id = serde_json::Value::from(d.key.as_str());
                output::write_analysis(&mut buf, &id, &d.text, &a).expect("write JSON");
                buf.len()
            })
            .sum()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    // The writer's share of an ingest: analyses and rows ready, only the SQLite writes
    // timed (`claimtrace ingest` computes the rest on its analyser thread).
    let analysed: Vec<_> = docs
        .iter()
        .map(|d| DocumentRows::new(d, &pipeline::analyse(d)))
        .collect();
    let mut db = Database::open(&dir.path().join("writes.db")).expect("open bench db");
    report("ingest writes only", bytes, 1, || {
        let mut stored = 0;
        for chunk in docs.iter().zip(&analysed).collect::<Vec<_>>().chunks(256) {
            db.begin_batch().expect("begin batch");
            for (d, rows) in chunk {
                stored += db.ingest_rows(d, rows).map(|_| 1).unwrap_or(0);
            }
            db.commit_batch().expect("commit batch");
        }
        stored
    });
    drop(analysed);
    let mut db = Database::open(&dir.path().join("bench.db")).expect("open bench db");
    report("ingest (SQLite)", bytes, 1, || {
        // As `claimtrace ingest` writes: batches of 256 documents, one savepoint each.
        let mut stored = 0;
        for chunk in docs.chunks(256) {
            db.begin_batch().expect("begin batch");
            for d in chunk {
                let a = pipeline::analyse(d);
                stored += db.ingest(d, &a).map(|_| 1).unwrap_or(0);
            }
            db.commit_batch().expect("commit batch");
        }
        stored
    });

    // The binary end to end: extract as a stdin → stdout filter, ingest of article files.
    let exe = env!("CARGO_BIN_EXE_claimtrace");
    // At 1 and 2 jobs (`--jobs`): the scaling of the analysis over cores.
    for jobs in ["1", "2"] {
        report(
            &format!("claimtrace extract -j{jobs}"),
            bytes,
            passes().min(3),
            || {
                // Output to /dev/null, as a filter in a pipeline would hand it on.
                let input = std::fs::File::open(input_path()).expect("bench input");
                let status = Command::new(exe)
                    .args(["extract", "--format", "jsonl", "--jobs", jobs])
                    .stdin(input)
                    .stdout(std::process::Stdio::null())
                    .status()
                    .expect("run claimtrace extract");
                assert!(status.success());
                docs.len()
            },
        );
    }
    let files = dir.path().join("articles");
    std::fs::create_dir(&files).expect("articles dir");
    for (i, d) in docs.iter().enumerate() {
        std::fs::write(files.join(format!("{i:05}.txt")), &d.text).expect("write article");
    }
    for jobs in ["1", "2"] {
        report(&format!("claimtrace ingest -j{jobs}"), bytes, 1, || {
            let out = Command::new(exe)
                .arg("--db")
                .arg(dir.path().join(format!("cli-{jobs}.db")))
                .args(["ingest", "--quiet", "--jobs", jobs])
                .arg(&files)
                .output()
                .expect("run claimtrace ingest");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            docs.len()
        });
    }
}
