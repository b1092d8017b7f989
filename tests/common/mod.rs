//! Helpers shared by the integration tests: run the built binary on temp databases.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("claimtrace").expect("binary built");
    c.env_remove("CLAIMTRACE_DB").env("NO_COLOR", "1");
    c
}

/// Runs the binary on a database and parses its stdout as JSON; the command must succeed.
pub fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = bin()
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON output")
}

/// The bundled seed article.
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Row counts of every table, straight from SQLite.
pub fn counts(db: &Path) -> Vec<(String, i64)> {
    if !db.exists() {
        return Vec::new();
    }
    claimtrace::store::Database::open(db)
        .expect("open db")
        .counts()
        .expect("counts")
}

/// Every row of every table, as text, in id order; columns that hold the time of a write
/// (`*_at`) are left out, so two databases written at different times compare equal.
/// A full-text index is compared by the rows it indexes: the layout of its segments (its
/// shadow tables) depends on how the writes were batched, not on what they wrote.
pub fn dump(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let tables: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let virtual_tables: Vec<String> = tables
        .iter()
        .filter(|(_, sql)| sql.starts_with("CREATE VIRTUAL TABLE"))
        .map(|(name, _)| name.clone())
        .collect();
    tables
        .into_iter()
        .filter(|(name, _)| {
            !virtual_tables
                .iter()
                .any(|v| name.starts_with(&format!("{v}_")))
        })
        .map(|(table, _)| {
            let columns = if virtual_tables.contains(&table) {
                "rowid"
            } else {
                "*"
            };
            let mut stmt = conn
                .prepare(&format!("SELECT {columns} FROM \"{table}\""))
                .unwrap();
            let keep: Vec<usize> = stmt
                .column_names()
                .iter()
                .enumerate()
                .filter(|(_, name)| !name.ends_with("_at"))
                .map(|(i, _)| i)
                .collect();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = keep
                        .iter()
                        .map(|&i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(cells.join(" | "))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (table, rows)
        })
        .collect()
}

/// A corpus of `n` articles of uneven length made from the seed article's paragraphs
/// (each a different run of them), written as `dir/NNN.txt`, every third with a
/// publication date in a sidecar; returns the texts in file order.
pub fn articles(dir: &Path, n: usize) -> Vec<String> {
    let seed_text = std::fs::read_to_string(seed().join("000_dcccab2e6cf52972.txt")).expect("seed");
    let paragraphs: Vec<&str> = seed_text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|i| {
            // Lengths from one paragraph to all of them, out of order, so that later
            // articles often finish before earlier ones on other threads.
            let len = 1 + (i * 7) % paragraphs.len();
            let text: Vec<&str> = (0..len)
                .map(|k| paragraphs[(i + k) % paragraphs.len()])
                .collect();
            let text = text.join("\n\n") + "\n";
            let path = dir.join(format!("{i:03}.txt"));
            std::fs::write(&path, &text).unwrap();
            if i % 3 == 0 {
                std::fs::write(
                    dir.join(format!("{i:03}.meta.json")),
                    format!("{{\"published\": \"2025-0{}-1{}\"}}", 1 + i % 9, i % 10),
                )
                .unwrap();
            }
            text
        })
        .collect()
}
