//! Annotation queries: a document's claims as an annotation file, importing files back,
//! moving claims to a new version of their document, and listing orphans.
//!
//! Import is all or nothing per file: every file is checked against the database first
//! (its hash names a stored document, every quote matches the text at its span, its
//! review logs extend what the database already has), refused files are reported with
//! file, line and reason, and the accepted ones are written in one transaction with
//! their original times and reviewers, so database → files → database → files is
//! byte-identical.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::{json, Map, Value};

use super::review::{append, claim_state_in};
use super::{now, of_document, Database, DocTexts, Result, StoreError, TextAt, ID_SPAN};
use crate::annotations::{
    self, claim_key, claim_line, line_of, split_ref, AnchorState, AnnotationError, AnnotationFile,
    AttributionRecord, ClaimRecord, ComponentRecord, DocumentRecord, LinkRecord, LogRecord,
    SourceRecord, SpanRecord,
};
use crate::claims::ClaimType;
use crate::reanchor::{Placement, QuoteSelector, Target, MIN_FUZZY_SCORE};
use crate::review::{ClaimStatus, ReviewAction, ReviewEntry};
use crate::span::{CharSpan, OffsetIndex};

/// A stored mention, for exports that show every mention of a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MentionRow {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub modifier: Option<String>,
    pub timex_type: Option<String>,
    /// The whole kind-specific record (the extract contract's mention JSON).
    pub attrs: Value,
}

/// A claim that lost its place in a new version of its document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OrphanRow {
    pub id: i64,
    pub document_id: i64,
    pub document: String,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub status: String,
    /// When it became an orphan, and why.
    pub since: Option<String>,
    pub note: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub imported: Vec<ImportedFile>,
    pub refused: Vec<AnnotationError>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFile {
    pub file: String,
    pub document_id: i64,
    pub claims: usize,
    /// Claims the database did not have at those spans.
    pub new_claims: usize,
    /// Review log entries added.
    pub entries: usize,
}

/// What re-anchoring a new version did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reanchored {
    pub moved: usize,
    pub orphaned: usize,
    /// Moved claims whose verdict lapsed to `needs_recheck`.
    pub rechecks: usize,
}

struct DocRow {
    id: i64,
    record: DocumentRecord,
    text: String,
}

/// A claim row with its key.
struct ClaimBase {
    id: i64,
    key: String,
    start: usize,
    end: usize,
    text: String,
    claim_type: String,
    status: String,
    anchor_state: String,
    prefix: Option<String>,
    suffix: Option<String>,
}

fn invalid(e: String) -> StoreError {
    StoreError::Invalid(e)
}

fn doc_row(conn: &Connection, id: i64) -> Result<DocRow> {
    conn.query_row(
        "SELECT id, source_key, path, url, content_hash, char_len, title, outlet, language,
                author, published, inflate(text) FROM documents WHERE id = ?1",
        [id],
        |r| {
            Ok(DocRow {
                id: r.get(0)?,
                record: DocumentRecord {
                    source_key: r.get(1)?,
                    path: r.get(2)?,
                    url: r.get(3)?,
                    content_hash: r.get(4)?,
                    char_len: r.get::<_, i64>(5)? as usize,
                    title: r.get(6)?,
                    outlet: r.get(7)?,
                    language: r.get(8)?,
                    author: r.get(9)?,
                    published: r.get(10)?,
                },
                text: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::NoDocument(id))
}

/// The claims of a document in file order, each with its key. Keys that would repeat
/// (two claims with the same span and quote) get `~2`, `~3`, ... in that order.
fn keyed_claims(conn: &Connection, doc_id: i64) -> Result<Vec<ClaimBase>> {
    keyed_claims_with(conn, doc_id, &mut DocTexts::default())
}

/// [`keyed_claims`], reading texts through `texts` (which may hold the document).
fn keyed_claims_with(
    conn: &Connection,
    doc_id: i64,
    texts: &mut DocTexts,
) -> Result<Vec<ClaimBase>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT c.id, c.start, c.end, c.claim_type, c.status, c.anchor_state, c.quote_prefix,
                c.quote_suffix, ",
        text_at!("c"),
        " FROM claims c WHERE c.document_id = ?1",
    ))?;
    let rows = stmt.query_map([doc_id], |r| {
        let base = ClaimBase {
            id: r.get(0)?,
            key: String::new(),
            start: r.get::<_, i64>(1)? as usize,
            end: r.get::<_, i64>(2)? as usize,
            text: String::new(),
            claim_type: r.get(3)?,
            status: r.get(4)?,
            anchor_state: r.get(5)?,
            prefix: r.get(6)?,
            suffix: r.get(7)?,
        };
        Ok((base, TextAt::read(r, 8)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut c, at) = row?;
        c.text = texts.text(conn, at)?;
        out.push(c);
    }
    // File order; texts compare as SQLite's BINARY collation does (bytes).
    out.sort_by(|a, b| {
        (a.start, a.end, &a.anchor_state, &a.text, a.id).cmp(&(
            b.start,
            b.end,
            &b.anchor_state,
            &b.text,
            b.id,
        ))
    });
    let mut used: HashSet<String> = HashSet::new();
    for c in &mut out {
        let base = claim_key(
            CharSpan {
                start: c.start,
                end: c.end,
            },
            &c.text,
        );
        let mut key = base.clone();
        let mut n = 1;
        while used.contains(&key) {
            n += 1;
            key = format!("{base}~{n}");
        }
        used.insert(key.clone());
        c.key = key;
    }
    Ok(out)
}

/// Turns claim ids into the references an annotation file uses, caching each document's keys.
struct RefNames<'c> {
    conn: &'c Connection,
    doc_id: i64,
    docs: HashMap<i64, (String, HashMap<i64, String>)>,
}

impl RefNames<'_> {
    fn name(&mut self, claim_id: i64) -> Result<String> {
        let doc: i64 = self.conn.query_row(
            "SELECT document_id FROM claims WHERE id = ?1",
            [claim_id],
            |r| r.get(0),
        )?;
        if !self.docs.contains_key(&doc) {
            let source_key: String = self.conn.query_row(
                "SELECT source_key FROM documents WHERE id = ?1",
                [doc],
                |r| r.get(0),
            )?;
            let keys = keyed_claims(self.conn, doc)?
                .into_iter()
                .map(|c| (c.id, c.key))
                .collect();
            self.docs.insert(doc, (source_key, keys));
        }
        let (source_key, keys) = &self.docs[&doc];
        let key = keys
            .get(&claim_id)
            .cloned()
            .ok_or(StoreError::NoClaim(claim_id))?;
        Ok(if doc == self.doc_id {
            key
        } else {
            format!("{source_key}#{key}")
        })
    }
}

