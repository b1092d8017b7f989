//! Fact-checks from elsewhere: schema.org ClaimReview imported as external verified
//! claims (`fact_checks`), indexed as the claims are (full text, quantity keys, the
//! words of what their figures measure) and related to the stored claims as claims are
//! to each other (`fact_check_relations`: `repeat`, `conflict`, `related`, with the
//! reason). Relations are found both ways: a claim stored after a fact-check is matched
//! against the fact-checks, and a fact-check imported after a claim against the claims.
//! Nothing is rated because of them.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::matches::{
    self, StoredCache, CANDIDATES_BY_TEXT, CANDIDATES_PER_TERM, RELATIONS_PER_CLAIM, TERMS_PER_KEY,
};
use super::{now, Database, DocTexts, Result, TextAt};
use crate::claimreview::{self, FactCheck};
use crate::matching::{self, QuantityKey, Side};

/// Relations kept per fact-check when it is imported: a claim checked once comes back
/// in many articles.
const RELATIONS_PER_FACT_CHECK: usize = 20;

/// Fact-checks read while matching claims, kept for one process as stored claims are.
#[derive(Default)]
pub(super) struct FactCheckCache {
    checks: HashMap<i64, Option<(String, Vec<QuantityKey>)>>,
    /// The newest fact-checks indexed under a word and a unit.
    terms: HashMap<(String, String), Vec<i64>>,
}

impl FactCheckCache {
    pub(super) fn len(&self) -> usize {
        self.checks.len() + self.terms.len()
    }
}

/// A stored fact-check, as listings show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FactCheckRow {
    pub id: i64,
    pub claim: String,
    /// The verdict in words: the textual rating, else the value on its scale.
    pub verdict: String,
    pub rating: Option<String>,
    pub rating_value: Option<f64>,
    pub best_rating: Option<f64>,
    pub worst_rating: Option<f64>,
    pub publisher: Option<String>,
    pub publisher_url: Option<String>,
    pub url: Option<String>,
    pub headline: Option<String>,
    pub review_date: Option<String>,
    pub claim_date: Option<String>,
    pub claimant: Option<String>,
}

impl FactCheckRow {
    /// "False (PolitiFact)": the verdict with who gave it.
    pub fn verdict_by(&self) -> String {
        match &self.publisher {
            Some(p) => format!("{} ({p})", self.verdict),
            None => self.verdict.clone(),
        }
    }

    /// Where to read the review: its URL, else its publisher's.
    pub fn link(&self) -> String {
        self.url
            .clone()
            .or_else(|| self.publisher_url.clone())
            .unwrap_or_default()
    }
}

const ROW_COLUMNS: &str = "f.id, f.claim, f.rating, f.rating_value, f.best_rating,
    f.worst_rating, f.publisher, f.publisher_url, f.url, f.headline, f.review_date,
    f.claim_date, f.claimant";

/// A row read with [`ROW_COLUMNS`] from column `at` on.
fn row_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<FactCheckRow> {
    let f = FactCheck {
        claim: r.get(at + 1)?,
        rating: r.get(at + 2)?,
        rating_value: r.get(at + 3)?,
        best_rating: r.get(at + 4)?,
        worst_rating: r.get(at + 5)?,
        ..FactCheck::default()
    };
    Ok(FactCheckRow {
        id: r.get(at)?,
        verdict: f.verdict(),
        claim: f.claim,
        rating: f.rating,
        rating_value: f.rating_value,
        best_rating: f.best_rating,
        worst_rating: f.worst_rating,
        publisher: r.get(at + 6)?,
        publisher_url: r.get(at + 7)?,
        url: r.get(at + 8)?,
        headline: r.get(at + 9)?,
        review_date: r.get(at + 10)?,
        claim_date: r.get(at + 11)?,
        claimant: r.get(at + 12)?,
    })
}

/// A relation of a claim to a fact-check, as `claimtrace matches` lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FactCheckMatch {
    pub claim_id: i64,
    pub relation: String,
    pub reason: String,
    pub score: f64,
    pub found_at: String,
    pub fact_check: FactCheckRow,
}

/// What an import of fact-checks did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FactCheckImport {
    /// Fact-checks stored for the first time.
    pub new: usize,
    /// Fact-checks already stored (the same url and claim, or publisher and claim),
    /// updated.
    pub updated: usize,
    /// Relations found between them and the stored claims.
    pub relations: usize,
}

