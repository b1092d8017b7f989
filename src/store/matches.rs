//! The claim index and the relations between claims of different articles.
//!
//! Each stored claim is in `claim_text` (FTS5, BM25) and, when it has figures, in
//! `claim_keys` with one quantity key per figure (see [`crate::matching`]) and
//! `claim_key_terms` (the words of what each figure measures, by unit). When a document
//! is stored, each of its claims is compared with candidates found through these
//! indexes, never with every stored claim: claims whose figures measure something
//! named by the same words in the same unit, and, for claims without figures, the
//! nearest wordings by BM25. The relations found go to `claim_relations`. A new version
//! of a document re-indexes its claims (moved or new) and finds their relations again;
//! [`Database::rebuild_index`] does it for every stored document.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{now, Database, DocTexts, Result, TextAt};
use crate::document::{Document, Metadata};
use crate::matching::{self, QuantityKey, Relation, Side};
use crate::pipeline::{self, Analysis};

/// Relations kept per claim when it is stored: the strongest ones.
pub(super) const RELATIONS_PER_CLAIM: usize = 5;
/// Stored claims read per word of a figure's subject, newest first.
pub(super) const CANDIDATES_PER_TERM: usize = 16;
/// Stored claims kept in memory for matching, at most: about 1 KB each, so an ingest of
/// any size stays near 130 MB (a cache of 200,000 took 213 MB on 30 MB of articles).
const CACHED_CLAIMS: usize = 50_000;
/// Documents whose texts matching one document keeps read (most articles are a few
/// kilobytes).
const CANDIDATE_DOCUMENTS: usize = 64;
/// Words of a figure's subject looked up (the head first).
pub(super) const TERMS_PER_KEY: usize = 3;
/// Nearest wordings read by BM25 for a claim without figures.
pub(super) const CANDIDATES_BY_TEXT: usize = 8;

/// The quantity keys of every claim of an analysed document, in claim order.
pub fn document_keys(doc: &Document, a: &Analysis) -> Vec<Vec<QuantityKey>> {
    matching::document_keys(&doc.text, &a.claims, &a.mentions, doc.meta.published)
}

/// Stored claims already read for matching, by id (`None`: not a claim to match), kept
/// for one process: an ingest of many articles reads each candidate once. A claim that
/// is indexed again leaves it.
#[derive(Default)]
pub(super) struct StoredCache {
    claims: HashMap<i64, Option<Stored>>,
    /// The newest claims (at most [`CANDIDATES_PER_TERM`], newest first) indexed under a
    /// word and a unit, as read and as this process indexed more since.
    terms: HashMap<(String, String), Vec<i64>>,
    /// The fact-checks read, and those indexed under a word and a unit.
    pub(super) fact_checks: super::fact_checks::FactCheckCache,
}

impl StoredCache {
    /// The newest claims indexed under `term` in `unit`.
    fn newest(&mut self, conn: &Connection, term: &str, unit: &str) -> Result<&[i64]> {
        let key = (term.to_string(), unit.to_string());
        if !self.terms.contains_key(&key) {
            let ids = conn
                .prepare_cached(&format!(
                    "SELECT claim_id FROM claim_key_terms WHERE term = ?1 AND unit = ?2
                     ORDER BY claim_id DESC LIMIT {CANDIDATES_PER_TERM}"
                ))?
                .query_map(params![term, unit], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            self.terms.insert(key.clone(), ids);
        }
        Ok(self.terms.get(&key).map_or(&[], Vec::as_slice))
    }

    /// Notes that claim `id` was indexed under `term` in `unit`.
    fn indexed(&mut self, term: &str, unit: &str, id: i64) {
        if let Some(ids) = self.terms.get_mut(&(term.to_string(), unit.to_string())) {
            ids.insert(0, id);
            ids.truncate(CANDIDATES_PER_TERM);
        }
    }
}

/// A stored claim as matching reads it.
pub(super) struct Stored {
    pub document_id: i64,
    /// The content hash of its document: an article stored twice (the same text under
    /// two names) does not repeat itself.
    pub hash: String,
    /// Where its text is: read the first time it is compared ([`Stored::read_text`]),
    /// since a candidate of another copy of the same article never is.
    at: TextAt,
    text: Option<String>,
    pub keys: Vec<QuantityKey>,
}

impl Stored {
    /// Its text, read once (from `texts`, which keeps the last documents read).
    pub(super) fn read_text(&mut self, conn: &Connection, texts: &mut DocTexts) -> Result<()> {
        if self.text.is_none() {
            self.text = Some(texts.text(conn, self.at.clone())?);
        }
        Ok(())
    }

