//! Document identity: which stored document an article is, and corrections to it.
//!
//! An article is its URL when it has one, else its path relative to the corpus root
//! ([`crate::document::file_identity`]). A stored document is found by its key, else by
//! its path (the same file given with or without its URL), else by its content: the same
//! text at a stored path whose file is gone is a move, at a path that names the same file
//! (written by an older claimtrace as typed) the same document. The store never reads
//! the file system: the caller says where a stored path is now.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{of_document, Database, DocumentRows, Result, StoreError};
use crate::document::{Document, Metadata};

/// Where a stored path is now: its identity when the file exists, `None` when it is gone.
pub type Resolve<'r> = &'r dyn Fn(&str) -> Option<String>;

/// How many stored documents with an article's text are looked at for a move.
const MOVE_CANDIDATES: usize = 4;

/// A current stored document an article was matched to.
#[derive(Debug, Clone)]
pub(super) struct Current {
    pub id: i64,
    pub source_key: String,
    pub hash: String,
    pub version: i64,
    pub path: Option<String>,
    pub meta: Metadata,
    /// The stored path, when the article was found at another path with the same text
    /// and the stored one is gone.
    pub moved_from: Option<String>,
}

const CURRENT_COLS: &str =
    "id, source_key, content_hash, version, path, title, outlet, url, language, author, published";

fn current_row(r: &rusqlite::Row) -> rusqlite::Result<Current> {
    let published: Option<String> = r.get(10)?;
    Ok(Current {
        id: r.get(0)?,
        source_key: r.get(1)?,
        hash: r.get(2)?,
        version: r.get(3)?,
        path: r.get(4)?,
        meta: Metadata {
            title: r.get(5)?,
            outlet: r.get(6)?,
            url: r.get(7)?,
            language: r.get(8)?,
            author: r.get(9)?,
            published: published.and_then(|p| p.parse().ok()),
        },
        moved_from: None,
    })
}

/// Whether the article is identified by a URL rather than its path.
fn keyed_by_url(doc: &Document) -> bool {
    doc.path
        .as_ref()
        .is_none_or(|p| p.to_string_lossy() != doc.key)
}

/// The current stored document `doc` is a version of, if any.
pub(super) fn find_current(
    conn: &Connection,
    doc: &Document,
    resolve: Resolve,
) -> Result<Option<Current>> {
    let by_key = conn
        .prepare_cached(&format!(
            "SELECT {CURRENT_COLS} FROM documents WHERE source_key = ?1 AND is_current = 1"
        ))?
        .query_row([&doc.key], current_row)
        .optional()?;
    if by_key.is_some() {
        return Ok(by_key);
    }
    let Some(path) = doc.path.as_ref().map(|p| p.to_string_lossy().into_owned()) else {
        return Ok(None);
    };
    // The same file, stored under its URL and now given without it, or stored under its
    // path and now given a URL. (A file reused for another URL is another document.)
    let by_path = conn
        .prepare_cached(&format!(
            "SELECT {CURRENT_COLS} FROM documents WHERE path = ?1 AND is_current = 1
               AND (?2 = 0 OR source_key = path) ORDER BY id DESC LIMIT 1"
        ))?
        .query_row(params![path, keyed_by_url(doc)], current_row)
        .optional()?;
    if by_path.is_some() {
        return Ok(by_path);
    }
    // The newest few documents with this text: a corpus that repeats a text many times
    // does not look at every copy for every new one (a move is of one file, and each
    // candidate costs a look at the file system).
    let same_text: Vec<(i64, String)> = conn
        .prepare_cached(&format!(
            "SELECT id, path FROM documents WHERE hash = {} AND is_current = 1
               AND path IS NOT NULL AND path <> ?2 AND (?3 = 0 OR source_key = path)
             ORDER BY id DESC LIMIT {MOVE_CANDIDATES}",
            stored_hash!("?1")
        ))?
        .query_map(params![doc.hash(), path, keyed_by_url(doc)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, stored) in same_text {
        match resolve(&stored) {
            // The stored path, as typed by an older claimtrace, names this very file.
            Some(now) if now == path => return Ok(Some(current_by_id(conn, id)?)),
            // Another copy of the text that still exists: another document.
            Some(_) => {}
            None => {
                return Ok(Some(Current {
                    moved_from: Some(stored),
                    ..current_by_id(conn, id)?
                }))
            }
        }
    }
    Ok(None)
}

/// Brings the identity of every version of `cur` up to `doc`: its path, and its key when
/// the key was the path or the article is now given a URL. Returns the key.
pub(super) fn update_identity(conn: &Connection, cur: &Current, doc: &Document) -> Result<String> {
    let path = doc.path.as_ref().map(|p| p.to_string_lossy().into_owned());
    let keyed_by_path = cur.path.as_deref() == Some(cur.source_key.as_str());
    let key = if keyed_by_url(doc) {
        doc.key.clone()
    } else if keyed_by_path {
        path.clone().unwrap_or_else(|| cur.source_key.clone())
    } else {
        cur.source_key.clone()
    };
    if path.is_some() && path != cur.path {
        conn.prepare_cached("UPDATE documents SET path = ?2 WHERE source_key = ?1")?
            .execute(params![cur.source_key, path])?;
    }
    if key != cur.source_key {
        let taken: Option<i64> = conn
            .prepare_cached("SELECT id FROM documents WHERE source_key = ?1 AND is_current = 1")?
            .query_row([&key], |r| r.get(0))
            .optional()?;
        if let Some(other) = taken {
            return Err(StoreError::Invalid(format!(
                "{key} already names document {other}; document {} cannot take it",
                cur.id
            )));
        }
        conn.prepare_cached("UPDATE documents SET source_key = ?2 WHERE source_key = ?1")?
            .execute(params![cur.source_key, key])?;
    }
    Ok(key)
}

/// The current document with id `id`.
pub(super) fn current_by_id(conn: &Connection, id: i64) -> Result<Current> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {CURRENT_COLS}, is_current FROM documents WHERE id = ?1"
        ))?
        .query_row([id], |r| Ok((current_row(r)?, r.get::<_, bool>(11)?)))
        .optional()?;
    match found {
        None => Err(StoreError::NoDocument(id)),
        Some((c, true)) => Ok(c),
        Some((c, false)) => {
            let now: i64 = conn.query_row(
                "SELECT id FROM documents WHERE source_key = ?1 AND is_current = 1",
                [&c.source_key],
                |r| r.get(0),
            )?;
            Err(StoreError::Invalid(format!(
                "document {id} is version {} of {}, and document {now} has replaced it; \
                 give {now}",
                c.version, c.source_key
            )))
        }
    }
}

