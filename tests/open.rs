//! Opening databases through the real binary: read commands never create one, a
//! read-only copy can be read, and a file that is not a claimtrace database is refused
//! untouched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{bin, seed};
use predicates::prelude::*;

/// Every command that only reads the database, with arguments that would succeed on
/// the seed article.
const READ_COMMANDS: &[&[&str]] = &[
    &["claims"],
    &["show", "1"],
    &["report", "status"],
    &["documents"],
    &["sources"],
    &["history", "1"],
    &["export", "--format", "csv"],
];

fn ingested(dir: &Path) -> PathBuf {
    let db = dir.join("desk.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    db
}

/// The database file and whatever SQLite keeps beside it.
fn files_of(db: &Path) -> Vec<(String, Vec<u8>)> {
    let dir = db.parent().unwrap();
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_typo_in_db_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dsek.db");
    for args in READ_COMMANDS {
        bin()
            .args(["--db", db.to_str().unwrap()])
            .args(*args)
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("dsek.db"))
            .stderr(predicate::str::contains("claimtrace ingest"));
        assert!(
            fs::read_dir(dir.path()).unwrap().next().is_none(),
            "{args:?} created a file"
        );
    }
}

#[test]
fn an_empty_file_is_no_database_to_read_but_ingest_fills_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    fs::write(&db, b"").unwrap();
    bin()
        .args(["--db", db.to_str().unwrap(), "documents"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("claimtrace ingest"));
    assert_eq!(fs::read(&db).unwrap(), b"");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    bin()
        .args([
            "--db",
            db.to_str().unwrap(),
            "documents",
            "--format",
            "jsonl",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\":1"));
}

/// Refuses `db` with a message containing `says` on every command, one line of
/// stderr, and leaves its files byte for byte as they were.
fn refused_untouched(db: &Path, says: &str) {
    let before = files_of(db);
    let mut commands: Vec<Vec<String>> = READ_COMMANDS
        .iter()
        .map(|a| a.iter().map(|s| s.to_string()).collect())
        .collect();
    commands.push(vec![
        "ingest".into(),
        "--quiet".into(),
        seed().display().to_string(),
    ]);
    commands.push(vec![
        "review".into(),
        "1".into(),
        "--status".into(),
        "verified".into(),
    ]);
    for args in &commands {
        let out = bin()
            .args(["--db", db.to_str().unwrap()])
            .args(args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains(
                db.file_name().unwrap().to_str().unwrap(),
            ));
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(files_of(db) == before, "{args:?} changed the files");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    fs::write(&db, "shopping: eggs, milk\n".repeat(40)).unwrap();
    refused_untouched(&db, "is not an SQLite database");
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let whole = ingested(dir.path());
    let sub = dir.path().join("copy");
    fs::create_dir(&sub).unwrap();
    let db = sub.join("cut.db");
    let bytes = fs::read(&whole).unwrap();
    fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    refused_untouched(&db, "truncated");
    // Cut inside the header too.
    fs::write(&db, &bytes[..60]).unwrap();
    refused_untouched(&db, "truncated");
}

#[test]
fn another_applications_database_keeps_its_journal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES ('keep');")
            .unwrap();
    }
    refused_untouched(&db, "is not a claimtrace database");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

/// Applications number their own schemas with `PRAGMA user_version` too: an app's
/// database at version 1, 3 or 4 has none of claimtrace's tables, and is refused as
/// it is, not switched to WAL and then failed in a migration.
#[test]
fn another_applications_database_at_user_version_3_keeps_its_journal_mode() {
    for version in [1, 3, 4] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("app.db");
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES ('keep');")
                .unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        refused_untouched(&db, "is not a claimtrace database");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "user_version {version}");
    }
}

#[test]
fn a_schema_version_no_claimtrace_writes_is_refused_without_a_panic() {
    for (version, says) in [(-1_i64, "schema version -1"), (99, "schema version 99")] {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("d");
        fs::create_dir(&sub).unwrap();
        let db = sub.join("odd.db");
        fs::copy(ingested(dir.path()), &db).unwrap();
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
            // Back to a single file, as a copy sent by someone else would be.
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        refused_untouched(&db, says);
    }
}

/// Whether this process can write a file whatever its permissions (root can).
fn ignores_permissions(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("probe");
    fs::write(&probe, b"").unwrap();
    let root = fs::metadata(&probe).unwrap().uid() == 0;
    fs::remove_file(probe).unwrap();
    root
}

#[test]
fn a_database_in_a_read_only_directory_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    let db = shared.join("desk.db");
    let original = ingested(dir.path());
    let expected = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrace"))
        .env_remove("CLAIMTRACE_DB")
        .args([
            "--db",
            original.to_str().unwrap(),
            "claims",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap()
        .stdout;
    let expected = String::from_utf8_lossy(&expected).lines().count();
    assert!(expected > 0);
    fs::copy(original, &db).unwrap();
    let mode = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    mode(&db, 0o444);
    mode(&shared, 0o555);
    mode(dir.path(), 0o755);
    let before = files_of(&db);
    let mut cmd = if ignores_permissions(dir.path()) {
        // As root the permissions would not apply: run as an unprivileged user.
        let Ok(setpriv) = which("setpriv") else {
            eprintln!("skipped: running as root without setpriv");
            mode(&shared, 0o755);
            return;
        };
        let mut c = std::process::Command::new(setpriv);
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("claimtrace"));
        c
    } else {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrace"))
    };
    let out = cmd
        .env_remove("CLAIMTRACE_DB")
        .args(["--db", db.to_str().unwrap(), "claims", "--format", "jsonl"])
        .output()
        .unwrap();
    mode(&shared, 0o755);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        expected
    );
    assert!(files_of(&db) == before, "reading changed the files");
}

fn which(name: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn reading_an_older_schema_migrates_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(include_str!("data/schema-v1.sql"))
            .unwrap();
        conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    bin()
        .args(["--db", db.to_str().unwrap(), "documents"])
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, claimtrace::store::SCHEMA_VERSION);
}
