//! Document texts as the store keeps them: raw DEFLATE (RFC 1951) of their UTF-8
//! (version 8). A news article deflates to about half its size, and the texts were the
//! largest part of a database. Nothing but the store reads them: queries read a text
//! through the SQL function `inflate(text)` that every connection has, Rust through
//! [`inflate`].
//!
//! `inflate` gives a TEXT value back unchanged, so one query reads a database before and
//! after the migration that deflated its texts (the steps of older migrations run on
//! texts not yet deflated). Deflating the 10 MB bench corpus (miniz_oxide): level 1 5.4
//! MB in 0.22 s of CPU, level 2 4.98 MB in 0.29 s, level 6 4.83 MB in 0.37 s. Ingest
//! spends about 5.5 s of CPU on that corpus: level 6 (version 9) costs it about 3% for
//! 11% less text.

use miniz_oxide::inflate::TINFLStatus;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, Connection};

use super::Result;

/// miniz_oxide's level: 1 (fastest) to 10.
const LEVEL: u8 = 6;

/// `text` deflated.
pub(crate) fn deflate(text: &str) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(text.as_bytes(), LEVEL)
}

/// The text `deflated` holds; an error says what is wrong with it.
pub(crate) fn inflate(deflated: &[u8]) -> std::result::Result<String, String> {
    let bytes = miniz_oxide::inflate::decompress_to_vec(deflated)
        .map_err(|e| format!("a stored document text cannot be inflated ({e})"))?;
    String::from_utf8(bytes)
        .map_err(|_| "a stored document text is not UTF-8 once inflated".to_string())
}

/// The text of a stored `text` value, deflated (version 8) or plain (before), or its
/// beginning when that holds at least `bytes` bytes; `true` when it is the whole text.
/// Inflating stops there: a claim near the start of a long article costs little.
pub(crate) fn text_upto(
    value: ValueRef<'_>,
    bytes: usize,
) -> std::result::Result<(String, bool), String> {
    let b = match value {
        ValueRef::Blob(b) => b,
        ValueRef::Text(t) => {
            return String::from_utf8(t.to_vec())
                .map(|t| (t, true))
                .map_err(|_| "a stored document text is not UTF-8".to_string())
        }
        _ => return Err("a stored document text is missing".to_string()),
    };
    if bytes > 0 {
        match miniz_oxide::inflate::decompress_to_vec_with_limit(b, bytes) {
            Ok(whole) => {
                return String::from_utf8(whole)
                    .map(|t| (t, true))
                    .map_err(|_| "a stored document text is not UTF-8 once inflated".into())
            }
            Err(e) if e.status == TINFLStatus::HasMoreOutput && e.output.len() >= bytes => {
                // A beginning cut inside a character is no text: read it whole.
                if let Ok(start) = String::from_utf8(e.output) {
                    return Ok((start, false));
                }
            }
            Err(_) => {}
        }
    }
    inflate(b).map(|t| (t, true))
}

/// Texts the SQL function keeps inflated: a query reads one document's text for each
/// of its rows, and the rows of a document come together.
const KEPT: usize = 4;

/// Gives `conn` the SQL function `inflate(x)`: the text deflated in BLOB `x`, TEXT `x`
/// as it is, NULL for NULL. Deterministic, so SQLite may evaluate it once for a row.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let mut recent: Vec<(Vec<u8>, String)> = Vec::with_capacity(KEPT);
    conn.create_scalar_function(
        "inflate",
        1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        move |ctx| match ctx.get_raw(0) {
            ValueRef::Blob(b) => {
                if let Some(i) = recent.iter().position(|(d, _)| d.as_slice() == b) {
                    let hit = recent.remove(i);
                    let text = hit.1.clone();
                    recent.insert(0, hit);
                    return Ok(Value::Text(text));
                }
                let text = inflate(b).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
                recent.insert(0, (b.to_vec(), text.clone()));
                recent.truncate(KEPT);
                Ok(Value::Text(text))
            }
            ValueRef::Text(t) => Ok(Value::Text(String::from_utf8_lossy(t).into_owned())),
            ValueRef::Null => Ok(Value::Null),
            _ => Err(rusqlite::Error::UserFunctionError(
                "inflate: the value is neither a deflated text nor a text".into(),
            )),
        },
    )
}

/// Migration 7 → 8: deflates every document text still stored as TEXT, a batch of
/// documents at a time, so memory stays that of one batch.
pub(super) fn deflate_texts(conn: &Connection) -> Result<()> {
    let mut select = conn.prepare(
        "SELECT id, text FROM documents WHERE id > ?1 AND typeof(text) = 'text'
         ORDER BY id LIMIT 500",
    )?;
    let mut update = conn.prepare("UPDATE documents SET text = ?2 WHERE id = ?1")?;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, String)> = select
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = batch.last() else {
            return Ok(());
        };
        after = last;
        for (id, text) in &batch {
            update.execute(params![id, deflate(text)])?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Exports of Azerbaijan’s gas rose 12% to €3.6 billion in 2024, \
        according to the national statistics office. Exports of Azerbaijan’s gas rose.";

    #[test]
    fn exports_of_azerbaijans_gas_come_back_as_written() {
        let deflated = deflate(ARTICLE);
        assert!(deflated.len() < ARTICLE.len());
        assert_eq!(inflate(&deflated).unwrap(), ARTICLE);
    }

    #[test]
    fn sql_reads_a_deflated_text_and_an_older_plain_one_alike() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let read = |v: &dyn rusqlite::ToSql| -> String {
            conn.query_row("SELECT substr(inflate(?1), 12, 10)", [v], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(read(&deflate(ARTICLE)), "Azerbaijan");
        assert_eq!(read(&ARTICLE), "Azerbaijan");
        // Twice the same text, then another: the kept texts answer right.
        assert_eq!(read(&deflate(ARTICLE)), "Azerbaijan");
        assert_eq!(
            read(&deflate("Two trains ran late on Monday.")),
            "ran late o"
        );
    }

    #[test]
    fn a_claim_near_the_start_inflates_only_the_start() {
        let deflated = deflate(ARTICLE);
        let blob = ValueRef::Blob(&deflated);
        let (start, whole) = text_upto(blob, 10).unwrap();
        assert!(!whole && start.starts_with("Exports of") && start.len() < ARTICLE.len());
        assert_eq!(text_upto(blob, 0).unwrap(), (ARTICLE.to_string(), true));
        assert_eq!(
            text_upto(blob, ARTICLE.len()).unwrap(),
            (ARTICLE.to_string(), true)
        );
        // "Azerbaijan’s": a limit inside the apostrophe's three bytes reads it all.
        let inside = ARTICLE.find('’').unwrap() + 1;
        assert_eq!(text_upto(blob, inside).unwrap().0, ARTICLE);
        let plain = ValueRef::Text(ARTICLE.as_bytes());
        assert_eq!(text_upto(plain, 10).unwrap(), (ARTICLE.to_string(), true));
    }

    #[test]
    fn damaged_text_is_an_error_not_a_panic() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let mut damaged = deflate(ARTICLE);
        damaged.truncate(damaged.len() / 2);
        let read = conn.query_row("SELECT inflate(?1)", [&damaged], |r| r.get::<_, String>(0));
        assert!(read.unwrap_err().to_string().contains("cannot be inflated"));
        assert!(inflate(&[0xff, 0xff, 0xff]).is_err());
    }
}
