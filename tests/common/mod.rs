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