fn decimal_string(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// A span of a mention's `attrs` (`[start, end]` in code points), with its text read
/// from the document: stored records keep offsets only.
fn span_record(v: Option<&Value>, text: &str, idx: &OffsetIndex) -> Option<SpanRecord> {
    let v = v?;
    let span = CharSpan {
        start: v.get(0)?.as_u64()? as usize,
        end: v.get(1)?.as_u64()? as usize,
    };
    Some(SpanRecord {
        start: span.start,
        end: span.end,
        text: idx.byte_span(span)?.slice(text).to_string(),
    })
}

type MentionCols = (
    i64,
    String,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

const MENTION_COLS: &str = concat!(
    "m.id, m.kind, m.start, m.end, m.value, m.unit, m.mod, m.timex_type, m.attrs, ",
    text_at!("m")
);

/// A row of [`MENTION_COLS`], its text to be filled in from the [`TextAt`].
fn mention_cols(r: &rusqlite::Row) -> rusqlite::Result<(MentionCols, TextAt)> {
    Ok((
        (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            String::new(),
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
        ),
        TextAt::read(r, 9)?,
    ))
}

/// The mentions `stmt` (which selects [`MENTION_COLS`]) finds for `params`, with their
/// texts.
fn query_mentions(
    conn: &Connection,
    stmt: &mut rusqlite::CachedStatement,
    params: impl rusqlite::Params,
    texts: &mut DocTexts,
) -> Result<Vec<MentionCols>> {
    let rows = stmt
        .query_map(params, mention_cols)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut m, at)| {
            m.4 = texts.text(conn, at)?;
            Ok(m)
        })
        .collect()
}

fn component_of(c: &MentionCols) -> Result<ComponentRecord> {
    let attrs = super::rows::expand_attrs(&c.9, c.2);
    Ok(ComponentRecord {
        kind: c.1.parse().map_err(invalid)?,
        start: c.2 as usize,
        end: c.3 as usize,
        text: c.4.clone(),
        value: c.5.clone(),
        low: decimal_string(attrs.get("low")),
        high: decimal_string(attrs.get("high")),
        unit: c.6.clone(),
        modifier: c.7.clone(),
        timex_type: c.8.clone(),
    })
}

/// The attribution record of a stored attribution mention (`start`, `end`, `text` and
/// `attrs` columns) in document `doc` (with its offset index).
fn attribution_of(
    doc: (&str, &OffsetIndex),
    start: i64,
    end: i64,
    text: &str,
    attrs: &str,
) -> AttributionRecord {
    let a = super::rows::expand_attrs(attrs, start);
    let (doc_text, idx) = doc;
    AttributionRecord {
        start: start as usize,
        end: end as usize,
        text: text.to_string(),
        source: span_record(a.get("source"), doc_text, idx),
        cue: span_record(a.get("cue"), doc_text, idx),
        content: span_record(a.get("content"), doc_text, idx),
        direct: a.get("direct").and_then(Value::as_bool).unwrap_or(false),
    }
}

/// A document's claims as annotation records, with their ids.
fn claim_records(conn: &Connection, doc: &DocRow) -> Result<Vec<(i64, ClaimRecord)>> {
    let idx = OffsetIndex::new(&doc.text);
    let mut texts = DocTexts::with(doc.id, &doc.text);
    let bases = keyed_claims_with(conn, doc.id, &mut texts)?;
    let mut refs = RefNames {
        conn,
        doc_id: doc.id,
        docs: HashMap::new(),
    };
    refs.docs.insert(
        doc.id,
        (
            doc.record.source_key.clone(),
            bases.iter().map(|c| (c.id, c.key.clone())).collect(),
        ),
    );
    let mut comp = conn.prepare_cached(&format!(
        "SELECT {MENTION_COLS} FROM claim_components cc JOIN mentions m ON m.id = cc.mention_id
         WHERE cc.claim_id = ?1 ORDER BY m.start, m.end, m.kind, m.id"
    ))?;
    let mut attr = conn.prepare_cached(concat!(
        "SELECT m.start, m.end, m.attrs, s.name, s.kind, s.role, ",
        text_at!("m"),
        " FROM claim_sources cs JOIN mentions m ON m.id = cs.attribution_mention_id
         LEFT JOIN sources s ON s.id = cs.source_id
         WHERE cs.claim_id = ?1 ORDER BY m.start, m.id LIMIT 1",
    ))?;
    let mut links = conn.prepare_cached(
        "SELECT other_id, relation, reason, created_at, active FROM claim_links
         WHERE claim_id = ?1 ORDER BY created_at, id",
    )?;
    let mut out = Vec::with_capacity(bases.len());
    for c in &bases {
        let span = CharSpan {
            start: c.start,
            end: c.end,
        };
        let anchor_state: AnchorState = c.anchor_state.parse().map_err(invalid)?;
        let selector = match anchor_state {
            AnchorState::Anchored => QuoteSelector::of(&doc.text, &idx, span),
            AnchorState::Orphan => None,
        }
        .unwrap_or_else(|| QuoteSelector {
            exact: c.text.clone(),
            prefix: c.prefix.clone().unwrap_or_default(),
            suffix: c.suffix.clone().unwrap_or_default(),
        });
        let components = query_mentions(conn, &mut comp, [c.id], &mut texts)?
            .iter()
            .map(component_of)
            .collect::<Result<Vec<_>>>()?;
        type AttrCols = (
            (i64, i64, String),
            Option<String>,
            Option<String>,
            Option<String>,
            TextAt,
        );
        let found: Option<AttrCols> = attr
            .query_row([c.id], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?),
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    TextAt::read(r, 6)?,
                ))
            })
            .optional()?;
        let (attribution, source) = match found {
            Some(((start, end, attrs), name, kind, role, at)) => (
                Some(attribution_of(
                    (&doc.text, &idx),
                    start,
                    end,
                    &texts.text(conn, at)?,
                    &attrs,
                )),
                name.map(|name| SourceRecord {
                    name,
                    kind: kind.unwrap_or_else(|| "unknown".into()),
                    role,
                }),
            ),
            None => (None, None),
        };
        let link_rows: Vec<(i64, String, Option<String>, String, bool)> = links
            .query_map([c.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut link_records = Vec::with_capacity(link_rows.len());
        for (other, relation, reason, created_at, active) in link_rows {
            link_records.push(LinkRecord {
                against: refs.name(other)?,
                relation,
                reason,
                created_at,
                active,
            });
        }
        let log_rows = super::review::review_log(conn, c.id)?;
        let mut review_log = Vec::with_capacity(log_rows.len());
        for e in log_rows {
            let status = |s: Option<String>| -> Result<Option<ClaimStatus>> {
                s.map(|s| s.parse().map_err(invalid)).transpose()
            };
            review_log.push(LogRecord {
                at: e.at,
                reviewer: e.reviewer,
                action: e.action.parse().map_err(invalid)?,
                from_status: status(e.from_status)?,
                to_status: status(e.to_status)?,
                note: e.note,
                evidence: e.evidence,
                against: e.against.map(|id| refs.name(id)).transpose()?,
                reviewed: e.reviewed,
            });
        }
        out.push((
            c.id,
            ClaimRecord {
                key: c.key.clone(),
                start: c.start,
                end: c.end,
                selector,
                claim_type: c.claim_type.parse::<ClaimType>().map_err(invalid)?,
                status: c.status.parse().map_err(invalid)?,
                anchor_state,
                components,
                attribution,
                source,
                links: link_records,
                review_log,
            },
        ));
    }
    Ok(out)
}

