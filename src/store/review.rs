//! Review queries: status changes, flags, notes and the append-only review log.
//!
//! Each write is one IMMEDIATE transaction that reads the current status and writes the
//! log entry and the new status together, so two reviewers at once lose nothing; a write
//! that names the status it was based on is refused when that status is stale.

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::{now, Database, Result, StoreError};
use crate::review::{ClaimStatus, ReviewAction, ReviewEntry};

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

    /// Adds a note without changing the status.
    pub fn note(&mut self, claim_id: i64, note: &str, reviewer: &str) -> Result<ReviewEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = current_status(&tx, claim_id, None)?;
        let entry = new_entry(
            ReviewAction::Note,
            now(),
            reviewer,
            from.clone(),
            from,
            Some(note.into()),
        );
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
        let entry = new_entry(
            ReviewAction::Unflag,
            now(),
            reviewer,
            from,
            to,
            Some(note.into()),
        );
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
    }
}

/// A claim's review log, oldest first, read through any connection (also inside a
/// transaction).
pub(super) fn review_log(conn: &Connection, claim_id: i64) -> Result<Vec<ReviewEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, reviewer, action, from_status, to_status, note, evidence, against_id
         FROM review_log WHERE claim_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([claim_id], |r| {
        let evidence: String = r.get(6)?;
        Ok(ReviewEntry {
            at: r.get(0)?,
            reviewer: r.get(1)?,
            action: r.get(2)?,
            from_status: r.get(3)?,
            to_status: r.get(4)?,
            note: r.get(5)?,
            evidence: serde_json::from_str(&evidence).unwrap_or_default(),
            against: r.get(7)?,
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
pub(super) fn append(tx: &Transaction, claim_id: i64, e: &ReviewEntry) -> Result<()> {
    tx.execute(
        "INSERT INTO review_log (claim_id, at, reviewer, action, from_status, to_status, note,
             evidence, against_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            claim_id,
            e.at,
            e.reviewer,
            e.action,
            e.from_status,
            e.to_status,
            e.note,
            serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into()),
            e.against
        ],
    )?;
    if let Some(to) = &e.to_status {
        tx.execute(
            "UPDATE claims SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![claim_id, to, e.at],
        )?;
    }
    Ok(())
}