impl Database {
    /// Stores fact-checks, each with the quantity keys of its claim
    /// ([`claimreview::keys`]), in one transaction, and relates them to the stored
    /// claims. A fact-check already stored (the same url and claim text, or the same
    /// publisher and claim text) is updated, never duplicated.
    pub fn import_fact_checks(
        &mut self,
        checks: &[(FactCheck, Vec<QuantityKey>)],
    ) -> Result<FactCheckImport> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut done = FactCheckImport::default();
        let at = now();
        for (f, keys) in checks {
            let (id, new) = upsert(&tx, f, &at)?;
            if new {
                done.new += 1;
            } else {
                done.updated += 1;
                forget(&tx, id)?;
            }
            index(&tx, id, &f.claim, keys)?;
            done.relations += relate_fact_check(&tx, id, &f.claim, keys, &at)?;
        }
        tx.commit()?;
        // Matching of later claims reads the fact-checks as they are now.
        self.stored_claims = StoredCache::default();
        Ok(done)
    }

    /// The fact-checks related to claim `id`: conflicts, repeats, then related
    /// figures, each by score.
    pub fn fact_check_matches(&self, id: i64) -> Result<Vec<FactCheckMatch>> {
        self.claim(id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.claim_id, r.relation, r.reason, r.score, r.found_at, {ROW_COLUMNS}
             FROM fact_check_relations r JOIN fact_checks f ON f.id = r.fact_check_id
             WHERE r.claim_id = ?1
             ORDER BY CASE r.relation WHEN 'conflict' THEN 0 WHEN 'repeat' THEN 1 ELSE 2 END,
                      r.score DESC, f.id"
        ))?;
        let rows = stmt.query_map([id], |r| {
            Ok(FactCheckMatch {
                claim_id: r.get(0)?,
                relation: r.get(1)?,
                reason: r.get(2)?,
                score: r.get(3)?,
                found_at: r.get(4)?,
                fact_check: row_at(r, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Fact-check `id`, if stored.
    pub fn fact_check(&self, id: i64) -> Result<Option<FactCheckRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM fact_checks f WHERE f.id = ?1"
            ))?
            .query_row([id], |r| row_at(r, 0))
            .optional()?)
    }

    /// Hands every stored fact-check to `each`, by id.
    pub fn each_fact_check<E: From<super::StoreError>>(
        &self,
        mut each: impl FnMut(FactCheckRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM fact_checks f ORDER BY f.id"
            ))
            .map_err(super::StoreError::from)?;
        let mut rows = stmt.query([]).map_err(super::StoreError::from)?;
        while let Some(r) = rows.next().map_err(super::StoreError::from)? {
            each(row_at(r, 0).map_err(super::StoreError::from)?)?;
        }
        Ok(())
    }
}

/// A claim of a current document, as a search over claims reads it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchableClaim {
    pub id: i64,
    pub document_id: i64,
    pub document: String,
    pub status: String,
    pub text: String,
}

impl Database {
    /// Hands every anchored claim of a current document to `each`, by id.
    pub fn each_current_claim<E: From<super::StoreError>>(
        &self,
        mut each: impl FnMut(SearchableClaim) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT c.id, c.document_id, coalesce(d.title, d.source_key), c.status, ",
                text_at!("c"),
                " FROM claims c JOIN documents d ON d.id = c.document_id
                 WHERE d.is_current = 1 AND c.anchor_state = 'anchored' ORDER BY c.id",
            ))
            .map_err(super::StoreError::from)?;
        let mut rows = stmt.query([]).map_err(super::StoreError::from)?;
        // Claims in id order come a document at a time: each is read once.
        let mut texts = DocTexts::default();
        while let Some(r) = rows.next().map_err(super::StoreError::from)? {
            let (row, at) = (|| -> rusqlite::Result<(SearchableClaim, TextAt)> {
                let row = SearchableClaim {
                    id: r.get(0)?,
                    document_id: r.get(1)?,
                    document: r.get(2)?,
                    status: r.get(3)?,
                    text: String::new(),
                };
                Ok((row, TextAt::read(r, 4)?))
            })()
            .map_err(super::StoreError::from)?;
            let text = texts.text(&self.conn, at)?;
            each(SearchableClaim { text, ..row })?;
        }
        Ok(())
    }
}