impl Database {
    /// Ids of the current version of every document, oldest first.
    pub fn current_documents(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM documents WHERE is_current = 1 ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document with all its claims, as an annotation file.
    pub fn annotation_file(&self, document_id: i64) -> Result<AnnotationFile> {
        Ok(self.annotation_file_with_ids(document_id)?.0)
    }

    /// A document's annotation file, with the database id of each of its claims (in the
    /// order of its claims).
    pub fn annotation_file_with_ids(&self, document_id: i64) -> Result<(AnnotationFile, Vec<i64>)> {
        let doc = doc_row(&self.conn, document_id)?;
        let (ids, claims) = claim_records(&self.conn, &doc)?.into_iter().unzip();
        let file = AnnotationFile {
            claimtrace_annotations: annotations::FORMAT_VERSION,
            document: doc.record,
            claims,
        };
        Ok((file, ids))
    }

    /// Every mention of a document, in document order.
    pub fn document_mentions(&self, document_id: i64) -> Result<Vec<MentionRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MENTION_COLS} FROM mentions m WHERE {}
             ORDER BY m.start, m.end DESC, m.ordinal",
            of_document("m.id")
        ))?;
        let rows = query_mentions(
            &self.conn,
            &mut stmt,
            [document_id],
            &mut DocTexts::default(),
        )?;
        Ok(rows
            .into_iter()
            .map(|c| MentionRow {
                kind: c.1,
                start: c.2 as usize,
                end: c.3 as usize,
                text: c.4,
                value: c.5,
                unit: c.6,
                modifier: c.7,
                timex_type: c.8,
                attrs: super::rows::expand_attrs(&c.9, c.2),
            })
            .collect())
    }

    /// Claims that lost their place when their document changed, newest document first.
    pub fn orphans(&self) -> Result<Vec<OrphanRow>> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT c.id, c.document_id, coalesce(d.title, d.source_key), c.start, c.end, ",
            stored_text!("c"),
            ",
                    c.status,
                    (SELECT at FROM review_log l WHERE l.claim_id = c.id AND l.action = 'orphan'
                     ORDER BY l.id DESC LIMIT 1),
                    (SELECT note FROM review_log l WHERE l.claim_id = c.id AND l.action = 'orphan'
                     ORDER BY l.id DESC LIMIT 1)
             FROM claims c JOIN documents d ON d.id = c.document_id
             WHERE c.anchor_state = 'orphan' ORDER BY c.document_id DESC, c.start, c.id",
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(OrphanRow {
                id: r.get(0)?,
                document_id: r.get(1)?,
                document: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
                text: r.get(5)?,
                status: r.get(6)?,
                since: r.get(7)?,
                note: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Imports annotation files given as (name, content). Each file is checked first;
    /// refused files are reported and change nothing, the others are written in one
    /// transaction.
    pub fn import_annotations(&mut self, inputs: &[(String, String)]) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut ready = Vec::new();
        for (name, raw) in inputs {
            match self.check_file(name, raw)? {
                Ok(r) => ready.push(r),
                Err(e) => report.refused.push(e),
            }
        }
        // References to claims of other documents must name a claim that will exist.
        let mut batch_keys: HashSet<(String, String)> = HashSet::new();
        for r in &ready {
            for c in &r.file.claims {
                batch_keys.insert((r.file.document.source_key.clone(), c.key.clone()));
                batch_keys.insert((r.db_source_key.clone(), c.key.clone()));
            }
        }
        let mut accepted: Vec<Ready> = Vec::new();
        for r in ready {
            // Each file is checked against the database as it was; two files for one
            // document would both add their entries.
            if let Some(first) = accepted.iter().find(|a| a.doc_id == r.doc_id) {
                report.refused.push(AnnotationError {
                    file: r.name.clone(),
                    line: line_of(&r.raw, "\"content_hash\"", 0),
                    reason: format!(
                        "{} in this import is for the same document; import one of them",
                        first.name
                    ),
                });
                continue;
            }
            match self.check_foreign_refs(&r, &batch_keys)? {
                None => accepted.push(r),
                Some(e) => report.refused.push(e),
            }
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ids: HashMap<(String, String), i64> = HashMap::new();
        let mut stats = Vec::with_capacity(accepted.len());
        for r in &accepted {
            let new_claims = write_claims(&tx, r, &mut ids)?;
            stats.push(new_claims);
        }
        for (r, new_claims) in accepted.iter().zip(stats) {
            let entries = write_reviews(&tx, r, &ids)?;
            report.imported.push(ImportedFile {
                file: r.name.clone(),
                document_id: r.doc_id,
                claims: r.file.claims.len(),
                new_claims,
                entries,
            });
        }
        tx.commit()?;
        Ok(report)
    }

    /// Checks one file against the database. The outer error is a database failure,
    /// the inner one a reason to refuse the file.
    fn check_file(
        &self,
        name: &str,
        raw: &str,
    ) -> Result<std::result::Result<Ready, AnnotationError>> {
        let file = match annotations::parse(name, raw) {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        let refuse = |line: usize, reason: String| {
            Ok(Err(AnnotationError {
                file: name.to_string(),
                line,
                reason,
            }))
        };
        let doc_id: Option<i64> = self
            .conn
            .query_row(
                // Two sources may carry the same text: prefer the one the file names.
                concat!(
                    "SELECT id FROM documents WHERE hash = ",
                    stored_hash!("?1"),
                    " ORDER BY source_key = ?2 DESC, is_current DESC, id DESC LIMIT 1"
                ),
                [&file.document.content_hash, &file.document.source_key],
                |r| r.get(0),
            )
            .optional()?;
        let Some(doc_id) = doc_id else {
            let same_source: Option<i64> = self
                .conn
                .query_row(
                    "SELECT version FROM documents WHERE source_key = ?1 AND is_current = 1",
                    [&file.document.source_key],
                    |r| r.get(0),
                )
                .optional()?;
            let hint = match same_source {
                Some(v) => format!(
                    "; the database has version {v} of {} with another text: ingest the \
                     version these annotations were made on into a fresh database, import, \
                     then ingest the new version to re-anchor them",
                    file.document.source_key
                ),
                None => format!(
                    "; ingest the article first (claimtrace ingest {})",
                    file.document.path.as_deref().unwrap_or("ARTICLE")
                ),
            };
            return refuse(
                line_of(raw, "\"content_hash\"", 0),
                format!(
                    "content hash {} matches no document in the database{hint}",
                    file.document.content_hash
                ),
            );
        };
        let current: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT d.version, c.version FROM documents d JOIN documents c
                   ON c.source_key = d.source_key AND c.is_current = 1
                 WHERE d.id = ?1 AND d.is_current = 0",
                [doc_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((v, cur)) = current {
            return refuse(
                line_of(raw, "\"content_hash\"", 0),
                format!(
                    "these annotations are for version {v} of the article, and version {cur} \
                     has replaced it; import them into a database that has version {v} as its \
                     newest, then ingest the new version to re-anchor them"
                ),
            );
        }
        let doc = doc_row(&self.conn, doc_id)?;
        let idx = OffsetIndex::new(&doc.text);
        let slice = |s: usize, e: usize| -> Option<&str> {
            let b = idx.byte_span(CharSpan { start: s, end: e })?;
            doc.text.get(b.start..b.end)
        };
        for c in &file.claims {
            let line = claim_line(raw, &c.key);
            let mut spans: Vec<(&str, usize, usize, &str)> = Vec::new();
            if c.anchor_state == AnchorState::Anchored {
                spans.push(("the quote", c.start, c.end, &c.selector.exact));
                for m in &c.components {
                    spans.push(("a component", m.start, m.end, &m.text));
                }
                if let Some(a) = &c.attribution {
                    spans.push(("the attribution", a.start, a.end, &a.text));
                    for s in [&a.source, &a.cue, &a.content].into_iter().flatten() {
                        spans.push(("an attribution part", s.start, s.end, &s.text));
                    }
                }
            }
            for (what, s, e, expected) in spans {
                match slice(s, e) {
                    None => {
                        return refuse(
                            line,
                            format!(
                            "claim {}: span {s}..{e} of {what} is outside the text ({} characters)",
                            c.key,
                            idx.char_len()
                        ),
                        )
                    }
                    Some(found) if found != expected => {
                        return refuse(
                            line,
                            format!(
                            "claim {}: the text at {s}..{e} is {found:?}, not {what} {expected:?}",
                            c.key
                        ),
                        )
                    }
                    Some(_) => {}
                }
            }
        }
        let existing: HashMap<(usize, usize, String), (i64, ClaimRecord)> =
            claim_records(&self.conn, &doc)?
                .into_iter()
                .map(|(id, c)| ((c.start, c.end, c.selector.exact.clone()), (id, c)))
                .collect();
        for c in &file.claims {
            let Some((_, old)) = existing.get(&(c.start, c.end, c.selector.exact.clone())) else {
                continue;
            };
            let common = old
                .review_log
                .iter()
                .zip(&c.review_log)
                .take_while(|(a, b)| same_entry(a, b))
                .count();
            if common < old.review_log.len() {
                let e = &old.review_log[common];
                return refuse(
                    claim_line(raw, &c.key),
                    format!(
                        "claim {}: the database has review entries this file does not \
                         (from {} by {}); export the database and merge the two files first",
                        c.key, e.at, e.reviewer
                    ),
                );
            }
        }
        Ok(Ok(Ready {
            name: name.to_string(),
            raw: raw.to_string(),
            doc_id,
            db_source_key: doc.record.source_key.clone(),
            text: doc.text,
            existing: existing
                .into_iter()
                .map(|(k, (id, c))| (k, (id, c.review_log.len())))
                .collect(),
            file,
        }))
    }

    fn check_foreign_refs(
        &self,
        r: &Ready,
        batch: &HashSet<(String, String)>,
    ) -> Result<Option<AnnotationError>> {
        for c in &r.file.claims {
            let refs = c
                .links
                .iter()
                .map(|l| l.against.as_str())
                .chain(c.review_log.iter().filter_map(|e| e.against.as_deref()));
            for rf in refs {
                let (Some(doc), key) = split_ref(rf) else {
                    continue;
                };
                if batch.contains(&(doc.to_string(), key.to_string()))
                    || foreign_claim(&self.conn, doc, key)?.is_some()
                {
                    continue;
                }
                return Ok(Some(AnnotationError {
                    file: r.name.clone(),
                    line: claim_line(&r.raw, &c.key),
                    reason: format!(
                        "claim {}: refers to {rf:?}, a claim of another document that is neither \
                         in the database nor in the files being imported",
                        c.key
                    ),
                }));
            }
        }
        Ok(None)
    }
}

/// Whether a file's log entry is the stored one. A file written before entries recorded
/// the claim they judged (schema version 3) matches the stored entry without it.
fn same_entry(stored: &LogRecord, file: &LogRecord) -> bool {
    stored == file
        || (file.reviewed.is_none()
            && LogRecord {
                reviewed: None,
                ..stored.clone()
            } == *file)
}

/// A file that passed its checks.
struct Ready {
    name: String,
    raw: String,
    doc_id: i64,
    db_source_key: String,
    text: String,
    file: AnnotationFile,
    /// Claims already stored, by (start, end, quote): id and review log length.
    existing: HashMap<(usize, usize, String), (i64, usize)>,
}

/// The id of claim `key` of the current version of document `source_key`.
fn foreign_claim(conn: &Connection, source_key: &str, key: &str) -> Result<Option<i64>> {
    let doc: Option<i64> = conn
        .query_row(
            "SELECT id FROM documents WHERE source_key = ?1 AND is_current = 1",
            [source_key],
            |r| r.get(0),
        )
        .optional()?;
    let Some(doc) = doc else { return Ok(None) };
    Ok(keyed_claims(conn, doc)?
        .into_iter()
        .find(|c| c.key == key)
        .map(|c| c.id))
}

/// The stored columns `sentence, kind_code, start, length, byte_shift, byte_extra` of a
/// mention (schema.sql) from the parameters ?1 its id, ?2 its sentence's id, ?3 its
/// kind's code, ?4 to ?7 its start, end, byte start and byte end.
macro_rules! insert_offsets {
    () => {
        "?2 - ((?1 >> 24) << 24), ?3, ?4, ?5 - ?4, ?6 - ?4, (?7 - ?6) - (?5 - ?4)"
    };
}

fn sentence_at(conn: &Connection, doc_id: i64, byte: usize) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM sentences WHERE {} AND byte_start <= ?2 AND byte_end > ?2
             ORDER BY ordinal LIMIT 1",
            of_document("id")
        ))?
        .query_row(params![doc_id, byte as i64], |r| r.get(0))
        .optional()?)
}

