//! Schema migrations: a database written by an older claimtrace opens in this one with
//! every row, review and link kept, and the same schema as a new database; a database
//! that cannot be migrated is left exactly as it was.

mod common;

use std::path::Path;

use common::{bin, json, seed};
use rusqlite::Connection;
use serde_json::Value;

/// The schema of version 1, as claimtrace 0.1 created it.
const SCHEMA_V1: &str = include_str!("data/schema-v1.sql");
/// The schema of version 2.
const SCHEMA_V2: &str = include_str!("data/schema-v2.sql");
/// The schema of version 3.
const SCHEMA_V3: &str = include_str!("data/schema-v3.sql");
/// Every table, in an order that satisfies foreign keys when copying.
const TABLES: &[&str] = &[
    "documents",
    "sentences",
    "sources",
    "source_aliases",
    "mentions",
    "claims",
    "claim_components",
    "claim_sources",
    "claim_links",
    "review_log",
];

/// A current database with a desk's work in it: the seed article, a review and a flag.
fn current_database(db: &Path) -> (i64, i64) {
    let d = db.to_str().unwrap();
    bin()
        .args(["--db", d, "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    let claims = json(db, &["claims", "--format", "json"]);
    let ids: Vec<i64> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let (a, b) = (ids[0], ids[1]);
    bin()
        .args(["--db", d, "review", &a.to_string(), "--status", "verified"])
        .args([
            "--note",
            "checked against the census tables",
            "--reviewer",
            "ana",
        ])
        .assert()
        .success();
    bin()
        .args([
            "--db",
            d,
            "flag",
            &b.to_string(),
            "--against",
            &a.to_string(),
        ])
        .args(["--reason", "the figures disagree", "--reviewer", "ana"])
        .assert()
        .success();
    (a, b)
}

/// A connection to `db` with claimtrace's SQL functions (`inflate` reads a document's
/// text, deflated since version 8).
fn connect(db: impl AsRef<Path>) -> rusqlite::Result<Connection> {
    let conn = Connection::open(db)?;
    claimtrace::store::register_functions(&conn)?;
    Ok(conn)
}

/// An old database of `schema` and `version`, holding a copy of every row of `from` (the
/// columns the old schema has).
fn old_copy(from: &Path, to: &Path, schema: &str, version: i64) -> Connection {
    let conn = connect(to).unwrap();
    conn.execute_batch(schema).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {version};"))
        .unwrap();
    conn.execute("ATTACH ?1 AS current", [from.to_str().unwrap()])
        .unwrap();
    for t in TABLES {
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{t}') ORDER BY cid"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        // Before version 5 every claim and mention kept its text.
        let values: Vec<String> = columns
            .iter()
            .map(|c| match (*t, c.as_str()) {
                // Before version 8 texts were not deflated.
                ("documents", "text") => "inflate(t.text)".to_string(),
                ("claims" | "mentions", "text") => {
                    "coalesce(t.text, (SELECT substr(inflate(d.text),
                     t.start + 1, t.end - t.start) FROM current.documents d
                     WHERE d.id = t.document_id))"
                        .to_string()
                }
                // Before version 7 every claim kept its feature list and its times.
                ("claims", "features") => "coalesce((SELECT json_group_array(json(x)) FROM (SELECT
                     json_array(f.name, f.weight) AS x FROM json_each('[' || replace(t.features,
                     ' ', ',') || ']') j JOIN current.features f ON f.id = j.value
                     ORDER BY j.key)), '[]')"
                    .to_string(),
                ("claims", "created_at") => "coalesce(t.created_at, (SELECT d.ingested_at
                     FROM current.documents d WHERE d.id = t.document_id))"
                    .to_string(),
                ("claims", "updated_at") => "coalesce(t.updated_at, t.created_at, (SELECT
                     d.ingested_at FROM current.documents d WHERE d.id = t.document_id))"
                    .to_string(),
                _ => format!("t.{c}"),
            })
            .collect();
        conn.execute_batch(&format!(
            "INSERT INTO main.{t} ({}) SELECT {} FROM current.{t} t;",
            columns.join(", "),
            values.join(", ")
        ))
        .unwrap();
    }
    // Before version 7 records named their fields in full.
    let records: Vec<(i64, i64, String)> = conn
        .prepare("SELECT id, start, attrs FROM main.mentions")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, start, attrs) in records {
        conn.execute(
            "UPDATE main.mentions SET attrs = ?2 WHERE id = ?1",
            rusqlite::params![id, long_names(&attrs, start)],
        )
        .unwrap();
    }
    conn
}