/// Stores fact-check `f`, or updates the one it is a new copy of; returns its id and
/// whether it is new.
fn upsert(tx: &Connection, f: &FactCheck, at: &str) -> Result<(i64, bool)> {
    let publisher_key = f.publisher.as_deref().unwrap_or("").to_lowercase();
    let existing: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM fact_checks
             WHERE claim = ?1 AND ((?2 IS NOT NULL AND url = ?2)
                                   OR (?3 <> '' AND publisher_key = ?3))
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![f.claim, f.url, publisher_key], |r| r.get(0))
        .optional()?;
    let values = params![
        f.claim,
        f.rating,
        f.rating_value,
        f.best_rating,
        f.worst_rating,
        f.publisher,
        publisher_key,
        f.publisher_url,
        f.url,
        f.headline,
        f.review_date,
        f.claim_date,
        f.claimant,
        at,
    ];
    match existing {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE fact_checks SET claim = ?1, rating = ?2, rating_value = ?3,
                     best_rating = ?4, worst_rating = ?5, publisher = ?6, publisher_key = ?7,
                     publisher_url = ?8, url = ?9, headline = ?10, review_date = ?11,
                     claim_date = ?12, claimant = ?13, updated_at = ?14
                 WHERE id = ?15",
            )?
            .execute(rusqlite::params_from_iter(
                values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
            ))?;
            Ok((id, false))
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO fact_checks (claim, rating, rating_value, best_rating,
                     worst_rating, publisher, publisher_key, publisher_url, url, headline,
                     review_date, claim_date, claimant, imported_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            )?
            .execute(values)?;
            Ok((tx.last_insert_rowid(), true))
        }
    }
}

/// Removes fact-check `id` from the index, with its relations.
fn forget(tx: &Connection, id: i64) -> Result<()> {
    for key in keys_of(tx, id)? {
        for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
            tx.prepare_cached(
                "DELETE FROM fact_check_terms WHERE term = ?1 AND unit = ?2 AND fact_check_id = ?3",
            )?
            .execute(params![term, key.unit, id])?;
        }
    }
    for sql in [
        "DELETE FROM fact_check_keys WHERE fact_check_id = ?1",
        "DELETE FROM fact_check_text WHERE rowid = ?1",
        "DELETE FROM fact_check_relations WHERE fact_check_id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

/// Puts fact-check `id` in the index: its claim's text and quantity keys.
fn index(tx: &Connection, id: i64, claim: &str, keys: &[QuantityKey]) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO fact_check_text (rowid, text) VALUES (?1, ?2)")?
        .execute(params![id, claim])?;
    for (ordinal, key) in keys.iter().enumerate() {
        let json = serde_json::to_string(key).unwrap_or_default();
        tx.prepare_cached(
            "INSERT INTO fact_check_keys (fact_check_id, ordinal, key) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, ordinal as i64, json])?;
        for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO fact_check_terms (term, unit, fact_check_id)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![term, key.unit, id])?;
        }
    }
    Ok(())
}

fn keys_of(conn: &Connection, id: i64) -> Result<Vec<QuantityKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key FROM fact_check_keys WHERE fact_check_id = ?1 ORDER BY ordinal",
    )?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        if let Ok(k) = serde_json::from_str(&json?) {
            out.push(k);
        }
    }
    Ok(out)
}

/// An FTS5 query that asks for all of a claim's three longest words, as matching's
/// search for claims without figures does; `None` when it has fewer.
/// Adds to `candidates` the newest rows of full-text index `table` (`fact_check_text`
/// or `claim_text`) that hold all the longest words of `text`, each once.
fn by_longest_words(
    tx: &Connection,
    table: &str,
    text: &str,
    seen: &mut HashSet<i64>,
    candidates: &mut Vec<i64>,
) -> Result<()> {
    let Some(query) = all_longest_words(text) else {
        return Ok(());
    };
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT rowid FROM {table} WHERE {table} MATCH ?1
         ORDER BY rowid DESC LIMIT {CANDIDATES_BY_TEXT}"
    ))?;
    for c in stmt.query_map([query], |r| r.get::<_, i64>(0))? {
        let c = c?;
        if seen.insert(c) {
            candidates.push(c);
        }
    }
    Ok(())
}

fn all_longest_words(text: &str) -> Option<String> {
    let terms = matching::search_terms(text, 3);
    (terms.len() >= 3).then(|| {
        terms
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" AND ")
    })
}

/// Relations found, strongest first, at most `limit`.
fn strongest(mut found: Vec<(i64, matching::Match)>, limit: usize) -> Vec<(i64, matching::Match)> {
    found.sort_by(|a, b| {
        (b.1.relation, b.1.score)
            .partial_cmp(&(a.1.relation, a.1.score))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.0.cmp(&a.0))
    });
    found.truncate(limit);
    found
}

fn write(
    tx: &Connection,
    claim: i64,
    fact_check: i64,
    m: &matching::Match,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO fact_check_relations (claim_id, fact_check_id, relation,
             reason, score, found_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        claim,
        fact_check,
        m.relation.as_str(),
        m.reason,
        m.score,
        at
    ])?;
    Ok(())
}