/// What removing a document takes away, for the user to confirm.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Removal {
    pub source_key: String,
    pub title: Option<String>,
    /// Every version of the document, oldest first.
    pub versions: Vec<i64>,
    pub claims: i64,
    /// Claims a person reviewed, flagged or noted, and their entries.
    pub reviewed_claims: i64,
    pub review_entries: i64,
    /// Claims of other documents that refer to one of these (claim, document).
    pub referring: Vec<(i64, i64)>,
}

/// SQL: the claims of every version of the document with source key `?1`.
const CLAIMS_OF_SOURCE: &str = "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id
     WHERE d.source_key = ?1";

/// The current stored document an article is a version of.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentMatch {
    pub id: i64,
    /// Its stored metadata.
    pub meta: Metadata,
    /// Its stored path, when the article was found at another path with the same text
    /// and the stored file is gone (a move).
    pub moved_from: Option<String>,
}

impl DocumentMatch {
    /// The current document with id `id`, named by the user (`documents set`).
    pub fn of(id: i64) -> DocumentMatch {
        DocumentMatch {
            id,
            meta: Metadata::default(),
            moved_from: None,
        }
    }
}

impl Database {
    /// The current stored document `doc` is a version of: by key, by path, or by text
    /// at a stored path that `resolve` says is gone (or names the same file).
    pub fn find_document(&self, doc: &Document, resolve: Resolve) -> Result<Option<DocumentMatch>> {
        Ok(
            find_current(&self.conn, doc, resolve)?.map(|c| DocumentMatch {
                id: c.id,
                meta: c.meta,
                moved_from: c.moved_from,
            }),
        )
    }

    /// A current stored document as an article to analyse again: its key, path, text
    /// and metadata.
    pub fn stored_document(&self, id: i64) -> Result<Document> {
        let cur = current_by_id(&self.conn, id)?;
        let text = self.document_text(id)?;
        let mut doc = Document::from_text(cur.source_key, text, cur.meta);
        doc.path = cur.path.map(std::path::PathBuf::from);
        Ok(doc)
    }