fn byte_pair(idx: &OffsetIndex, s: usize, e: usize) -> (i64, i64) {
    idx.byte_span(CharSpan { start: s, end: e })
        .map_or((s as i64, e as i64), |b| (b.start as i64, b.end as i64))
}

/// The id of a new mention of a document (see [`ID_SPAN`]).
fn next_mention(conn: &Connection, doc_id: i64) -> Result<i64> {
    let ordinal: i64 = conn.query_row(
        &format!(
            "SELECT coalesce(max(id) - ?1 * {ID_SPAN}, -1) + 1 FROM mentions WHERE {}",
            of_document("id")
        ),
        [doc_id],
        |r| r.get(0),
    )?;
    if ordinal >= ID_SPAN {
        return Err(StoreError::Invalid(format!(
            "document {doc_id} has too many mentions to add one"
        )));
    }
    Ok(doc_id * ID_SPAN + ordinal)
}

fn span_attrs(s: &Option<SpanRecord>, idx: &OffsetIndex) -> Value {
    match s {
        Some(s) => {
            let (bs, be) = byte_pair(idx, s.start, s.end);
            json!({"start": s.start, "end": s.end, "byte_start": bs, "byte_end": be, "text": s.text})
        }
        None => Value::Null,
    }
}

fn number_or_string(s: &Option<String>) -> Value {
    match s {
        Some(s) => s
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or_else(|_| Value::String(s.clone())),
        None => Value::Null,
    }
}

