//! Running `claimtrace serve` from the tests and talking HTTP/1.1 to it over a plain
//! socket (one request per connection), so the tests see exactly the bytes a browser
//! gets.
#![allow(dead_code)]

mod http;
#[allow(unused_imports)]
pub use http::{enc, field, Client, Resp};

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A desk running on a loopback port, stopped when dropped.
pub struct Desk {
    child: Child,
    pub addr: SocketAddr,
}

impl Desk {
    /// Starts `claimtrace --db DB serve --bind 127.0.0.1:0 ARGS` with `$CLAIMTRACE_REVIEWER`
    /// set to `ana`.
    pub fn start(db: &Path, args: &[&str]) -> Desk {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .args([
                "--db",
                db.to_str().expect("utf-8 path"),
                "serve",
                "--bind",
                "127.0.0.1:0",
            ])
            .args(args)
            .env("CLAIMTRACE_REVIEWER", "ana")
            .env_remove("CLAIMTRACE_DB")
            .env_remove("CLAIMTRACE_TOKEN")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start claimtrace serve");
        let mut line = String::new();
        BufReader::new(child.stderr.take().expect("stderr"))
            .read_line(&mut line)
            .expect("read the serve banner");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no address in the serve banner {line:?}"));
        Desk { child, addr }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn client(&self) -> Client {
        Client::to(self.addr)
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database of the bundled seed article in a temporary directory.
pub fn seed_db(dir: &Path) -> PathBuf {
    let db = dir.join("desk.db");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let st = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args([
            "--db",
            db.to_str().expect("utf-8 path"),
            "ingest",
            corpus.to_str().expect("utf-8"),
            "--quiet",
        ])
        .env_remove("CLAIMTRACE_DB")
        .output()
        .expect("ingest");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    db
}

/// The id of the claim whose text contains `text`.
pub fn claim_with(db: &Path, text: &str) -> i64 {
    let db = claimtrace::store::Database::open(db).expect("open");
    let rows = db
        .list_claims(&claimtrace::store::ClaimFilter {
            text: Some(text.into()),
            ..Default::default()
        })
        .expect("list");
    rows.first()
        .unwrap_or_else(|| panic!("no claim with {text:?}"))
        .id
}

/// Runs the CLI on `db`; returns (exit code, stdout, stderr).
pub fn cli(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["--db", db.to_str().expect("utf-8 path")])
        .args(args)
        .env("CLAIMTRACE_REVIEWER", "ana")
        .env_remove("CLAIMTRACE_DB")
        .output()
        .expect("run claimtrace");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