    /// What [`Database::remove_document`] would remove.
    pub fn removal(&self, id: i64) -> Result<Removal> {
        let (source_key, title): (String, Option<String>) = self
            .conn
            .query_row(
                "SELECT source_key, title FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NoDocument(id))?;
        let versions: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM documents WHERE source_key = ?1 ORDER BY version")?
            .query_map([&source_key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let count = |sql: &str| -> Result<i64> {
            Ok(self.conn.query_row(sql, [&source_key], |r| r.get(0))?)
        };
        let claims = count(&format!("SELECT count(*) FROM ({CLAIMS_OF_SOURCE})"))?;
        let human = "l.action IN ('review', 'flag', 'unflag', 'note', 'import')";
        let reviewed_claims = count(&format!(
            "SELECT count(DISTINCT l.claim_id) FROM review_log l
             WHERE l.claim_id IN ({CLAIMS_OF_SOURCE}) AND {human}"
        ))?;
        let review_entries = count(&format!(
            "SELECT count(*) FROM review_log l WHERE l.claim_id IN ({CLAIMS_OF_SOURCE}) AND {human}"
        ))?;
        let referring: Vec<(i64, i64)> = self
            .conn
            .prepare(&format!(
                "SELECT DISTINCT c.id, c.document_id FROM claims c WHERE c.id NOT IN ({CLAIMS_OF_SOURCE})
                   AND (c.id IN (SELECT claim_id FROM claim_links WHERE other_id IN ({CLAIMS_OF_SOURCE}))
                     OR c.id IN (SELECT claim_id FROM review_log WHERE against_id IN ({CLAIMS_OF_SOURCE})))
                 ORDER BY c.id"
            ))?
            .query_map([&source_key], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Removal {
            source_key,
            title,
            versions,
            claims,
            reviewed_claims,
            review_entries,
            referring,
        })
    }

    /// Removes every version of a document with its claims and their review logs, in
    /// one transaction. Links from other documents' claims to these are removed, and
    /// their log entries that named one keep their note but no longer its id. The log
    /// stays append-only for everything else: its triggers are lifted for this
    /// transaction only.
    pub fn remove_document(&mut self, id: i64) -> Result<Removal> {
        let removal = self.removal(id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let triggers: Vec<(String, String)> = tx
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'review_log'",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, _) in &triggers {
            tx.execute_batch(&format!("DROP TRIGGER {name};"))?;
        }
        let key = &removal.source_key;
        for sql in [
            format!(
                "UPDATE review_log SET against_id = NULL WHERE against_id IN ({CLAIMS_OF_SOURCE})"
            ),
            format!("DELETE FROM review_log WHERE claim_id IN ({CLAIMS_OF_SOURCE})"),
            format!(
                "DELETE FROM claim_links WHERE claim_id IN ({CLAIMS_OF_SOURCE})
                   OR other_id IN ({CLAIMS_OF_SOURCE})"
            ),
            format!("DELETE FROM claims WHERE id IN ({CLAIMS_OF_SOURCE})"),
            "UPDATE documents SET previous_id = NULL WHERE source_key = ?1".to_string(),
            "DELETE FROM documents WHERE source_key = ?1".to_string(),
        ] {
            tx.execute(&sql, [key])?;
        }
        for (_, sql) in &triggers {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        Ok(removal)
    }
}

/// Whether the stored analysis of document `id` is the one `rows` would write: the same
/// sentences, mentions (with their normalised values and records) and claims. A
/// re-analysis that finds nothing new stores no new version.
pub(super) fn same_analysis(conn: &Connection, id: i64, rows: &DocumentRows) -> Result<bool> {
    let sentences: Vec<(i64, i64, i64)> = conn
        .prepare_cached(&format!(
            "SELECT paragraph, start, end FROM sentences WHERE {} ORDER BY ordinal",
            of_document("id")
        ))?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let want: Vec<(i64, i64, i64)> = rows
        .sentences
        .iter()
        .map(|s| (s.paragraph, s.at.start, s.at.end))
        .collect();
    if sentences != want {
        return Ok(false);
    }
    type MentionKey = (
        String,
        i64,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let mentions: Vec<MentionKey> = conn
        .prepare_cached(&format!(
            "SELECT kind, start, end, value, unit, mod, timex_type, attrs FROM mentions
             WHERE {} ORDER BY ordinal",
            of_document("id")
        ))?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let want: Vec<MentionKey> = rows
        .mentions
        .iter()
        .map(|m| {
            (
                m.kind.to_string(),
                m.at.start,
                m.at.end,
                m.value.clone(),
                m.unit.clone(),
                m.modifier.clone(),
                m.timex_type.map(str::to_string),
                super::rows::row_attrs(m.kind, m.at.start, &m.attrs),
            )
        })
        .collect();
    if mentions != want {
        return Ok(false);
    }
    let stored: Vec<(i64, i64, String, Option<String>, bool)> = conn
        .prepare_cached(
            "SELECT start, end, claim_type, features, sourced FROM claims
             WHERE document_id = ?1 AND anchor_state = 'anchored'",
        )?
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Feature lists compared as the analysis writes them.
    let mut claims: Vec<(i64, i64, String, String, bool)> = Vec::with_capacity(stored.len());
    for (start, end, claim_type, ids, sourced) in stored {
        let features = super::features::to_json(&super::features::read(conn, ids.as_deref())?);
        claims.push((start, end, claim_type, features, sourced));
    }
    let mut want: Vec<(i64, i64, String, String, bool)> = rows
        .claims
        .iter()
        .map(|c| {
            (
                c.at.start,
                c.at.end,
                c.claim_type.to_string(),
                c.features.clone(),
                c.sourced,
            )
        })
        .collect();
    claims.sort();
    want.sort();
    Ok(claims == want)
}