/// The mention a component names: an equal stored one, else a new one.
fn component_mention(
    conn: &Connection,
    r: &Ready,
    idx: &OffsetIndex,
    m: &ComponentRecord,
) -> Result<i64> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MENTION_COLS} FROM mentions m
         WHERE {} AND m.kind = ?2 AND m.start = ?3 AND m.end = ?4 ORDER BY m.id",
        of_document("m.id")
    ))?;
    let found = query_mentions(
        conn,
        &mut stmt,
        params![r.doc_id, m.kind.as_str(), m.start as i64, m.end as i64],
        &mut DocTexts::with(r.doc_id, &r.text),
    )?;
    for f in &found {
        if component_of(f)? == *m {
            return Ok(f.0);
        }
    }
    let (bs, be) = byte_pair(idx, m.start, m.end);
    let mut attrs = Map::new();
    attrs.insert("kind".into(), m.kind.as_str().into());
    attrs.insert("start".into(), m.start.into());
    attrs.insert("end".into(), m.end.into());
    attrs.insert("byte_start".into(), bs.into());
    attrs.insert("byte_end".into(), be.into());
    attrs.insert("text".into(), m.text.clone().into());
    if m.kind == crate::recognize::MentionKind::Date {
        attrs.insert("type".into(), m.timex_type.clone().into());
        attrs.insert("value".into(), m.value.clone().into());
    } else {
        attrs.insert("value".into(), number_or_string(&m.value));
        attrs.insert("low".into(), number_or_string(&m.low));
        attrs.insert("high".into(), number_or_string(&m.high));
        attrs.insert("unit".into(), m.unit.clone().into());
    }
    attrs.insert("mod".into(), m.modifier.clone().into());
    let id = next_mention(conn, r.doc_id)?;
    conn.execute(
        concat!(
            "INSERT INTO mentions (id, sentence, kind_code, start, length, byte_shift,
                 byte_extra, text, value, unit, mod, timex_type, attrs)
             VALUES (?1, ",
            insert_offsets!(),
            ", ?8, ?9, ?10, ?11, ?12, ?13)"
        ),
        params![
            id,
            sentence_at(conn, r.doc_id, bs as usize)?,
            super::rows::code(&super::rows::MENTION_KINDS, m.kind.as_str()),
            m.start as i64,
            m.end as i64,
            bs,
            be,
            m.text,
            m.value,
            m.unit,
            m.modifier,
            m.timex_type,
            super::rows::row_attrs(
                m.kind.as_str(),
                m.start as i64,
                &super::rows::compact_attrs(Value::Object(attrs)).to_string()
            ),
        ],
    )?;
    release_mention_text(conn, id)?;
    Ok(id)
}