    /// Its text, once read.
    pub(super) fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }
}

/// A relation to write.
struct Found {
    other: i64,
    m: matching::Match,
}

/// Indexes the claims of stored document `document_id` (of text `text`, whose analysis
/// is `keys`, by claim of the analysis, with their byte spans) and finds their relations
/// to claims of other current documents and to the fact-checks.
#[allow(clippy::too_many_arguments)]
pub(super) fn index_document(
    tx: &Connection,
    cache: &mut StoredCache,
    texts: &mut Vec<(i64, String)>,
    (document_id, text): (i64, &str),
    spans: &[(i64, i64)],
    keys: &[Vec<QuantityKey>],
    how: Indexing,
) -> Result<()> {
    // A claim's text is the document's at its bytes, unless it keeps its own.
    let claims: Vec<(i64, i64, i64, String)> = tx
        .prepare_cached(
            "SELECT id, byte_start, byte_end, text FROM claims
             WHERE document_id = ?1 AND anchor_state = 'anchored' ORDER BY id",
        )?
        .query_map([document_id], |r| {
            let (start, end): (i64, i64) = (r.get(1)?, r.get(2)?);
            let own: Option<String> = r.get(3)?;
            let words = own.unwrap_or_else(|| {
                let at = usize::try_from(start).ok().zip(usize::try_from(end).ok());
                at.and_then(|(s, e)| text.get(s..e))
                    .unwrap_or_default()
                    .to_string()
            });
            Ok((r.get(0)?, start, end, words))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if claims.is_empty() {
        return Ok(());
    }
    let by_span: HashMap<(i64, i64), usize> =
        spans.iter().enumerate().map(|(i, &s)| (s, i)).collect();
    if !how.fresh {
        for (id, ..) in &claims {
            forget_claim(tx, *id, how.fact_checks)?;
            cache.claims.remove(id);
        }
    }
    if cache.claims.len() > CACHED_CLAIMS || cache.terms.len() > CACHED_CLAIMS {
        cache.claims.clear();
        cache.terms.clear();
    }
    if cache.fact_checks.len() > CACHED_CLAIMS {
        cache.fact_checks = Default::default();
    }
    let mut insert_key =
        tx.prepare_cached("INSERT INTO claim_keys (claim_id, ordinal, key) VALUES (?1, ?2, ?3)")?;
    let mut insert_term = tx.prepare_cached(
        "INSERT OR IGNORE INTO claim_key_terms (term, unit, claim_id) VALUES (?1, ?2, ?3)",
    )?;
    let hash: String = tx
        .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
        .query_row([document_id], |r| r.get(0))?;
    let no_keys: Vec<QuantityKey> = Vec::new();
    let mut mine: Vec<(i64, &str, &Vec<QuantityKey>)> = Vec::with_capacity(claims.len());
    for (id, start, end, text) in &claims {
        texts.push((*id, text.clone()));
        let k = by_span
            .get(&(*start, *end))
            .and_then(|&i| keys.get(i))
            .unwrap_or(&no_keys);
        for (ordinal, key) in k.iter().enumerate() {
            insert_key.execute(params![id, ordinal as i64, encode_key(key)])?;
        }
        mine.push((*id, text.as_str(), k));
    }
    let mut write = tx.prepare_cached(
        "INSERT OR REPLACE INTO claim_relations (claim_id, other_id, relation, reason, score,
             found_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let at = now();
    // Candidates come from many documents in turn: keep more of them read.
    let mut doc_texts = DocTexts::with(document_id, text).for_candidates(CANDIDATE_DOCUMENTS);
    for (id, text, k) in &mine {
        let candidates = candidates(tx, cache, text, k)?;
        let mut found: Vec<Found> = Vec::new();
        for other in candidates {
            if other == *id {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = cache.claims.entry(other) {
                e.insert(stored(tx, other)?);
            }
            let Some(Some(s)) = cache.claims.get_mut(&other) else {
                continue;
            };
            // Within one article only a conflict is news (two sources in it disagree, as
            // the census and Putin do); another copy of the article is never compared.
            let same_document = s.document_id == document_id;
            if !same_document && s.hash == hash {
                continue;
            }
            s.read_text(tx, &mut doc_texts)?;
            let m = matching::classify(
                Side { text, keys: k },
                Side {
                    text: s.text(),
                    keys: &s.keys,
                },
            );
            if let Some(m) = m.filter(|m| !same_document || m.relation == Relation::Conflict) {
                found.push(Found { other, m });
            }
        }
        found.sort_by(|a, b| {
            (b.m.relation, b.m.score)
                .partial_cmp(&(a.m.relation, a.m.score))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.other.cmp(&a.other))
        });
        for f in found.into_iter().take(RELATIONS_PER_CLAIM) {
            write.execute(params![
                id,
                f.other,
                f.m.relation.as_str(),
                f.m.reason,
                f.m.score,
                at
            ])?;
        }
        if how.fact_checks {
            super::fact_checks::relate_claim(tx, cache, *id, text, k, &at)?;
        }
        // Index the claim's words last, so that it is not its own candidate.
        for key in k.iter() {
            for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
                insert_term.execute(params![term, key.unit, id])?;
                cache.indexed(term, &key.unit, *id);
            }
        }
    }
    Ok(())
}

/// How [`index_document`] indexes a document.
#[derive(Debug, Clone, Copy)]
pub(super) struct Indexing {
    /// The document was stored for the first time, so none of its claims is indexed yet.
    pub fresh: bool,
    /// The database has fact-checks (version 6): relate the claims to them as well.
    pub fact_checks: bool,
}

/// Adds claim texts to the full-text index. A batch of documents writes them all at its
/// commit, not one document at a time: FTS5 writes what it holds at every savepoint,
/// and a segment per document would make every later search read them all.
pub(super) fn write_texts(tx: &Connection, texts: &[(i64, String)]) -> Result<()> {
    // REPLACE: the id may be that of a claim deleted since it was indexed, or written
    // twice in one batch (two versions of a document).
    let mut insert =
        tx.prepare_cached("INSERT OR REPLACE INTO claim_text (rowid, text) VALUES (?1, ?2)")?;
    for (id, text) in texts {
        insert.execute(params![id, text])?;
    }
    Ok(())
}

/// Removes a claim from the index and its relations (to fact-checks too, when the
/// database has them).
fn forget_claim(tx: &Connection, id: i64, fact_checks: bool) -> Result<()> {
    if fact_checks {
        tx.prepare_cached("DELETE FROM fact_check_relations WHERE claim_id = ?1")?
            .execute([id])?;
    }
    for key in claim_keys(tx, id)? {
        for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
            tx.prepare_cached(
                "DELETE FROM claim_key_terms WHERE term = ?1 AND unit = ?2 AND claim_id = ?3",
            )?
            .execute(params![term, key.unit, id])?;
        }
    }
    tx.prepare_cached("DELETE FROM claim_keys WHERE claim_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM claim_text WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM claim_relations WHERE claim_id = ?1 OR other_id = ?1")?
        .execute([id])?;
    Ok(())
}

pub(super) fn claim_keys(conn: &Connection, id: i64) -> Result<Vec<QuantityKey>> {
    let mut stmt =
        conn.prepare_cached("SELECT key FROM claim_keys WHERE claim_id = ?1 ORDER BY ordinal")?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        if let Some(k) = decode_key(&json?) {
            out.push(k);
        }
    }
    Ok(out)
}