/// A version-1 database holding a copy of every row of `from`.
fn version_1_copy(from: &Path, to: &Path) {
    let conn = old_copy(from, to, SCHEMA_V1, 1);
    // Version 1 numbered sentences and mentions 1, 2, 3, ... across documents.
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         CREATE TEMP TABLE renumber AS
             SELECT id AS old, row_number() OVER (ORDER BY id) AS new FROM main.sentences;
         UPDATE main.mentions SET sentence_id =
             (SELECT new FROM renumber WHERE old = sentence_id) WHERE sentence_id IS NOT NULL;
         UPDATE main.claims SET sentence_id =
             (SELECT new FROM renumber WHERE old = sentence_id) WHERE sentence_id IS NOT NULL;
         UPDATE main.sentences SET id = (SELECT new FROM renumber WHERE old = id);
         CREATE TEMP TABLE renumber_m AS
             SELECT id AS old, row_number() OVER (ORDER BY id) AS new FROM main.mentions;
         UPDATE main.claim_components SET mention_id =
             (SELECT new FROM renumber_m WHERE old = mention_id);
         UPDATE main.claim_sources SET attribution_mention_id =
             (SELECT new FROM renumber_m WHERE old = attribution_mention_id);
         UPDATE main.mentions SET id = (SELECT new FROM renumber_m WHERE old = id);",
    )
    .unwrap();
}