/// Leaves out the text of mention `id` when it is its document's text at its offsets;
/// an imported text that differs is kept.
fn release_mention_text(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached(release_texts!("mentions", "id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// The attribution mention and source a record names, stored if new.
fn attribution_ids(
    conn: &Connection,
    r: &Ready,
    idx: &OffsetIndex,
    a: &AttributionRecord,
    source: &Option<SourceRecord>,
) -> Result<(i64, Option<i64>)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, {}, m.attrs FROM mentions m
         WHERE {} AND m.kind = 'attribution' AND m.start = ?2 AND m.end = ?3 ORDER BY m.id",
        stored_text!("m"),
        of_document("m.id")
    ))?;
    let found: Vec<(i64, String, String)> = stmt
        .query_map(params![r.doc_id, a.start as i64, a.end as i64], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mention = match found.iter().find(|(_, text, attrs)| {
        attribution_of((&r.text, idx), a.start as i64, a.end as i64, text, attrs) == *a
    }) {
        Some((id, _, _)) => *id,
        None => {
            let (bs, be) = byte_pair(idx, a.start, a.end);
            let attrs = json!({
                "kind": "attribution", "start": a.start, "end": a.end, "byte_start": bs,
                "byte_end": be, "text": a.text,
                "source": span_attrs(&a.source, idx), "cue": span_attrs(&a.cue, idx),
                "content": span_attrs(&a.content, idx), "direct": a.direct,
                "source_kind": source.as_ref().map_or("unknown", |s| s.kind.as_str()),
            });
            let id = next_mention(conn, r.doc_id)?;
            conn.execute(
                concat!(
                    "INSERT INTO mentions (id, sentence, kind_code, start, length, byte_shift,
                         byte_extra, text, attrs)
                     VALUES (?1, ",
                    insert_offsets!(),
                    ", ?8, ?9)"
                ),
                params![
                    id,
                    sentence_at(conn, r.doc_id, bs as usize)?,
                    super::rows::code(&super::rows::MENTION_KINDS, "attribution"),
                    a.start as i64,
                    a.end as i64,
                    bs,
                    be,
                    a.text,
                    super::rows::row_attrs(
                        "attribution",
                        a.start as i64,
                        &super::rows::compact_attrs(attrs).to_string()
                    ),
                ],
            )?;
            release_mention_text(conn, id)?;
            id
        }
    };
    let source_id = match source {
        None => None,
        Some(s) => {
            let found: Option<i64> = conn
                .query_row(
                    "SELECT id FROM sources WHERE name = ?1 AND kind = ?2
                     AND role IS ?3 ORDER BY id LIMIT 1",
                    params![s.name, s.kind, s.role],
                    |row| row.get(0),
                )
                .optional()?;
            match found {
                Some(id) => Some(id),
                None => {
                    conn.execute(
                        "INSERT INTO sources (name, kind, role, created_at) VALUES (?1, ?2, ?3, ?4)",
                        params![s.name, s.kind, s.role, now()],
                    )?;
                    let id = conn.last_insert_rowid();
                    conn.execute(
                        "INSERT OR IGNORE INTO source_aliases (source_id, alias) VALUES (?1, ?2)",
                        params![id, s.name],
                    )?;
                    Some(id)
                }
            }
        }
    };
    Ok((mention, source_id))
}

/// Stores the claims of a checked file (not their reviews); returns how many were new.
fn write_claims(
    conn: &Connection,
    r: &Ready,
    ids: &mut HashMap<(String, String), i64>,
) -> Result<usize> {
    let idx = OffsetIndex::new(&r.text);
    let at = now();
    let mut new_claims = 0;
    for c in &r.file.claims {
        let found = r
            .existing
            .get(&(c.start, c.end, c.selector.exact.clone()))
            .map(|(id, _)| *id);
        let orphan = c.anchor_state == AnchorState::Orphan;
        let (prefix, suffix) = if orphan {
            (Some(&c.selector.prefix), Some(&c.selector.suffix))
        } else {
            (None, None)
        };
        let id = match found {
            Some(id) => {
                conn.execute(
                    "UPDATE claims SET claim_type_code = ?2, orphaned = ?3, quote_prefix = ?4,
                         quote_suffix = ?5 WHERE id = ?1",
                    params![
                        id,
                        super::rows::code(&super::rows::CLAIM_TYPES, c.claim_type.as_str()),
                        orphan,
                        prefix,
                        suffix
                    ],
                )?;
                id
            }
            None => {
                new_claims += 1;
                let (bs, be) = if orphan {
                    (c.start as i64, c.end as i64)
                } else {
                    byte_pair(&idx, c.start, c.end)
                };
                let sentence = if orphan {
                    None
                } else {
                    sentence_at(conn, r.doc_id, bs as usize)?
                };
                conn.execute(
                    "INSERT INTO claims (document_id, sentence_id, start, end, byte_start, byte_end,
                         text, claim_type_code, orphaned, quote_prefix, quote_suffix, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        r.doc_id,
                        sentence,
                        c.start as i64,
                        c.end as i64,
                        bs,
                        be,
                        c.selector.exact,
                        super::rows::code(&super::rows::CLAIM_TYPES, c.claim_type.as_str()),
                        orphan,
                        prefix,
                        suffix,
                        at
                    ],
                )?;
                let id = conn.last_insert_rowid();
                conn.prepare_cached(release_texts!(
                    "claims",
                    "id = ?1 AND anchor_state = 'anchored'"
                ))?
                .execute([id])?;
                id
            }
        };
        let mut mention_ids = Vec::with_capacity(c.components.len());
        for m in &c.components {
            mention_ids.push(component_mention(conn, r, &idx, m)?);
        }
        conn.execute("DELETE FROM claim_components WHERE claim_id = ?1", [id])?;
        for m in mention_ids {
            conn.execute(
                "INSERT OR IGNORE INTO claim_components (claim_id, mention_id) VALUES (?1, ?2)",
                params![id, m],
            )?;
        }
        conn.execute("DELETE FROM claim_sources WHERE claim_id = ?1", [id])?;
        if let Some(a) = &c.attribution {
            let (mention, source) = attribution_ids(conn, r, &idx, a, &c.source)?;
            conn.execute(
                "INSERT INTO claim_sources (claim_id, source_id, attribution_mention_id)
                 VALUES (?1, ?2, ?3)",
                params![id, source, mention],
            )?;
        }
        conn.execute(
            "UPDATE claims SET sourced = ?2 WHERE id = ?1",
            params![id, c.attribution.is_some()],
        )?;
        set_has_figure(conn, id)?;
        ids.insert((r.file.document.source_key.clone(), c.key.clone()), id);
        ids.insert((r.db_source_key.clone(), c.key.clone()), id);
    }
    Ok(new_claims)
}