/// A quantity key as `claim_keys` stored it in versions 5 and 6 (and stores it still
/// when its words hold a separator of [`encode_key`]): a JSON array of its fields in
/// order.
type KeyFields = (
    String,
    Vec<String>,
    Vec<String>,
    String,
    matching::Role,
    Option<(i32, i32, bool)>,
    Option<f64>,
    Option<f64>,
    f64,
    String,
    Option<String>,
);

/// Separates the fields of a stored key (the ASCII unit separator).
const FIELD: char = '\u{1f}';
/// Separates the items of a list of a stored key (the ASCII record separator).
const ITEM: char = '\u{1e}';

/// The stored form of a quantity key (version 7): its fields as text, in order,
/// separated by [`FIELD`] — phrase, terms and qualifiers (items separated by [`ITEM`]),
/// unit, role (`l`, `r`, `f`), period (`first,last`, `,s` after when a date in the claim
/// states it; empty for none), low and high (empty for an open side), middle, shown
/// (empty when it is the middle as printed) and mod (empty for none). Numbers print as
/// Rust prints an `f64`, the shortest text that reads back to the same number. About
/// two thirds of the JSON array of version 5, which spelled brackets and quotes; a key
/// that text cannot hold unambiguously (a separator or an empty item in its words) is
/// stored as that array.
pub(super) fn encode_key(k: &QuantityKey) -> String {
    use std::fmt::Write;
    let a = &k.amount;
    let words = std::iter::once(&k.subject.phrase)
        .chain([&k.unit, &a.shown])
        .chain(a.modifier.iter())
        .chain(k.subject.terms.iter())
        .chain(k.subject.qualifiers.iter());
    let plain = |w: &String| !w.contains([FIELD, ITEM]);
    let items_plain = |list: &[String]| list.iter().all(|w| !w.is_empty());
    if !words.clone().all(plain)
        || !items_plain(&k.subject.terms)
        || !items_plain(&k.subject.qualifiers)
        || a.shown.is_empty()
        || a.modifier.as_deref() == Some("")
    {
        return json_key(k);
    }
    let join = |list: &[String]| list.join(&ITEM.to_string());
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let mut out = String::with_capacity(64);
    let _ = write!(
        out,
        "{}{FIELD}{}{FIELD}{}{FIELD}{}{FIELD}{}{FIELD}",
        k.subject.phrase,
        join(&k.subject.terms),
        join(&k.subject.qualifiers),
        k.unit,
        match k.role {
            matching::Role::Level => 'l',
            matching::Role::Rise => 'r',
            matching::Role::Fall => 'f',
        }
    );
    if let Some(p) = k.period {
        let _ = write!(out, "{},{}", p.first, p.last);
        if p.stated {
            out.push_str(",s");
        }
    }
    let middle = a.middle.to_string();
    let shown = if a.shown == middle { "" } else { &a.shown };
    let _ = write!(
        out,
        "{FIELD}{}{FIELD}{}{FIELD}{middle}{FIELD}{shown}{FIELD}{}",
        number(a.low),
        number(a.high),
        a.modifier.as_deref().unwrap_or_default()
    );
    out
}

