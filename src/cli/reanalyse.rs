//! `claimtrace reanalyse`: run extraction again on stored documents, and the storing of
//! an analysed article that `ingest` and `documents set` share.
//!
//! A document analysed again (after an upgrade of claimtrace, or because its metadata
//! changed) is stored as a new version of itself: its claims and their reviews move to
//! it by re-anchoring, a verdict whose claim's text or values changed becomes
//! `needs_recheck`, and a claim with no place left is an orphan (`report orphans`).

use std::path::Path;

use anyhow::Context as _;
use clap::Args;

use claimtrace::document::{self, Document};
use claimtrace::pipeline;
use claimtrace::store::{
    Database, DocumentMatch, DocumentRows, IngestOptions, IngestOutcome, Matched, Revision,
};

use super::DbArgs;

/// Run extraction again on stored documents, carrying their reviews over.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace reanalyse                 # every current document\n  \
    claimtrace reanalyse --document 3\n  claimtrace report orphans            # what could not be carried over"
)]
pub struct ReanalyseArgs {
    /// Only the document with this id
    #[arg(long)]
    pub document: Option<i64>,
}

pub fn run(args: ReanalyseArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let mut db = db.open()?;
    let ids = match args.document {
        Some(id) => vec![id],
        None => db.current_documents()?,
    };
    let (mut rechecks, mut orphaned) = (0, 0);
    for &id in &ids {
        let doc = db.stored_document(id)?;
        let analysis = pipeline::analyse(&doc);
        let rows = DocumentRows::new(&doc, &analysis);
        let outcome = db
            .ingest_with(
                &doc,
                &rows,
                IngestOptions {
                    matched: Matched::Known(Some(&DocumentMatch::of(id))),
                    reanalyse: true,
                },
            )
            .with_context(|| format!("re-analysing document {id} ({})", doc.key))?;
        if let IngestOutcome::NewVersion {
            rechecks: r,
            orphaned: o,
            ..
        } = outcome
        {
            rechecks += r;
            orphaned += o;
        }
        say!(
            "document {id} ({}): {}",
            doc.key,
            describe_version(&outcome)
        );
    }
    say!(
        "re-analysed {} document(s); {rechecks} verdict(s) need a re-check, {orphaned} claim(s) \
         found no place{}",
        ids.len(),
        if orphaned > 0 {
            " (claimtrace report orphans)"
        } else {
            ""
        }
    );
    Ok(0)
}

/// Stores an analysed article: matched to its stored document by identity (a moved file
/// is found by its text when its old path is gone), with the stored metadata under what
/// the article gives, analysed again when that changes its publication date.
pub fn store(
    db: &mut Database,
    (mut doc, mut rows): (Document, DocumentRows),
    root: Option<&Path>,
) -> anyhow::Result<IngestOutcome> {
    let resolve = |stored: &str| document::stored_identity(stored, root);
    let found = db.find_document(&doc, &resolve)?;
    if let Some(stored) = &found {
        let merged = stored.meta.clone().overridden_by(&doc.meta);
        if merged != doc.meta {
            let published = merged.published != doc.meta.published;
            doc.meta = merged;
            if published {
                rows = DocumentRows::new(&doc, &pipeline::analyse(&doc));
            }
        }
    }
    let how = IngestOptions {
        matched: Matched::Known(found.as_ref()),
        reanalyse: false,
    };
    Ok(db.ingest_with(&doc, &rows, how)?)
}

/// What a new version of a document did, for one line of output.
pub fn describe_version(outcome: &IngestOutcome) -> String {
    let IngestOutcome::NewVersion {
        document_id,
        previous,
        version,
        claims,
        rechecks,
        orphaned,
        why,
    } = *outcome
    else {
        return match outcome {
            IngestOutcome::Unchanged { document_id } => {
                format!("unchanged (document {document_id})")
            }
            IngestOutcome::Moved { document_id, from } => {
                format!("moved from {from} (document {document_id})")
            }
            IngestOutcome::Added {
                document_id,
                claims,
            } => format!("stored as document {document_id} ({claims} claims)"),
            IngestOutcome::NewVersion { .. } => String::new(),
        };
    };
    let what = match why {
        Revision::Text => "changed; stored as",
        Revision::Metadata => "metadata changed, dates re-anchored; stored as",
        Revision::Analysis => "re-analysed as",
    };
    let mut s = format!(
        "{what} document {document_id}, version {version} of document {previous} ({claims} claims"
    );
    match rechecks {
        0 => {}
        1 => s.push_str("; 1 verdict needs a re-check"),
        n => s.push_str(&format!("; {n} verdicts need a re-check")),
    }
    if orphaned > 0 {
        s.push_str(&format!("; {orphaned} claim(s) found no place"));
    }
    s.push(')');
    if rechecks > 0 {
        s.push_str(": claimtrace claims --status needs_recheck");
    }
    s
}