fn resolve(
    conn: &Connection,
    r: &Ready,
    ids: &HashMap<(String, String), i64>,
    rf: &str,
) -> Result<i64> {
    let (doc, key) = split_ref(rf);
    let doc = doc.unwrap_or(&r.file.document.source_key);
    if let Some(id) = ids.get(&(doc.to_string(), key.to_string())) {
        return Ok(*id);
    }
    foreign_claim(conn, doc, key)?
        .ok_or_else(|| invalid(format!("{}: claim reference {rf:?} names no claim", r.name)))
}

/// Appends the review entries the database lacks and stores the links; returns the
/// number of entries added.
fn write_reviews(
    tx: &rusqlite::Transaction,
    r: &Ready,
    ids: &HashMap<(String, String), i64>,
) -> Result<usize> {
    let mut added = 0;
    for c in &r.file.claims {
        let id = ids[&(r.file.document.source_key.clone(), c.key.clone())];
        let have = r
            .existing
            .get(&(c.start, c.end, c.selector.exact.clone()))
            .map_or(0, |(_, n)| *n);
        for e in c.review_log.iter().skip(have) {
            let against = e
                .against
                .as_deref()
                .map(|rf| resolve(tx, r, ids, rf))
                .transpose()?;
            let entry = ReviewEntry {
                at: e.at.clone(),
                reviewer: e.reviewer.clone(),
                action: e.action.as_str().into(),
                from_status: e.from_status.map(|s| s.as_str().into()),
                to_status: e.to_status.map(|s| s.as_str().into()),
                note: e.note.clone(),
                evidence: e.evidence.clone(),
                against,
                reviewed: e.reviewed.clone(),
            };
            append(tx, id, &entry)?;
            added += 1;
        }
        // Links are matched by position: the file's list is the record, so a stored link
        // takes the values of the file's link at the same place and the rest are added.
        let stored: Vec<i64> = tx
            .prepare_cached(
                "SELECT id FROM claim_links WHERE claim_id = ?1 ORDER BY created_at, id",
            )?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (i, l) in c.links.iter().enumerate() {
            let other = resolve(tx, r, ids, &l.against)?;
            match stored.get(i) {
                Some(link) => {
                    tx.execute(
                        "UPDATE claim_links SET other_id = ?2, relation = ?3, reason = ?4,
                             created_at = ?5, active = ?6 WHERE id = ?1",
                        params![link, other, l.relation, l.reason, l.created_at, l.active],
                    )?;
                }
                None => {
                    tx.execute(
                        "INSERT INTO claim_links (claim_id, other_id, relation, reason, created_at, active)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![id, other, l.relation, l.reason, l.created_at, l.active],
                    )?;
                }
            }
        }
        // The status is the log's last status, also when the log is empty.
        let status = super::rows::code(&super::rows::STATUSES, c.status.as_str());
        tx.execute(
            "UPDATE claims SET status_code = ?2 WHERE id = ?1 AND status_code IS NOT ?2",
            params![id, status],
        )?;
    }
    Ok(added)
}