fn user_version(db: &Path) -> i64 {
    connect(db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// The schema of a new database made in `dir` by ingesting one article.
fn fresh_schema(dir: &Path) -> Vec<(String, String, String)> {
    let fresh = dir.join("fresh.db");
    std::fs::write(dir.join("a.txt"), PUTIN).unwrap();
    bin()
        .args(["--db", fresh.to_str().unwrap(), "ingest", "--quiet"])
        .arg(dir.join("a.txt"))
        .assert()
        .success();
    schema_of(&fresh)
}

/// The schema as SQLite keeps it, sorted, with identifier quotes dropped (a renamed
/// table is stored as `CREATE TABLE "name"`).
fn schema_of(db: &Path) -> Vec<(String, String, String)> {
    let conn = connect(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?.replace('"', ""),
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn dump(db: &Path) -> Vec<String> {
    let conn = connect(db).unwrap();
    let mut out = Vec::new();
    for t in TABLES {
        // Ordered by every column: link tables have no rowid once migrated.
        let n = conn
            .prepare(&format!("SELECT * FROM {t}"))
            .unwrap()
            .column_count();
        let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY {}", order.join(", ")))
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn version_1_database_is_migrated_keeping_every_row_and_review() {
    let dir = tempfile::tempdir().unwrap();
    let (current, old) = (dir.path().join("current.db"), dir.path().join("v1.db"));
    let (verified, flagged) = current_database(&current);
    version_1_copy(&current, &old);
    assert_ne!(
        dump(&old),
        dump(&current),
        "version 1 numbers sentences its own way"
    );
    let before = dump(&current);
    assert!(before.iter().any(|r| r.starts_with("review_log:")));
    assert_eq!(user_version(&old), 1);

    // Any command opens the database and migrates it.
    let listed = json(&old, &["claims", "--format", "json"]);
    assert_eq!(listed, json(&current, &["claims", "--format", "json"]));
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    assert!(
        dump(&old) == before,
        "every row kept, sentences and mentions renumbered as version 2 numbers them"
    );
    assert_eq!(schema_of(&old), schema_of(&current));
    let conn = connect(&old).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // The rebuilt review log is still append-only, and still checks its actions.
    assert!(conn
        .execute("UPDATE review_log SET note = 'changed'", [])
        .is_err());
    assert!(conn
        .execute(
            "INSERT INTO review_log (claim_id, at, reviewer, action) VALUES (?1, 'now', 'x', 'erase')",
            [verified],
        )
        .is_err());
    drop(conn);

    // Reviews read back through the binary, and new work goes on.
    let history = json(
        &old,
        &["history", &verified.to_string(), "--format", "json"],
    );
    assert_eq!(history[0]["note"], "checked against the census tables");
    let contested = json(&old, &["report", "contested", "--format", "json"]);
    assert_eq!(contested[0]["claim_id"].as_i64(), Some(flagged));
    assert_eq!(
        contested[0]["competing"][0]["claim_id"].as_i64(),
        Some(verified)
    );
    bin()
        .args([
            "--db",
            old.to_str().unwrap(),
            "review",
            &flagged.to_string(),
        ])
        .args(["--status", "false", "--reviewer", "ben"])
        .assert()
        .success();
}

#[test]
fn database_that_cannot_be_migrated_is_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (current, old) = (dir.path().join("current.db"), dir.path().join("v1.db"));
    current_database(&current);
    version_1_copy(&current, &old);
    // A component that refers to a mention that does not exist.
    connect(&old)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO claim_components (claim_id, mention_id) VALUES (1, 999999);",
        )
        .unwrap();
    let (before, schema) = (dump(&old), schema_of(&old));

    bin()
        .args(["--db", old.to_str().unwrap(), "claims"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "cannot migrate the database from schema version 1",
        ))
        .stderr(predicates::str::contains("nothing was changed"));
    assert_eq!(user_version(&old), 1);
    assert!(dump(&old) == before, "rows unchanged");
    assert_eq!(schema_of(&old), schema);
}

#[test]
fn version_2_database_is_migrated_with_reviews_bound_to_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let (current, old) = (dir.path().join("current.db"), dir.path().join("v2.db"));
    let (verified, flagged) = current_database(&current);
    drop(old_copy(&current, &old, SCHEMA_V2, 2));
    let before = dump(&current);
    assert_ne!(
        dump(&old),
        before,
        "version 2 entries do not record their claim"
    );

    let listed = json(&old, &["claims", "--format", "json"]);
    assert_eq!(listed, json(&current, &["claims", "--format", "json"]));
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    assert!(
        dump(&old) == before,
        "every row kept; each entry records the claim it judged, as version 3 writes it"
    );
    assert_eq!(schema_of(&old), schema_of(&current));
    let conn = connect(&old).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    assert!(conn
        .execute("UPDATE review_log SET note = 'changed'", [])
        .is_err());
    // Claims can take the status needs_recheck (stored by its code since version 9).
    assert!(conn
        .execute("UPDATE claims SET status_code = 7 WHERE id = ?1", [flagged])
        .is_ok());
    let status: String = conn
        .query_row("SELECT status FROM claims WHERE id = ?1", [flagged], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(status, "needs_recheck");
    drop(conn);
    let history = json(
        &old,
        &["history", &verified.to_string(), "--format", "json"],
    );
    assert!(history[0]["reviewed"]["text"].as_str().is_some());
}

#[test]
fn version_2_verdict_on_text_that_changed_since_needs_a_recheck() {
    let dir = tempfile::tempdir().unwrap();
    let (current, old) = (dir.path().join("current.db"), dir.path().join("v2.db"));
    let (verified, flagged) = current_database(&current);
    // Version 2 moved the verified claim onto changed text and only said so in a note.
    let conn = old_copy(&current, &old, SCHEMA_V2, 2);
    conn.execute(
        "INSERT INTO main.review_log (claim_id, at, reviewer, action, from_status, to_status, note)
         VALUES (?1, '2026-01-01T00:00:00.000Z', 'claimtrace', 'reanchor', 'verified', 'verified',
                 'moved to version 2 at 0..90 by fuzzy (similarity 0.95); the text changed, re-check the verdict')",
        [verified],
    )
    .unwrap();
    drop(conn);

    let claims = json(&old, &["claims", "--format", "json"]);
    let status = |id: i64| {
        claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"].as_i64() == Some(id))
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status(verified), "needs_recheck");
    assert_eq!(status(flagged), "contested");
    let history = json(
        &old,
        &["history", &verified.to_string(), "--format", "json"],
    );
    let log = history.as_array().unwrap();
    // The text the verdict judged is not known: it is not made up.
    assert_eq!(log[0]["to_status"], "verified");
    assert!(log[0].get("reviewed").is_none(), "{:?}", log[0]);
    let last = log.last().unwrap();
    assert_eq!(last["from_status"], "verified");
    assert_eq!(last["to_status"], "needs_recheck");
    let reviews: Value = serde_json::from_slice(
        &bin()
            .args([
                "--db",
                old.to_str().unwrap(),
                "export",
                "--format",
                "claimreview",
            ])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert!(reviews
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["reviewRating"]["alternateName"] != "True"));
}

/// The relations between claims, without the time they were found.
fn relations(db: &Path) -> Vec<(i64, i64, String, String)> {
    let conn = connect(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT claim_id, other_id, relation, reason FROM claim_relations
             ORDER BY claim_id, other_id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn version_3_database_gets_the_claim_index_and_its_relations() {
    let dir = tempfile::tempdir().unwrap();
    let (current, old) = (dir.path().join("current.db"), dir.path().join("v3.db"));
    current_database(&current);
    let other = dir.path().join("census.txt");
    std::fs::write(
        &other,
        "The 2020 census counted about 600,000 Azerbaijanis living in Russia.\n",
    )
    .unwrap();
    bin()
        .args(["--db", current.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&other)
        .assert()
        .success();
    let found = relations(&current);
    assert!(
        found.iter().any(|r| r.2 == "conflict"),
        "the census and Putin's figure conflict: {found:?}"
    );
    drop(old_copy(&current, &old, SCHEMA_V3, 3));
    let before = dump(&current);

    let listed = json(&old, &["claims", "--format", "json"]);
    assert_eq!(listed, json(&current, &["claims", "--format", "json"]));
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    assert!(dump(&old) == before, "every row kept");
    assert_eq!(schema_of(&old), schema_of(&current));
    assert_eq!(relations(&old), found);
    let conn = connect(&old).unwrap();
    let hits: i64 = conn
        .query_row(
            "SELECT count(*) FROM claim_text WHERE claim_text MATCH 'azerbaijanis'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hits >= 3, "{hits}");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
}

/// The article of `tests/data/v4-desk.sql` whose reviewed claim became an orphan.
const PUTIN: &str =
    "Vladimir Putin claimed in 2021 that about 2 million Azerbaijanis were living in Russia.\n";

/// `s` with every RFC 3339 time of a write (`2026-12-07T19:39:08.165Z`) replaced by `T`.
fn untimed(s: &str) -> String {
    let shape = b"dddd-dd-ddTdd:dd:dd.dddZ";
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let is_time = bytes.len() - i >= shape.len()
            && shape.iter().zip(&bytes[i..]).all(|(&want, &b)| match want {
                b'd' => b.is_ascii_digit(),
                _ => b == want,
            });
        if is_time {
            out.push('T');
            i += shape.len();
        } else {
            let c = s[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Every row of `db`'s tables (the full-text index by its row ids), sorted, as text with
/// the times of writes left out.
fn untimed_rows(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = connect(db).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'claim_text_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let columns = if t == "claim_text" { "rowid" } else { "*" };
            let mut stmt = conn.prepare(&format!("SELECT {columns} FROM {t}")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| match r.get_ref(i).unwrap() {
                            rusqlite::types::ValueRef::Text(t) => {
                                format!("{:?}", String::from_utf8_lossy(t))
                            }
                            other => format!("{other:?}"),
                        })
                        .collect();
                    Ok(untimed(&cells.join(" | ")))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// A version-4 database: `tests/data/v4-desk.sql` is `sqlite3 .dump` of the database a
/// version-4 claimtrace left after a desk's work on two articles: a review with a note
/// and evidence, a flag of one claim against another, a verdict, and a new version of
/// one article that left its reviewed claim an orphan.
fn version_4_desk(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    // A dump leaves the schema version out.
    connect(&db)
        .unwrap()
        .execute_batch(concat!(
            include_str!("data/v4-desk.sql"),
            "PRAGMA user_version = 4;"
        ))
        .unwrap();
    db
}

/// What a user wrote in `db`, or what stands for it, read with the columns every version
/// since 4 has: documents (texts and metadata), the review log (reviews, flags, notes,
/// evidence, the claims they judged), links between claims, and the claims a review, a
/// flag or re-anchoring touched, with their texts (their own or their document's).
/// Nothing here depends on how a version analyses articles.
fn desk_rows(db: &Path) -> Vec<String> {
    let conn = connect(db).unwrap();
    let queries = [
        "SELECT 'documents', id, source_key, version, previous_id, is_current, content_hash, path, url,
             title, outlet, language, author, published, anchor_kind, anchor_date, inflate(text),
             char_len, ingested_at FROM documents ORDER BY id",
        "SELECT 'review_log', id, claim_id, at, reviewer, action, from_status, to_status, note, evidence,
             against_id, claim_text, claim_values FROM review_log ORDER BY id",
        "SELECT 'claim_links', id, claim_id, other_id, relation, reason, created_at, active FROM claim_links
             ORDER BY id",
        "SELECT 'claims', c.id, c.document_id, c.start, c.end, c.status, c.anchor_state,
             coalesce(c.text, substr(inflate(d.text), c.start + 1, c.end - c.start)), c.quote_prefix,
             c.quote_suffix
         FROM claims c JOIN documents d ON d.id = c.document_id
         WHERE c.status <> 'unverified' OR c.anchor_state <> 'anchored'
             OR c.id IN (SELECT claim_id FROM review_log) OR c.id IN (SELECT other_id FROM claim_links)
         ORDER BY c.id",
    ];
    let mut out = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        other => format!("{other:?}"),
                    })
                    .collect();
                Ok(cells.join(" | "))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// The version-4 desk migrates with everything its users wrote, byte for byte: this holds
/// whatever this version's extraction or worthiness model makes of the same articles.
#[test]
fn version_4_database_is_migrated_keeping_every_review_flag_and_note() {
    let (old_dir, new_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = version_4_desk(old_dir.path());
    assert_eq!(user_version(&old), 4);
    let attrs: String = connect(&old)
        .unwrap()
        .query_row(
            "SELECT attrs FROM mentions WHERE kind = 'attribution' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(attrs.contains("byte_start"), "a version 4 record: {attrs}");
    let written = desk_rows(&old);
    assert!(written
        .iter()
        .any(|r| r.contains("census tables requested")));
    assert!(written
        .iter()
        .any(|r| r.contains("https://example.org/census")));
    assert!(written.iter().any(|r| r.contains("census: about 600,000")));

    // Any command migrates.
    let listed = json(&old, &["claims", "--format", "json"]);
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    assert!(!listed.as_array().unwrap().is_empty());
    assert_eq!(desk_rows(&old), written);
    assert_eq!(schema_of(&old), fresh_schema(new_dir.path()));
    let conn = connect(&old).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    drop(conn);

    // Texts are their documents' but for the orphan, whose words are gone from its
    // document: it keeps them.
    let kept: Vec<(String, String)> = connect(&old)
        .unwrap()
        .prepare(
            "SELECT anchor_state, text FROM claims WHERE text IS NOT NULL
             UNION ALL SELECT kind, text FROM mentions WHERE text IS NOT NULL",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept, [("orphan".to_string(), PUTIN.trim_end().to_string())]);

    // The desk's work reads back through the binary.
    let history = json(&old, &["history", "3", "--format", "json"]);
    assert_eq!(history[0]["note"], "census tables requested");
    assert_eq!(history[0]["evidence"][0], "https://example.org/census");
    let contested = json(&old, &["report", "contested", "--format", "json"]);
    assert_eq!(contested[0]["claim_id"].as_i64(), Some(3));
    assert_eq!(contested[0]["competing"][0]["claim_id"].as_i64(), Some(6));
    let orphans = json(&old, &["report", "orphans", "--format", "json"]);
    assert_eq!(orphans[0]["id"].as_i64(), Some(6), "{orphans}");

    // Analysing the articles again, as this version does, keeps all of it: the entries
    // and links are kept as they were written; the claims they judged are still there.
    bin()
        .args(["--db", old.to_str().unwrap(), "reanalyse"])
        .assert()
        .success();
    let after = desk_rows(&old);
    for row in written
        .iter()
        .filter(|r| r.starts_with("\"review_log\"") || r.starts_with("\"claim_links\""))
    {
        assert!(after.contains(row), "{row}");
    }
    let history = json(&old, &["history", "3", "--format", "json"]);
    assert_eq!(history[0]["note"], "census tables requested");
    // A second re-analysis finds the stored analysis equal to a new one.
    let settled = untimed_rows(&old);
    bin()
        .args(["--db", old.to_str().unwrap(), "reanalyse"])
        .assert()
        .success();
    assert_eq!(untimed_rows(&old), settled);
}

#[test]
fn version_4_database_gets_fact_checks_and_keeps_its_relations() {
    let dir = tempfile::tempdir().unwrap();
    let old = version_4_desk(dir.path());
    let count = |sql: &str| -> i64 {
        connect(&old)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    let relations = count("SELECT count(*) FROM claim_relations");
    json(&old, &["claims", "--format", "json"]);
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    assert_eq!(count("SELECT count(*) FROM fact_checks"), 0);
    assert_eq!(count("SELECT count(*) FROM fact_check_relations"), 0);
    assert_eq!(
        count("SELECT count(*) FROM claim_relations"),
        relations,
        "the relations of version 4 are kept"
    );
}

/// A version-6 database: `tests/data/v6-desk.sql` is `sqlite3 .dump` of the database the
/// last version-6 claimtrace left after the desk's work of [`version_4_desk`], and a
/// verdict on the first claim, given before the new version of `putin.txt`.
fn version_6_desk(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    connect(&db)
        .unwrap()
        .execute_batch(concat!(
            include_str!("data/v6-desk.sql"),
            "PRAGMA user_version = 6;"
        ))
        .unwrap();
    db
}

/// The stored columns of documents, sentences, mentions and claims from which version 9
/// generates columns of version 8.
const V9_STORED: [&str; 9] = [
    "hash",
    "sentence",
    "kind_code",
    "length",
    "byte_shift",
    "byte_extra",
    "claim_type_code",
    "status_code",
    "orphaned",
];
/// Every row of every table of `db` (the full-text index by its row ids), sorted, as
/// text, with claims read as version 6 kept them: their feature lists and their times
/// (a database of version 7 keeps a list once and leaves out times it holds already),
/// and documents, sentences, mentions and claims by the columns of version 8 (which
/// version 9 generates).
fn rows_as_version_6(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = connect(db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_text_%'
             AND name <> 'features' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            // Generated columns too (version 9), for the columns they replace.
            let columns: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_xinfo('{t}') WHERE hidden <> 1 ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .filter(|c: &String| {
                    !(matches!(
                        t.as_str(),
                        "documents" | "mentions" | "sentences" | "claims"
                    ) && version >= 9
                        && V9_STORED.contains(&c.as_str()))
                })
                .collect();
            let columns: Vec<String> = match (t.as_str(), columns.is_empty()) {
                (_, true) => vec!["rowid".to_string()],
                ("claims", _) if version >= 7 => columns
                    .iter()
                    .map(|c| match c.as_str() {
                        "features" => "coalesce((SELECT json_group_array(json(x)) FROM (SELECT
                             json_array(f.name, f.weight) AS x FROM json_each('[' ||
                             replace(t.features, ' ', ',') || ']') j JOIN features f
                             ON f.id = j.value ORDER BY j.key)), '[]')"
                            .to_string(),
                        "created_at" => "coalesce(t.created_at, (SELECT d.ingested_at
                             FROM documents d WHERE d.id = t.document_id))"
                            .to_string(),
                        "updated_at" => "coalesce(t.updated_at, t.created_at, (SELECT
                             d.ingested_at FROM documents d WHERE d.id = t.document_id))"
                            .to_string(),
                        c => format!("t.{c}"),
                    })
                    .collect(),
                // Version 8 deflates document texts.
                ("documents", _) => columns
                    .iter()
                    .map(|c| match c.as_str() {
                        "text" => "inflate(t.text)".to_string(),
                        c => format!("t.{c}"),
                    })
                    .collect(),
                _ => columns.iter().map(|c| format!("t.{c}")).collect(),
            };
            let mut stmt = conn
                .prepare(&format!("SELECT {} FROM {t} t", columns.join(", ")))
                .unwrap();
            let n = stmt.column_count();
            let key_column = if t == "claim_keys" { Some(2) } else { None };
            let attrs_column = match t.as_str() {
                "mentions" => columns.iter().position(|c| c == "t.attrs"),
                _ => None,
            };
            let start_column = columns.iter().position(|c| c == "t.start");
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| match r.get_ref(i).unwrap() {
                            rusqlite::types::ValueRef::Text(t) if key_column == Some(i) => {
                                key_fields(&String::from_utf8_lossy(t))
                            }
                            rusqlite::types::ValueRef::Text(t) if attrs_column == Some(i) => {
                                let start = start_column.map_or(0, |j| r.get(j).unwrap());
                                long_names(&String::from_utf8_lossy(t), start)
                            }
                            rusqlite::types::ValueRef::Text(t) => {
                                format!("{:?}", String::from_utf8_lossy(t))
                            }
                            other => format!("{other:?}"),
                        })
                        .collect();
                    Ok(cells.join(" | "))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// A stored mention record (of a mention starting at `start`) with the names of its
/// fields as `extract` prints them (version 7 stores short names; version 9 an
/// attribution's as an array: its source kind, then each span from `start` and by its
/// length, then 1 if direct).
fn long_names(stored: &str, start: i64) -> String {
    const NAMES: [(&str, &str); 14] = [
        ("s", "source"),
        ("c", "cue"),
        ("t", "content"),
        ("d", "direct"),
        ("k", "source_kind"),
        ("n", "source_name"),
        ("r", "source_role"),
        ("l", "low"),
        ("h", "high"),
        ("j", "subject"),
        ("x", "checkable"),
        ("y", "checkable_reason"),
        ("q", "quant"),
        ("f", "freq"),
    ];
    let fields = match serde_json::from_str(stored).unwrap() {
        Value::Object(fields) => fields,
        // Its fields in the order of an analysis's record.
        Value::Array(items) => {
            let at = |i: usize| items.get(i).and_then(Value::as_i64);
            let span = |j: usize| -> Option<Value> {
                let (from, len) = (at(1 + 2 * j)?, at(2 + 2 * j)?);
                Some(serde_json::json!([start + from, start + from + len]))
            };
            let fields: [(&str, Option<Value>); 7] = [
                ("s", span(0)),
                ("c", span(1)),
                ("t", span(2)),
                ("d", (at(11) == Some(1)).then_some(Value::Bool(true))),
                ("k", items.first().filter(|k| !k.is_null()).cloned()),
                ("n", span(3)),
                ("r", span(4)),
            ];
            fields
                .into_iter()
                .filter_map(|(k, v)| Some((k.to_string(), v?)))
                .collect()
        }
        _ => panic!("not a record: {stored}"),
    };
    let named: serde_json::Map<String, Value> = fields
        .into_iter()
        .map(|(k, v)| match NAMES.iter().find(|(short, _)| *short == k) {
            Some((_, long)) => (long.to_string(), v),
            None => (k, v),
        })
        .collect();
    Value::Object(named).to_string()
}

/// The fields of a stored quantity key: phrase, terms, qualifiers, unit, role, period,
/// low, high, middle, shown, mod.
type KeyFields = (
    String,
    Vec<String>,
    Vec<String>,
    String,
    String,
    Option<(i32, i32, bool)>,
    Option<f64>,
    Option<f64>,
    f64,
    String,
    Option<String>,
);

/// The fields of a stored quantity key, printed: a JSON array (versions 5 and 6) or
/// text separated by U+001F, lists by U+001E (version 7).
fn key_fields(stored: &str) -> String {
    if stored.starts_with('[') {
        let f: KeyFields = serde_json::from_str(stored).unwrap();
        return format!("{f:?}");
    }
    let f: Vec<&str> = stored.split('\u{1f}').collect();
    assert_eq!(f.len(), 11, "{stored:?}");
    let list = |s: &str| -> Vec<String> {
        s.split('\u{1e}')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let number = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().unwrap());
    let period: Vec<&str> = f[5].split(',').collect();
    let middle: f64 = f[8].parse().unwrap();
    let k: KeyFields = (
        f[0].to_string(),
        list(f[1]),
        list(f[2]),
        f[3].to_string(),
        match f[4] {
            "l" => "level",
            "r" => "rise",
            _ => "fall",
        }
        .to_string(),
        (period.len() >= 2).then(|| {
            (
                period[0].parse().unwrap(),
                period[1].parse().unwrap(),
                period.len() == 3,
            )
        }),
        number(f[6]),
        number(f[7]),
        middle,
        if f[9].is_empty() {
            middle.to_string()
        } else {
            f[9].to_string()
        },
        (!f[10].is_empty()).then(|| f[10].to_string()),
    );
    format!("{k:?}")
}

#[test]
fn version_6_database_is_migrated_keeping_every_row_in_less_space() {
    let (old_dir, new_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = version_6_desk(old_dir.path());
    let before = rows_as_version_6(&old);
    let features: String = connect(&old)
        .unwrap()
        .query_row("SELECT features FROM claims WHERE id = 3", [], |r| r.get(0))
        .unwrap();
    assert!(features.starts_with("[[\""), "a version 6 list: {features}");

    json(&old, &["claims", "--format", "json"]);
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    let after = rows_as_version_6(&old);
    for ((table, got), (_, want)) in after.iter().zip(&before) {
        assert_eq!(got, want, "{table}");
    }
    assert_eq!(after.len(), before.len());

    // Each feature is kept once; claims keep times only where they are news: when claim 6,
    // orphaned by the new version of its document, and the reviewed ones changed.
    let conn = connect(&old).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let (stored, listed) = (
        count("SELECT count(*) FROM features"),
        count(
            "SELECT sum(length(features) - length(replace(features, ' ', '')) + 1)
             FROM claims",
        ),
    );
    assert!(
        stored > 0 && stored * 2 < listed,
        "{stored} features, {listed} listed"
    );
    assert_eq!(
        count("SELECT count(*) FROM claims WHERE created_at IS NOT NULL"),
        1
    );
    // Mention records name their fields by short names.
    assert_eq!(
        count("SELECT count(*) FROM mentions WHERE attrs LIKE '%\"source\"%'"),
        0
    );
    // Attribution records are arrays without field names (version 9).
    assert!(
        count("SELECT count(*) FROM mentions WHERE kind = 'attribution' AND attrs LIKE '[\"%'") > 0
    );
    assert_eq!(
        count("SELECT count(*) FROM mentions WHERE kind = 'attribution' AND attrs NOT LIKE '[%'"),
        0
    );
    // Quantity keys are separated text, no longer JSON.
    assert!(count("SELECT count(*) FROM claim_keys") > 0);
    assert_eq!(
        count("SELECT count(*) FROM claim_keys WHERE key LIKE '[%'"),
        0
    );
    let updated: Vec<i64> = conn
        .prepare("SELECT id FROM claims WHERE updated_at IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(updated, [1, 3, 6]);
    drop(conn);

    // `show` explains the score with the list the claim had.
    let shown = json(&old, &["show", "3", "--format", "json"]);
    let listed: Vec<(String, f64)> = serde_json::from_str(&features).unwrap();
    let names: Vec<&str> = shown["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        listed.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
    );
    // The newest change first: claim 7 came with the new version of `putin.txt`, after
    // the verdict on claim 1, which came after the flag of claim 3.
    let by_update = json(&old, &["claims", "--sort", "updated", "--format", "json"]);
    let order: Vec<i64> = by_update
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(&order[..3], [7, 1, 3]);

    // The schema is a new database's.
    assert_eq!(schema_of(&old), fresh_schema(new_dir.path()));
}

/// A version-7 database: `tests/data/v7-desk.sql` is `sqlite3 .dump` of the database the
/// last version-7 claimtrace made of [`version_6_desk`] by migrating it.
fn version_7_desk(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    connect(&db)
        .unwrap()
        .execute_batch(concat!(
            include_str!("data/v7-desk.sql"),
            "PRAGMA user_version = 7;"
        ))
        .unwrap();
    db
}

#[test]
fn version_7_database_is_migrated_with_its_texts_deflated() {
    let (old_dir, new_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = version_7_desk(old_dir.path());
    let before = rows_as_version_6(&old);
    let plain = |db: &Path| -> Vec<(i64, String)> {
        connect(db)
            .unwrap()
            .prepare("SELECT id, inflate(text) FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let texts = plain(&old);
    assert!(texts.len() >= 2 && texts.iter().any(|(_, t)| t.contains("600,000")));

    let shown = json(&old, &["show", "3", "--format", "json"]);
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    let after = rows_as_version_6(&old);
    for ((table, got), (_, want)) in after.iter().zip(&before) {
        assert_eq!(got, want, "{table}");
    }
    assert_eq!(after.len(), before.len());
    assert_eq!(plain(&old), texts);

    // Every text is deflated, and smaller for it.
    let conn = connect(&old).unwrap();
    let (blobs, stored, chars): (i64, i64, i64) = conn
        .query_row(
            "SELECT sum(typeof(text) = 'blob'), sum(length(text)),
                    sum(length(inflate(text))) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(blobs, texts.len() as i64);
    assert!(
        stored < chars,
        "{stored} bytes stored for {chars} characters"
    );
    drop(conn);

    // Commands read the texts: every claim's words are its document's at its offsets.
    let words_at = |claim: &Value| -> String {
        let doc = claim["document_id"].as_i64().unwrap();
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        let text = &texts.iter().find(|(id, _)| *id == doc).unwrap().1;
        text.chars().skip(start).take(end - start).collect()
    };
    assert_eq!(shown["text"], words_at(&shown).as_str());
    assert!(shown["text"].as_str().unwrap().contains("600,000"));
    let claims = json(&old, &["claims", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    assert!(claims.len() > 3);
    for c in claims {
        assert_eq!(c["text"], words_at(c).as_str());
    }

    // The schema is a new database's.
    assert_eq!(schema_of(&old), fresh_schema(new_dir.path()));
}

/// A version-8 database: `tests/data/v8-desk.sql` is `sqlite3 .dump` of the database the
/// last version-8 claimtrace made of [`version_7_desk`] by migrating it; the files in
/// `tests/data/v8-desk/` are what that claimtrace printed for it.
fn version_8_desk(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    connect(&db)
        .unwrap()
        .execute_batch(concat!(
            include_str!("data/v8-desk.sql"),
            "PRAGMA user_version = 8;"
        ))
        .unwrap();
    db
}

/// What `args` print on `db`.
fn printed(db: &Path, args: &[&str]) -> String {
    let out = bin()
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn version_8_database_is_migrated_to_generated_columns_printing_what_it_printed() {
    let (old_dir, new_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = version_8_desk(old_dir.path());
    let before = rows_as_version_6(&old);

    // Every command prints what version 8 printed.
    assert_eq!(
        printed(&old, &["claims", "--format", "json"]),
        include_str!("data/v8-desk/claims.json")
    );
    assert_eq!(user_version(&old), claimtrace::store::SCHEMA_VERSION);
    assert_eq!(
        printed(&old, &["show", "3", "--format", "json"]),
        include_str!("data/v8-desk/show-3.json")
    );
    assert_eq!(
        printed(&old, &["export", "--format", "w3c"]),
        include_str!("data/v8-desk/w3c.json")
    );
    assert_eq!(
        printed(&old, &["export", "--format", "csv"]),
        include_str!("data/v8-desk/export.csv")
    );

    // Every row is kept: the generated columns of sentences and mentions read as the
    // stored ones did.
    let after = rows_as_version_6(&old);
    assert_eq!(after.len(), before.len());
    for ((table, got), (_, want)) in after.iter().zip(&before) {
        assert_eq!(got, want, "{table}");
    }
    assert!(after
        .iter()
        .any(|(t, rows)| t == "mentions" && rows.len() > 10));
    // Content hashes are kept as their 32 bytes, and read as the hex they were.
    let conn = connect(&old).unwrap();
    let (documents, as_bytes): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(typeof(hash) = 'blob' AND length(hash) = 32
                 AND content_hash GLOB '[0-9a-f]*' AND length(content_hash) = 64)
             FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(documents >= 2);
    assert_eq!(as_bytes, documents);
    drop(conn);

    // The schema is a new database's.
    assert_eq!(schema_of(&old), fresh_schema(new_dir.path()));
}
