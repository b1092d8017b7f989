//! Review queries: status changes, flags, notes and the append-only review log.
//!
//! Each write is one IMMEDIATE transaction that reads the current status and writes the
//! log entry and the new status together, so two reviewers at once lose nothing; a write
//! that names the status it was based on is refused when that status is stale.
//! Every entry records the claim as it was written for ([`ReviewedState`]): its text and
//! the normalised values of its components.

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::{now, Database, DocTexts, Result, StoreError, TextAt};
use crate::review::{component_value, ClaimStatus, ReviewAction, ReviewEntry, ReviewedState};

/// A status change to make.
#[derive(Debug, Clone)]
pub struct ReviewRequest {
    pub status: ClaimStatus,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    pub reviewer: String,
    /// The status the reviewer saw; the write is refused if it has changed since.
    pub expected: Option<ClaimStatus>,
}

/// A contest to record.
#[derive(Debug, Clone)]
pub struct FlagRequest {
    pub reason: String,
    pub against: Option<i64>,
    pub reviewer: String,
    pub expected: Option<ClaimStatus>,
}

/// A competing claim, as contested reports show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClaimLink {
    pub claim_id: i64,
    pub other_id: i64,
    pub reason: Option<String>,
    pub created_at: String,
}

impl Database {
    /// Changes a claim's status and logs it.
    pub fn review(&mut self, claim_id: i64, req: &ReviewRequest) -> Result<ReviewEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = current_status(&tx, claim_id, req.expected)?;
        let entry = ReviewEntry {
            evidence: req.evidence.clone(),
            reviewed: Some(claim_state(&tx, claim_id)?),
            ..new_entry(
                ReviewAction::Review,
                now(),
                req.reviewer.clone(),
                from,
                req.status.as_str(),
                req.note.clone(),
            )
        };
        append(&tx, claim_id, &entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Gives claim `claim_id` the verdict of claim `other` (a repeat of it, say): logged
    /// as a review whose competing claim is `other`, with the relation found between
    /// them (if any) in the note, before the reviewer's own note, and the other
    /// verdict's evidence. Refused when `other` has no verdict or `claim_id` has it
    /// already.
    pub fn review_like(
        &mut self,
        claim_id: i64,
        other: i64,
        note: Option<&str>,
        reviewer: &str,
        expected: Option<ClaimStatus>,
    ) -> Result<ReviewEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if other == claim_id {
            return Err(StoreError::Invalid(format!(
                "claim {claim_id} cannot take its own verdict; give another claim id with --like"
            )));
        }
        let from = current_status(&tx, claim_id, expected)?;
        let verdict = current_status(&tx, other, None)?;
        let is_verdict = verdict.parse::<ClaimStatus>().is_ok_and(|s| s.is_verdict());
        if !is_verdict {
            return Err(StoreError::Invalid(format!(
                "claim {other} is {verdict}, not a verdict to copy; review it first, or give \
                 claim {claim_id} a status with --status"
            )));
        }
        if from == verdict {
            return Err(StoreError::Invalid(format!(
                "claim {claim_id} is already {from}; nothing to change"
            )));
        }
        let relation: Option<(String, String)> = tx
            .query_row(
                "SELECT relation, reason FROM claim_relations
                 WHERE (claim_id = ?1 AND other_id = ?2) OR (claim_id = ?2 AND other_id = ?1)",
                [claim_id, other],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let evidence: Vec<String> = review_log(&tx, other)?
            .into_iter()
            .rev()
            .find(|e| e.to_status.as_deref() == Some(verdict.as_str()))
            .map(|e| e.evidence)
            .unwrap_or_default();
        let mut said = match relation {
            Some((relation, reason)) => format!("verdict of claim {other} ({relation}: {reason})"),
            None => format!("verdict of claim {other}"),
        };
        if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
            said.push_str("; ");
            said.push_str(n);
        }
        let entry = ReviewEntry {
            evidence,
            against: Some(other),
            reviewed: Some(claim_state(&tx, claim_id)?),
            ..new_entry(
                ReviewAction::Review,
                now(),
                reviewer,
                from,
                verdict,
                Some(said),
            )
        };
        append(&tx, claim_id, &entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Adds a note without changing the status.
    pub fn note(&mut self, claim_id: i64, note: &str, reviewer: &str) -> Result<ReviewEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = current_status(&tx, claim_id, None)?;
        let entry = ReviewEntry {
            reviewed: Some(claim_state(&tx, claim_id)?),
            ..new_entry(
                ReviewAction::Note,
                now(),
                reviewer,
                from.clone(),
                from,
                Some(note.into()),
            )
        };
        append(&tx, claim_id, &entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Marks a claim contested, linking the competing claim when given.
    pub fn flag(&mut self, claim_id: i64, req: &FlagRequest) -> Result<ReviewEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = current_status(&tx, claim_id, req.expected)?;
        if let Some(other) = req.against {
            if other == claim_id {
                return Err(StoreError::Invalid(format!(
                    "claim {claim_id} cannot contest itself; give another claim id with --against"
                )));
            }
            claim_exists(&tx, other)?;
        }
        let at = now();
        if let Some(other) = req.against {
            tx.execute(
                "INSERT INTO claim_links (claim_id, other_id, relation, reason, created_at)
                 VALUES (?1, ?2, 'contests', ?3, ?4)",
                params![claim_id, other, req.reason, at],
            )?;
        }
        let entry = ReviewEntry {
            against: req.against,
            reviewed: Some(claim_state(&tx, claim_id)?),
            ..new_entry(
                ReviewAction::Flag,
                at,
                req.reviewer.clone(),
                from,
                ClaimStatus::Contested.as_str(),
                Some(req.reason.clone()),
            )
        };
        append(&tx, claim_id, &entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Withdraws a contest: the claim returns to the status it had before it was
    /// flagged, and its links to competing claims are deactivated (kept for history).
    pub fn unflag(&mut self, claim_id: i64, note: &str, reviewer: &str) -> Result<ReviewEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = current_status(&tx, claim_id, None)?;
        if from != ClaimStatus::Contested.as_str() {
            return Err(StoreError::Invalid(format!(
                "claim {claim_id} is {from}, not contested; nothing to unflag"
            )));
        }
        let before: Option<String> = tx
            .query_row(
                "SELECT from_status FROM review_log WHERE claim_id = ?1 AND action = 'flag'
                 ORDER BY id DESC LIMIT 1",
                [claim_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let to = before
            .filter(|s| s != ClaimStatus::Contested.as_str())
            .unwrap_or_else(|| ClaimStatus::Unverified.as_str().into());
        tx.execute(
            "UPDATE claim_links SET active = 0 WHERE claim_id = ?1 AND active = 1",
            [claim_id],
        )?;
        let entry = ReviewEntry {
            reviewed: Some(claim_state(&tx, claim_id)?),
            ..new_entry(
                ReviewAction::Unflag,
                now(),
                reviewer,
                from,
                to,
                Some(note.into()),
            )
        };
        append(&tx, claim_id, &entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// A claim's review log, oldest first.
    pub fn history(&self, claim_id: i64) -> Result<Vec<ReviewEntry>> {
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM claims WHERE id = ?1", [claim_id], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::NoClaim(claim_id));
        }
        review_log(&self.conn, claim_id)
    }

    /// Active links from or to a claim.
    pub fn links(&self, claim_id: i64) -> Result<Vec<ClaimLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT claim_id, other_id, reason, created_at FROM claim_links
             WHERE active = 1 AND (claim_id = ?1 OR other_id = ?1) ORDER BY id",
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            Ok(ClaimLink {
                claim_id: r.get(0)?,
                other_id: r.get(1)?,
                reason: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A log entry with no evidence and no competing claim.
fn new_entry(
    action: ReviewAction,
    at: String,
    reviewer: impl Into<String>,
    from: impl Into<String>,
    to: impl Into<String>,
    note: Option<String>,
) -> ReviewEntry {
    ReviewEntry {
        at,
        reviewer: reviewer.into(),
        action: action.as_str().into(),
        from_status: Some(from.into()),
        to_status: Some(to.into()),
        note,
        evidence: Vec::new(),
        against: None,
        reviewed: None,
    }
}

/// A claim's text and the normalised values of its components, as a review entry
/// records them (components in text order).
pub(super) fn claim_state(conn: &Connection, claim_id: i64) -> Result<ReviewedState> {
    claim_state_in(conn, claim_id, &mut DocTexts::default())
}

/// [`claim_state`], reading document texts through `texts` (a caller that looks at many
/// claims of one document reads it once).
pub(super) fn claim_state_in(
    conn: &Connection,
    claim_id: i64,
    texts: &mut DocTexts,
) -> Result<ReviewedState> {
    let at = conn
        .prepare_cached(concat!(
            "SELECT ",
            text_at!("c"),
            " FROM claims c WHERE c.id = ?1"
        ))?
        .query_row([claim_id], |r| TextAt::read(r, 0))
        .optional()?
        .ok_or(StoreError::NoClaim(claim_id))?;
    let text = texts.text(conn, at)?;
    let mut stmt = conn.prepare_cached(concat!(
        // Records name low and high `l` and `h` since version 7; migration 2 → 3 reads
        // records of before.
        "SELECT m.kind, m.value, coalesce(json_extract(m.attrs, '$.l'),
                    json_extract(m.attrs, '$.low')),
                coalesce(json_extract(m.attrs, '$.h'), json_extract(m.attrs, '$.high')),
                m.unit, m.mod, m.timex_type, ",
        text_at!("m"),
        " FROM claim_components cc JOIN mentions m ON m.id = cc.mention_id
         WHERE cc.claim_id = ?1 ORDER BY m.start, m.end, m.kind, m.id",
    ))?;
    let rows = stmt
        .query_map([claim_id], |r| {
            let s = |i: usize| -> rusqlite::Result<Option<String>> {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => None,
                    rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
                    rusqlite::types::ValueRef::Real(x) => Some(x.to_string()),
                    v => Some(String::from_utf8_lossy(v.as_bytes()?).into_owned()),
                })
            };
            let fields: [Option<String>; 7] = [s(0)?, s(1)?, s(2)?, s(3)?, s(4)?, s(5)?, s(6)?];
            Ok((fields, TextAt::read(r, 7)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut values = Vec::with_capacity(rows.len());
    for (f, at) in rows {
        values.push(component_value(
            f[0].as_deref().unwrap_or_default(),
            &texts.text(conn, at)?,
            f[1].as_deref(),
            f[2].as_deref(),
            f[3].as_deref(),
            f[4].as_deref(),
            f[5].as_deref(),
            f[6].as_deref(),
        ));
    }
    Ok(ReviewedState { text, values })
}

/// A claim's review log, oldest first, read through any connection (also inside a
/// transaction).
pub(super) fn review_log(conn: &Connection, claim_id: i64) -> Result<Vec<ReviewEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, reviewer, action, from_status, to_status, note, evidence, against_id,
                claim_text, claim_values
         FROM review_log WHERE claim_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([claim_id], |r| {
        let evidence: String = r.get(6)?;
        let text: Option<String> = r.get(8)?;
        let values: Option<String> = r.get(9)?;
        Ok(ReviewEntry {
            at: r.get(0)?,
            reviewer: r.get(1)?,
            action: r.get(2)?,
            from_status: r.get(3)?,
            to_status: r.get(4)?,
            note: r.get(5)?,
            evidence: serde_json::from_str(&evidence).unwrap_or_default(),
            against: r.get(7)?,
            reviewed: text.map(|text| ReviewedState {
                text,
                values: values
                    .and_then(|v| serde_json::from_str(&v).ok())
                    .unwrap_or_default(),
            }),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn claim_exists(tx: &Transaction, claim_id: i64) -> Result<()> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM claims WHERE id = ?1", [claim_id], |r| {
            r.get(0)
        })
        .optional()?;
    found.map(|_| ()).ok_or(StoreError::NoClaim(claim_id))
}

/// The claim's status, checked against what the caller expected.
fn current_status(
    tx: &Transaction,
    claim_id: i64,
    expected: Option<ClaimStatus>,
) -> Result<String> {
    let status: String = tx
        .query_row("SELECT status FROM claims WHERE id = ?1", [claim_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(StoreError::NoClaim(claim_id))?;
    if let Some(exp) = expected {
        if exp.as_str() != status {
            return Err(StoreError::Stale {
                claim: claim_id,
                expected: exp.as_str().into(),
                found: status,
            });
        }
    }
    Ok(status)
}

/// Appends a log entry and applies its status to the claim.
pub(super) fn append(tx: &Connection, claim_id: i64, e: &ReviewEntry) -> Result<()> {
    log_entry(tx, claim_id, e)?;
    if let Some(to) = &e.to_status {
        tx.prepare_cached("UPDATE claims SET status_code = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![
                claim_id,
                super::rows::code(&super::rows::STATUSES, to),
                e.at
            ])?;
    }
    Ok(())
}

/// Appends a log entry.
fn log_entry(tx: &Connection, claim_id: i64, e: &ReviewEntry) -> Result<()> {
    let (text, values) = match &e.reviewed {
        Some(r) => (
            Some(r.text.as_str()),
            Some(serde_json::to_string(&r.values).unwrap_or_else(|_| "[]".into())),
        ),
        None => (None, None),
    };
    tx.prepare_cached(
        "INSERT INTO review_log (claim_id, at, reviewer, action, from_status, to_status, note,
             evidence, against_id, claim_text, claim_values)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        claim_id,
        e.at,
        e.reviewer,
        e.action,
        e.from_status,
        e.to_status,
        e.note,
        serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into()),
        e.against,
        text,
        values
    ])?;
    Ok(())
}

/// [`append`] on a database of version 3 to 8, whose claims store their status by name
/// (migration 2 → 3).
fn append_by_name(tx: &Connection, claim_id: i64, e: &ReviewEntry) -> Result<()> {
    log_entry(tx, claim_id, e)?;
    if let Some(to) = &e.to_status {
        tx.prepare_cached("UPDATE claims SET status = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![claim_id, to, e.at])?;
    }
    Ok(())
}

/// Migration 2 → 3: the review log's columns of the claim an entry judged.
pub(super) fn add_reviewed_columns(conn: &Connection) -> Result<()> {
    let have: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('review_log')")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for column in ["claim_text", "claim_values"] {
        if !have.iter().any(|c| c == column) {
            conn.execute_batch(&format!("ALTER TABLE review_log ADD COLUMN {column} TEXT;"))?;
        }
    }
    Ok(())
}

/// Migration 2 → 3: fills in the claim each existing entry judged. An entry's claim is
/// the claim as it is now unless a later move changed its text (a fuzzy re-anchoring):
/// entries from the last such move on get the present text and values, older ones keep
/// NULL, since the text they judged is not stored anywhere.
pub(super) fn record_reviewed_claims(conn: &Connection) -> Result<()> {
    let claims: Vec<i64> = conn
        .prepare("SELECT DISTINCT claim_id FROM review_log ORDER BY claim_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in claims {
        let Ok(state) = claim_state(conn, id) else {
            // A log entry of a claim that does not exist: foreign_key_check reports it.
            continue;
        };
        conn.prepare_cached(
            "UPDATE review_log SET claim_text = ?2, claim_values = ?3
             WHERE claim_id = ?1 AND id >= coalesce((SELECT max(id) FROM review_log
                 WHERE claim_id = ?1 AND action = 'reanchor' AND note LIKE '% by fuzzy%'), 0)",
        )?
        .execute(params![
            id,
            state.text,
            serde_json::to_string(&state.values).unwrap_or_else(|_| "[]".into())
        ])?;
    }
    Ok(())
}

/// Migration 2 → 3: a claim whose verdict was given before a move changed its text
/// (version 2 only noted "re-check the verdict") now needs a re-check.
pub(super) fn recheck_lapsed_verdicts(conn: &Connection) -> Result<()> {
    let verdicts: Vec<String> = ClaimStatus::ALL
        .iter()
        .filter(|s| s.is_verdict())
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let lapsed: Vec<(i64, String)> = conn
        .prepare(&format!(
            "SELECT c.id, c.status FROM claims c WHERE c.status IN ({})
               AND EXISTS (SELECT 1 FROM review_log f WHERE f.claim_id = c.id
                   AND f.action = 'reanchor' AND f.note LIKE '% by fuzzy%'
                   AND f.id > coalesce((SELECT max(h.id) FROM review_log h WHERE h.claim_id = c.id
                       AND h.action IN ('review', 'flag', 'unflag', 'import')), 0))
             ORDER BY c.id",
            verdicts.join(", ")
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let at = now();
    for (id, status) in lapsed {
        let entry = ReviewEntry {
            reviewed: Some(claim_state(conn, id)?),
            ..new_entry(
                ReviewAction::Reanchor,
                at.clone(),
                "claimtrace",
                status.clone(),
                ClaimStatus::NeedsRecheck.as_str(),
                Some(format!(
                    "schema upgrade: the text changed after it was judged {status}: it needs a \
                     re-check"
                )),
            )
        };
        append_by_name(conn, id, &entry)?;
    }
    Ok(())
}