/// Moves every claim of document `old` to its new version `new` (same transaction as
/// the ingest): each claim keeps its id and review log, takes the place re-anchoring
/// finds (replacing the freshly extracted claim at that span), or becomes an orphan.
/// Each move or loss is logged.
pub(super) fn reanchor_document(tx: &Connection, old: i64, new: i64) -> Result<Reanchored> {
    let old_doc = doc_row(tx, old)?;
    let new_doc = doc_row(tx, new)?;
    let version: i64 = tx.query_row("SELECT version FROM documents WHERE id = ?1", [new], |r| {
        r.get(0)
    })?;
    let old_idx = OffsetIndex::new(&old_doc.text);
    let target = Target::new(&new_doc.text);
    let mut fresh: HashMap<(usize, usize), i64> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT id, start, end FROM claims WHERE document_id = ?1")?;
        let rows = stmt.query_map([new], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (id, s, e) = row?;
            fresh.entry((s as usize, e as usize)).or_insert(id);
        }
    }
    let claims: Vec<(ClaimBase, CharSpan, QuoteSelector)> = keyed_claims(tx, old)?
        .into_iter()
        .map(|c| {
            let span = CharSpan {
                start: c.start,
                end: c.end,
            };
            let sel = match c.anchor_state.as_str() {
                "orphan" => None,
                _ => QuoteSelector::of(&old_doc.text, &old_idx, span),
            }
            .unwrap_or_else(|| QuoteSelector {
                exact: c.text.clone(),
                prefix: c.prefix.clone().unwrap_or_default(),
                suffix: c.suffix.clone().unwrap_or_default(),
            });
            (c, span, sel)
        })
        .collect();
    // Claims still at their position take their place first; the others are placed in
    // document order on what is left, so two claims never share one place.
    let mut taken: HashSet<(usize, usize)> = claims
        .iter()
        .filter(|(c, span, sel)| c.anchor_state != "orphan" && target.at_position(*span, sel))
        .map(|(_, span, _)| (span.start, span.end))
        .collect();
    let at = now();
    let mut done = Reanchored::default();
    let mut texts = DocTexts::with(old, &old_doc.text);
    for (c, span, sel) in claims {
        let before = claim_state_in(tx, c.id, &mut texts)?;
        let placement = if c.anchor_state != "orphan" && target.at_position(span, &sel) {
            target.place(span, &sel)
        } else {
            target.place_excluding(span, &sel, &taken)
        };
        if let Placement::Placed { span: to, .. } = placement {
            taken.insert((to.start, to.end));
        }
        let (action, note) = match placement {
            Placement::Placed {
                span: to,
                method,
                score,
            } => {
                let Some(b) = target.index().byte_span(to) else {
                    continue;
                };
                match fresh.remove(&(to.start, to.end)) {
                    Some(f) => {
                        tx.prepare_cached("DELETE FROM claim_components WHERE claim_id = ?1")?
                            .execute([c.id])?;
                        tx.prepare_cached("DELETE FROM claim_sources WHERE claim_id = ?1")?
                            .execute([c.id])?;
                        tx.prepare_cached(
                            "UPDATE claim_components SET claim_id = ?1 WHERE claim_id = ?2",
                        )?
                        .execute([c.id, f])?;
                        tx.prepare_cached(
                            "UPDATE claim_sources SET claim_id = ?1 WHERE claim_id = ?2",
                        )?
                        .execute([c.id, f])?;
                        tx.prepare_cached("UPDATE claims SET (sentence_id, claim_type_code, worthiness, features, sourced,
                                 has_figure, earliest_date, latest_date) =
                               (SELECT sentence_id, claim_type_code, worthiness, features, sourced,
                                 has_figure, earliest_date, latest_date FROM claims WHERE id = ?2)
                             WHERE id = ?1")?.execute([c.id, f])?;
                        tx.prepare_cached("DELETE FROM claims WHERE id = ?1")?
                            .execute([f])?;
                    }
                    None => {
                        let within: Vec<i64> = {
                            let mut stmt = tx.prepare_cached(&format!(
                                "SELECT id FROM mentions WHERE {}
                                 AND kind IN ('figure', 'date') AND byte_start >= ?2 AND byte_end <= ?3",
                                of_document("id")
                            ))?;
                            let rows = stmt
                                .query_map(params![new, b.start as i64, b.end as i64], |r| {
                                    r.get(0)
                                })?;
                            rows.collect::<rusqlite::Result<_>>()?
                        };
                        if !within.is_empty() {
                            tx.prepare_cached("DELETE FROM claim_components WHERE claim_id = ?1")?
                                .execute([c.id])?;
                            for m in within {
                                tx.prepare_cached(
                                    "INSERT OR IGNORE INTO claim_components (claim_id, mention_id)
                                     VALUES (?1, ?2)",
                                )?
                                .execute([c.id, m])?;
                            }
                        }
                        tx.prepare_cached("UPDATE claims SET sentence_id = ?2 WHERE id = ?1")?
                            .execute(params![c.id, sentence_at(tx, new, b.start)?])?;
                    }
                }
                set_has_figure(tx, c.id)?;
                tx.prepare_cached(
                    "UPDATE claims SET document_id = ?2, start = ?3, end = ?4, byte_start = ?5,
                         byte_end = ?6, text = NULL, orphaned = 0, quote_prefix = NULL,
                         quote_suffix = NULL, updated_at = ?7, created_at = coalesce(created_at,
                             (SELECT d.ingested_at FROM documents d WHERE d.id = claims.document_id))
                     WHERE id = ?1",
                )?
                .execute(params![
                    c.id,
                    new,
                    to.start as i64,
                    to.end as i64,
                    b.start as i64,
                    b.end as i64,
                    at
                ])?;
                done.moved += 1;
                let mut note = format!(
                    "moved to version {version} at {}..{} by {}",
                    to.start,
                    to.end,
                    method.as_str()
                );
                if method == crate::reanchor::Method::Fuzzy {
                    note.push_str(&format!(" (similarity {score:.2}); the text changed"));
                }
                (ReviewAction::Reanchor, note)
            }
            Placement::Orphan { best_score } => {
                // Its words are no longer in its document: the claim keeps them.
                tx.prepare_cached(
                    "UPDATE claims SET document_id = ?2, sentence_id = NULL, orphaned = 1,
                         quote_prefix = ?3, quote_suffix = ?4, updated_at = ?5, text = ?6,
                         created_at = coalesce(created_at, (SELECT d.ingested_at FROM documents d
                             WHERE d.id = claims.document_id))
                     WHERE id = ?1",
                )?
                .execute(params![c.id, new, sel.prefix, sel.suffix, at, c.text])?;
                done.orphaned += 1;
                (
                    ReviewAction::Orphan,
                    format!(
                        "no place in version {version}: the quote is gone and the most similar \
                         sentence scores {best_score:.2} (minimum {MIN_FUZZY_SCORE:.2}); last at {}..{}",
                        c.start, c.end
                    ),
                )
            }
        };
        // A verdict holds for the words and values it was given for: when either
        // changed, the claim waits for a person again.
        let (after, lapsed) = match action {
            ReviewAction::Reanchor => {
                let after = claim_state_in(tx, c.id, &mut texts)?;
                let verdict = c
                    .status
                    .parse::<ClaimStatus>()
                    .is_ok_and(|s| s.is_verdict());
                let lapsed = verdict && after != before;
                (after, lapsed)
            }
            _ => (before.clone(), false),
        };
        let mut note = note;
        let to_status = if lapsed {
            done.rechecks += 1;
            if after.text != before.text {
                note.push_str(&format!(
                    "; it was judged {} for the old text: it needs a re-check",
                    c.status
                ));
            } else {
                note.push_str(&format!(
                    "; the values of its figures or dates changed since it was judged {}: \
                     it needs a re-check",
                    c.status
                ));
            }
            ClaimStatus::NeedsRecheck.as_str().to_string()
        } else {
            c.status.clone()
        };
        let entry = ReviewEntry {
            at: at.clone(),
            reviewer: "claimtrace".into(),
            action: action.as_str().into(),
            from_status: Some(c.status.clone()),
            to_status: Some(to_status),
            note: Some(note),
            evidence: Vec::new(),
            against: None,
            reviewed: Some(after),
        };
        append(tx, c.id, &entry)?;
    }
    Ok(done)
}

/// Keeps the `has_figure` filter column in step with a claim's components.
fn set_has_figure(conn: &Connection, claim_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE claims SET has_figure = EXISTS (SELECT 1 FROM claim_components cc
             JOIN mentions m ON m.id = cc.mention_id WHERE cc.claim_id = ?1 AND m.kind = 'figure'
               AND coalesce(json_extract(m.attrs, '$.x'), 1))
         WHERE id = ?1",
    )?
    .execute([claim_id])?;
    Ok(())
}