/// The JSON array of versions 5 and 6 (see [`KeyFields`]).
fn json_key(k: &QuantityKey) -> String {
    let fields = (
        &k.subject.phrase,
        &k.subject.terms,
        &k.subject.qualifiers,
        &k.unit,
        k.role,
        k.period.map(|p| (p.first, p.last, p.stated)),
        k.amount.low,
        k.amount.high,
        k.amount.middle,
        &k.amount.shown,
        &k.amount.modifier,
    );
    serde_json::to_string(&fields).unwrap_or_default()
}

/// A stored quantity key ([`encode_key`], or the JSON array of versions 5 and 6); `None`
/// when the text is neither.
pub(super) fn decode_key(stored: &str) -> Option<QuantityKey> {
    if stored.starts_with('[') {
        return decode_json_key(stored);
    }
    let f: Vec<&str> = stored.split(FIELD).collect();
    let [phrase, terms, qualifiers, unit, role, period, low, high, middle, shown, modifier] =
        f.as_slice()
    else {
        return None;
    };
    let list = |s: &str| -> Vec<String> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split(ITEM).map(str::to_string).collect()
        }
    };
    let number = |s: &str| -> Option<Option<f64>> {
        if s.is_empty() {
            Some(None)
        } else {
            s.parse().ok().map(Some)
        }
    };
    let period = match period.split(',').collect::<Vec<_>>().as_slice() {
        [""] => None,
        [first, last] => Some((first.parse().ok()?, last.parse().ok()?, false)),
        [first, last, "s"] => Some((first.parse().ok()?, last.parse().ok()?, true)),
        _ => return None,
    };
    let middle: f64 = middle.parse().ok()?;
    Some(QuantityKey {
        subject: matching::Subject {
            phrase: phrase.to_string(),
            terms: list(terms),
            qualifiers: list(qualifiers),
        },
        unit: unit.to_string(),
        role: match *role {
            "l" => matching::Role::Level,
            "r" => matching::Role::Rise,
            "f" => matching::Role::Fall,
            _ => return None,
        },
        period: period.map(|(first, last, stated)| matching::Period {
            first,
            last,
            stated,
        }),
        amount: matching::Amount {
            low: number(low)?,
            high: number(high)?,
            middle,
            shown: if shown.is_empty() {
                middle.to_string()
            } else {
                shown.to_string()
            },
            modifier: (!modifier.is_empty()).then(|| modifier.to_string()),
        },
    })
}

/// A key stored as the JSON array of versions 5 and 6.
fn decode_json_key(json: &str) -> Option<QuantityKey> {
    let f: KeyFields = serde_json::from_str(json).ok()?;
    Some(QuantityKey {
        subject: matching::Subject {
            phrase: f.0,
            terms: f.1,
            qualifiers: f.2,
        },
        unit: f.3,
        role: f.4,
        period: f.5.map(|(first, last, stated)| matching::Period {
            first,
            last,
            stated,
        }),
        amount: matching::Amount {
            low: f.6,
            high: f.7,
            middle: f.8,
            shown: f.9,
            modifier: f.10,
        },
    })
}