/// Relates stored claim `id` (its `text` and `keys`) to the fact-checks, as it is to
/// the stored claims: candidates that measure something named by the same words in the
/// same unit or, without figures, that have its longest words.
pub(super) fn relate_claim(
    tx: &Connection,
    cache: &mut StoredCache,
    id: i64,
    text: &str,
    keys: &[QuantityKey],
    at: &str,
) -> Result<()> {
    let cache = &mut cache.fact_checks;
    let mut seen = HashSet::new();
    let mut candidates = Vec::new();
    for key in keys {
        for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
            let k = (term.clone(), key.unit.clone());
            if !cache.terms.contains_key(&k) {
                let ids = tx
                    .prepare_cached(&format!(
                        "SELECT fact_check_id FROM fact_check_terms WHERE term = ?1 AND unit = ?2
                         ORDER BY fact_check_id DESC LIMIT {CANDIDATES_PER_TERM}"
                    ))?
                    .query_map(params![term, key.unit], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()?;
                cache.terms.insert(k.clone(), ids);
            }
            for &c in cache.terms.get(&k).map_or(&[][..], Vec::as_slice) {
                if seen.insert(c) {
                    candidates.push(c);
                }
            }
        }
    }
    if keys.is_empty() {
        by_longest_words(tx, "fact_check_text", text, &mut seen, &mut candidates)?;
    }
    let mut found = Vec::new();
    for c in candidates {
        if let std::collections::hash_map::Entry::Vacant(e) = cache.checks.entry(c) {
            let claim: Option<String> = tx
                .prepare_cached("SELECT claim FROM fact_checks WHERE id = ?1")?
                .query_row([c], |r| r.get(0))
                .optional()?;
            let read = match claim {
                Some(claim) => Some((claim, keys_of(tx, c)?)),
                None => None,
            };
            e.insert(read);
        }
        let Some(Some((claim, fc_keys))) = cache.checks.get(&c) else {
            continue;
        };
        let m = matching::classify(
            Side { text, keys },
            Side {
                text: claim,
                keys: fc_keys,
            },
        );
        if let Some(m) = m {
            found.push((c, m));
        }
    }
    for (c, m) in strongest(found, RELATIONS_PER_CLAIM) {
        write(tx, id, c, &m, at)?;
    }
    Ok(())
}

/// Relates fact-check `id` to the stored claims of current documents; returns the
/// number of relations written.
fn relate_fact_check(
    tx: &Connection,
    id: i64,
    claim: &str,
    keys: &[QuantityKey],
    at: &str,
) -> Result<usize> {
    let mut seen = HashSet::new();
    let mut candidates = Vec::new();
    for key in keys {
        for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT claim_id FROM claim_key_terms WHERE term = ?1 AND unit = ?2
                 ORDER BY claim_id DESC LIMIT {CANDIDATES_PER_TERM}"
            ))?;
            for c in stmt.query_map(params![term, key.unit], |r| r.get::<_, i64>(0))? {
                let c = c?;
                if seen.insert(c) {
                    candidates.push(c);
                }
            }
        }
    }
    if keys.is_empty() {
        by_longest_words(tx, "claim_text", claim, &mut seen, &mut candidates)?;
    }
    let mut found = Vec::new();
    let mut texts = super::DocTexts::default();
    for c in candidates {
        let Some(mut s) = matches::stored(tx, c)? else {
            continue;
        };
        s.read_text(tx, &mut texts)?;
        let m = matching::classify(
            Side {
                text: s.text(),
                keys: &s.keys,
            },
            Side { text: claim, keys },
        );
        if let Some(m) = m {
            found.push((c, m));
        }
    }
    let found = strongest(found, RELATIONS_PER_FACT_CHECK);
    for (c, m) in &found {
        write(tx, *c, id, m, at)?;
    }
    Ok(found.len())
}

/// Indexes every stored fact-check again (keys by the current matching rules), for
/// [`Database::rebuild_index`]; their relations are found again as the documents are
/// indexed after them.
pub(super) fn reindex_all(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM fact_check_relations; DELETE FROM fact_check_keys;
         DELETE FROM fact_check_terms;
         INSERT INTO fact_check_text (fact_check_text) VALUES ('delete-all');",
    )?;
    let all: Vec<(i64, String, Option<String>, Option<String>)> = tx
        .prepare("SELECT id, claim, claim_date, review_date FROM fact_checks ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, claim, claim_date, review_date) in all {
        let keys = claimreview::keys(&claim, claim_date.as_deref().or(review_date.as_deref()));
        index(tx, id, &claim, &keys)?;
    }
    Ok(())
}