/// Rewrites the stored quantity keys of an older version (JSON objects before version
/// 5, JSON arrays before version 7) in the form of [`encode_key`]; a key that does not
/// parse is left as it is (readers skip it, as before).
pub(super) fn compact_keys(conn: &Connection) -> Result<()> {
    let mut after = (i64::MIN, i64::MIN);
    loop {
        let batch: Vec<(i64, i64, String)> = conn
            .prepare_cached(
                "SELECT claim_id, ordinal, key FROM claim_keys WHERE (claim_id, ordinal) > (?1, ?2)
                 ORDER BY claim_id, ordinal LIMIT 10000",
            )?
            .query_map(params![after.0, after.1], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after = (last.0, last.1);
        let mut update = conn.prepare_cached(
            "UPDATE claim_keys SET key = ?3 WHERE claim_id = ?1 AND ordinal = ?2",
        )?;
        for (claim, ordinal, stored) in &batch {
            let key = match stored.starts_with('{') {
                true => serde_json::from_str::<QuantityKey>(stored).ok(),
                false => decode_key(stored),
            };
            if let Some(new) = key.map(|k| encode_key(&k)).filter(|new| new != stored) {
                update.execute(params![claim, ordinal, new])?;
            }
        }
    }
}

/// A stored claim of a current document, with its keys; `None` for a claim that is
/// gone, an orphan, or of an old version.
pub(super) fn stored(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    let row: Option<(i64, TextAt, String)> = conn
        .prepare_cached(concat!(
            "SELECT c.document_id, d.content_hash, ",
            text_at!("c"),
            " FROM claims c JOIN documents d ON d.id = c.document_id
             WHERE c.id = ?1 AND d.is_current = 1 AND c.anchor_state = 'anchored'",
        ))?
        .query_row([id], |r| Ok((r.get(0)?, TextAt::read(r, 2)?, r.get(1)?)))
        .optional()?;
    let Some((document_id, at, hash)) = row else {
        return Ok(None);
    };
    Ok(Some(Stored {
        document_id,
        hash,
        at,
        text: None,
        keys: claim_keys(conn, id)?,
    }))
}

/// Stored claims worth comparing with a claim: those whose figures measure something
/// named by the same words in the same unit; for a claim without figures, the latest
/// claims that have its three longest words.
fn candidates(
    conn: &Connection,
    cache: &mut StoredCache,
    text: &str,
    keys: &[QuantityKey],
) -> Result<Vec<i64>> {
    let mut seen: HashSet<i64> = HashSet::new();
    let mut out = Vec::new();
    for key in keys {
        for term in key.subject.terms.iter().take(TERMS_PER_KEY) {
            for &id in cache.newest(conn, term, &key.unit)? {
                if seen.insert(id) {
                    out.push(id);
                }
            }
        }
    }
    if keys.is_empty() {
        // A repeat in other words shares most of them: its longest words all, say.
        // (An AND query reads the shortest posting list first; an OR of common words
        // would rank a large part of the index for every claim.)
        let terms = matching::search_terms(text, 3);
        if terms.len() >= 3 {
            let query = terms
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" AND ");
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT rowid FROM claim_text WHERE claim_text MATCH ?1
                 ORDER BY rowid DESC LIMIT {CANDIDATES_BY_TEXT}"
            ))?;
            for id in stmt.query_map([query], |r| r.get::<_, i64>(0))? {
                let id = id?;
                if seen.insert(id) {
                    out.push(id);
                }
            }
        }
    }
    Ok(out)
}

/// A relation of a claim, as `claimtrace matches` lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelatedClaim {
    pub claim_id: i64,
    pub other_id: i64,
    pub relation: String,
    pub reason: String,
    pub score: f64,
    pub other_document_id: i64,
    pub other_document: String,
    pub other_status: String,
    pub other_text: String,
    pub found_at: String,
}

/// A relation between two claims, as `report conflicts` and `report repeats` list it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelationRow {
    pub claim_id: i64,
    pub document_id: i64,
    pub status: String,
    pub text: String,
    /// The other claim; `None` when the other side is a fact-check from elsewhere.
    pub other_id: Option<i64>,
    pub other_document_id: Option<i64>,
    /// The other claim's status, or the fact-check's verdict.
    pub other_status: String,
    pub other_text: String,
    pub relation: String,
    pub reason: String,
    pub score: f64,
    pub found_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact_check: Option<super::FactCheckRow>,
}

/// What storing some documents found among their claims, for ingest's summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MatchSummary {
    /// Claims that repeat a claim with a verdict.
    pub repeat_reviewed: usize,
    /// Of those, claims that repeat a claim rated false or misleading.
    pub repeat_false: usize,
    /// Claims that repeat a stored claim nobody has judged.
    pub repeat_other: usize,
    /// Claims that conflict with a stored claim.
    pub conflicts: usize,
    /// Claims that repeat a fact-check from elsewhere.
    pub repeat_fact_checked: usize,
    /// Of those, how many by verdict and publisher ("False", "PolitiFact"): each claim
    /// counted once, under the fact-check it repeats most closely; most frequent first.
    pub fact_check_verdicts: Vec<(String, String, usize)>,
    /// Claims that conflict with a fact-check from elsewhere.
    pub fact_check_conflicts: usize,
}

impl Database {
    /// The claims related to claim `id`, strongest first: conflicts, repeats, then
    /// related figures, each by score.
    pub fn matches(&self, id: i64) -> Result<Vec<RelatedClaim>> {
        self.claim(id)?;
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT r.mine, r.other, r.relation, r.reason, r.score, c.document_id,
                    coalesce(d.title, d.source_key), c.status, ",
            stored_text!("c"),
            ", r.found_at
             FROM (SELECT claim_id AS mine, other_id AS other, relation, reason, score, found_at
                   FROM claim_relations WHERE claim_id = ?1
                   UNION ALL
                   SELECT other_id, claim_id, relation, reason, score, found_at
                   FROM claim_relations WHERE other_id = ?1) r
             JOIN claims c ON c.id = r.other JOIN documents d ON d.id = c.document_id
             ORDER BY CASE r.relation WHEN 'conflict' THEN 0 WHEN 'repeat' THEN 1 ELSE 2 END,
                      r.score DESC, r.other",
        ))?;
        let rows = stmt.query_map([id], |r| {
            Ok(RelatedClaim {
                claim_id: r.get(0)?,
                other_id: r.get(1)?,
                relation: r.get(2)?,
                reason: r.get(3)?,
                score: r.get(4)?,
                other_document_id: r.get(5)?,
                other_document: r.get(6)?,
                other_status: r.get(7)?,
                other_text: r.get(8)?,
                found_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Hands the relations of kind `relation` to `each`, newest first: only those of a
    /// claim of `document` (either side) and found on or after `since` (a date or an
    /// RFC 3339 time) when given.
    pub fn each_relation<E: From<super::StoreError>>(
        &self,
        relation: Relation,
        document: Option<i64>,
        since: Option<&str>,
        mut each: impl FnMut(RelationRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT r.claim_id, a.document_id, a.status, ",
                stored_text!("a"),
                ", r.other_id, b.document_id,
                        b.status, ",
                stored_text!("b"),
                ", r.relation, r.reason, r.score, r.found_at,
                        NULL AS fact_check
                 FROM claim_relations r JOIN claims a ON a.id = r.claim_id
                 JOIN claims b ON b.id = r.other_id
                 WHERE r.relation = ?1
                   AND (?2 IS NULL OR a.document_id = ?2 OR b.document_id = ?2)
                   AND (?3 IS NULL OR r.found_at >= ?3)
                 UNION ALL
                 SELECT r.claim_id, a.document_id, a.status, ",
                stored_text!("a"),
                ", NULL, NULL, '', f.claim,
                        r.relation, r.reason, r.score, r.found_at, f.id
                 FROM fact_check_relations r JOIN claims a ON a.id = r.claim_id
                 JOIN fact_checks f ON f.id = r.fact_check_id
                 WHERE r.relation = ?1
                   AND (?2 IS NULL OR a.document_id = ?2)
                   AND (?3 IS NULL OR r.found_at >= ?3)
                 ORDER BY 12 DESC, 11 DESC, 1, 5, 13",
            ))
            .map_err(super::StoreError::from)?;
        let mut rows = stmt
            .query(params![relation.as_str(), document, since])
            .map_err(super::StoreError::from)?;
        while let Some(r) = rows.next().map_err(super::StoreError::from)? {
            let row = (|| -> rusqlite::Result<RelationRow> {
                Ok(RelationRow {
                    claim_id: r.get(0)?,
                    document_id: r.get(1)?,
                    status: r.get(2)?,
                    text: r.get(3)?,
                    other_id: r.get(4)?,
                    other_document_id: r.get(5)?,
                    other_status: r.get(6)?,
                    other_text: r.get(7)?,
                    relation: r.get(8)?,
                    reason: r.get(9)?,
                    score: r.get(10)?,
                    found_at: r.get(11)?,
                    fact_check: None,
                })
            })()
            .map_err(super::StoreError::from)?;
            let mut row = row;
            let fact_check: Option<i64> = r.get(12).map_err(super::StoreError::from)?;
            if let Some(id) = fact_check {
                row.fact_check = self.fact_check(id)?;
                if let Some(f) = &row.fact_check {
                    row.other_status = f.verdict_by();
                }
            }
            each(row)?;
        }
        Ok(())
    }

    /// What the claims of `documents` repeat or contradict among stored claims.
    pub fn match_summary(&self, documents: &[i64]) -> Result<MatchSummary> {
        let ids = serde_json::to_string(documents).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id,
                    max(r.relation = 'conflict'),
                    max(r.relation = 'repeat' AND o.status IN ('verified', 'false', 'misleading',
                        'contested', 'unverifiable')),
                    max(r.relation = 'repeat' AND o.status IN ('false', 'misleading')),
                    max(r.relation = 'repeat')
             FROM claims c
             JOIN (SELECT claim_id AS mine, other_id AS other, relation FROM claim_relations
                   UNION ALL SELECT other_id, claim_id, relation FROM claim_relations) r
               ON r.mine = c.id
             JOIN claims o ON o.id = r.other
             WHERE c.document_id IN (SELECT value FROM json_each(?1))
               AND o.document_id NOT IN (SELECT value FROM json_each(?1))
             GROUP BY c.id",
        )?;
        let mut s = MatchSummary::default();
        let rows = stmt.query_map([ids], |r| {
            Ok((
                r.get::<_, bool>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        for row in rows {
            let (conflict, reviewed, rated_false, repeat) = row?;
            s.conflicts += usize::from(conflict);
            s.repeat_reviewed += usize::from(reviewed);
            s.repeat_false += usize::from(rated_false);
            s.repeat_other += usize::from(repeat && !reviewed);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, r.relation, r.score, f.id, f.rating, f.rating_value, f.best_rating,
                    f.worst_rating, f.publisher
             FROM claims c JOIN fact_check_relations r ON r.claim_id = c.id
             JOIN fact_checks f ON f.id = r.fact_check_id
             WHERE c.document_id IN (SELECT value FROM json_each(?1))
             ORDER BY c.id, r.score DESC, f.id",
        )?;
        let rows = stmt.query_map(
            [serde_json::to_string(documents).unwrap_or_default()],
            |r| {
                let f = crate::claimreview::FactCheck {
                    rating: r.get(4)?,
                    rating_value: r.get(5)?,
                    best_rating: r.get(6)?,
                    worst_rating: r.get(7)?,
                    ..Default::default()
                };
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    f.verdict(),
                    r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                ))
            },
        )?;
        // Per claim: whether it conflicts, and the verdict (and publisher) of the
        // closest repeat.
        type Verdict = Option<(String, String)>;
        let mut claims: Vec<(i64, bool, Verdict)> = Vec::new();
        for row in rows {
            let (id, relation, verdict, publisher) = row?;
            if claims.last().is_none_or(|c| c.0 != id) {
                claims.push((id, false, None));
            }
            let Some(c) = claims.last_mut() else { continue };
            if relation == Relation::Conflict.as_str() {
                c.1 = true;
            } else if relation == Relation::Repeat.as_str() && c.2.is_none() {
                c.2 = Some((verdict, publisher));
            }
        }
        let mut verdicts: Vec<(String, String, usize)> = Vec::new();
        for (_, conflict, repeat) in claims {
            s.fact_check_conflicts += usize::from(conflict);
            if let Some((verdict, publisher)) = repeat {
                s.repeat_fact_checked += 1;
                match verdicts
                    .iter_mut()
                    .find(|v| v.0 == verdict && v.1 == publisher)
                {
                    Some(v) => v.2 += 1,
                    None => verdicts.push((verdict, publisher, 1)),
                }
            }
        }
        verdicts.sort_by_key(|v| std::cmp::Reverse(v.2));
        s.fact_check_verdicts = verdicts;
        Ok(s)
    }

    /// Builds the claim index and every relation again from the stored documents: each
    /// current document is analysed again (with its publication date) for the keys of
    /// its claims, and matched against the documents indexed before it. Returns the
    /// number of documents and of relations.
    pub fn rebuild_index(&mut self) -> Result<(usize, usize)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done = rebuild_in(&tx, true)?;
        tx.commit()?;
        Ok(done)
    }
}

/// Migration 3 → 4: the claim index's tables (created by the step before) filled from
/// the stored documents.
pub(super) fn fill_claim_index(tx: &Connection) -> Result<()> {
    // The fact-checks of version 6 are not there yet.
    rebuild_in(tx, false)?;
    Ok(())
}

/// [`Database::rebuild_index`] inside the caller's transaction (also a migration's);
/// `fact_checks`: the database has them (version 6), and their keys are made again first.
pub(super) fn rebuild_in(tx: &Connection, fact_checks: bool) -> Result<(usize, usize)> {
    tx.execute_batch(
        "DELETE FROM claim_relations; DELETE FROM claim_keys; DELETE FROM claim_key_terms;
         INSERT INTO claim_text (claim_text) VALUES ('delete-all');",
    )?;
    if fact_checks {
        super::fact_checks::reindex_all(tx)?;
    }
    let docs: Vec<(i64, String, Option<String>)> = tx
        .prepare(
            "SELECT id, inflate(text), published FROM documents WHERE is_current = 1 ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let n = docs.len();
    for (id, text, published) in docs {
        let meta = Metadata {
            published: published.and_then(|p| p.parse().ok()),
            ..Metadata::default()
        };
        let doc = Document::from_text(format!("document {id}"), text, meta);
        let analysis = pipeline::analyse(&doc);
        let keys = document_keys(&doc, &analysis);
        let spans: Vec<(i64, i64)> = analysis
            .claims
            .iter()
            .map(|c| (c.span.start as i64, c.span.end as i64))
            .collect();
        let mut texts = Vec::new();
        index_document(
            tx,
            &mut StoredCache::default(),
            &mut texts,
            (id, &doc.text),
            &spans,
            &keys,
            Indexing {
                fresh: false,
                fact_checks,
            },
        )?;
        write_texts(tx, &texts)?;
    }
    let relations: i64 = tx.query_row("SELECT count(*) FROM claim_relations", [], |r| r.get(0))?;
    Ok((n, relations as usize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn about_600000_azerbaijanis_keeps_its_key_through_the_store() {
        let doc = Document::from_text(
            "t",
            "According to the 2010 and 2020 censuses, there were about 600,000 \
             Azerbaijanis living in Russia. Exports fell 3.5% to $1.2 billion."
                .to_string(),
            Metadata::default(),
        );
        let keys: Vec<QuantityKey> = document_keys(&doc, &pipeline::analyse(&doc))
            .into_iter()
            .flatten()
            .collect();
        assert!(keys.len() >= 3, "{keys:?}");
        for key in &keys {
            let stored = encode_key(key);
            assert!(!stored.starts_with('['), "{stored}");
            assert!(stored.len() * 5 < json_key(key).len() * 4, "{stored}");
            assert_eq!(decode_key(&stored).as_ref(), Some(key), "{stored}");
            // A key of versions 5 and 6 reads the same.
            assert_eq!(decode_key(&json_key(key)).as_ref(), Some(key));
            // A version 4 key (the JSON object) is not read as a stored one.
            assert_eq!(decode_key(&serde_json::to_string(key).unwrap()), None);
        }
        let about = keys.iter().find(|k| k.amount.shown == "600000").unwrap();
        assert_eq!(about.amount.modifier.as_deref(), Some("APPROX"));
    }

    #[test]
    fn a_subject_with_a_control_character_keeps_its_key_as_json() {
        let doc = Document::from_text(
            "t",
            "Exports fell 3.5% to $1.2 billion in 2024.".to_string(),
            Metadata::default(),
        );
        let mut key = document_keys(&doc, &pipeline::analyse(&doc))
            .into_iter()
            .flatten()
            .next()
            .expect("a key");
        for odd in ["exports\u{1f}fell", "exports\u{1e}fell"] {
            key.subject.phrase = odd.to_string();
            let stored = encode_key(&key);
            assert!(stored.starts_with('['), "{stored:?}");
            assert_eq!(decode_key(&stored).as_ref(), Some(&key));
        }
        key.subject.phrase = "exports".to_string();
        key.subject.terms.push(String::new());
        assert!(encode_key(&key).starts_with('['));
        assert_eq!(decode_key(&encode_key(&key)).as_ref(), Some(&key));
        key.subject.terms.clear();
        key.subject.qualifiers.clear();
        key.period = None;
        key.amount.low = None;
        let stored = encode_key(&key);
        assert!(!stored.starts_with('['), "{stored:?}");
        assert_eq!(decode_key(&stored).as_ref(), Some(&key));
    }
}
