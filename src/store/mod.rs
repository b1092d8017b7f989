//! The store: the only module that speaks SQL.
//!
//! One SQLite database (bundled SQLite) in WAL mode with foreign keys on and a busy
//! timeout, so several processes can write it: one waits while another commits. Every
//! multi-row write is one transaction, so a failure leaves the database as it was.
//! The schema is `schema.sql`, versioned with `PRAGMA user_version`; an older database
//! is migrated step by step in one transaction, a newer one is refused.
//!
//! Opening checks before it changes anything: a file that is not SQLite, is truncated,
//! belongs to another application or has an unknown schema version is refused as it
//! is. Read commands open read-only and never create a database. A waiting writer asks
//! for the lock every millisecond and a batch writer pauses after each commit, so a
//! `review` during a long ingest waits about one batch; two processes creating one
//! database at once both succeed.

use std::path::Path;
use std::time::Duration;

use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::document::Document;
use crate::pipeline::Analysis;
use crate::sources;

/// SQL: the stored form of the content hash in parameter `$p` (schema.sql, documents):
/// 64 lower-case hex digits as their 32 bytes, anything else as it is.
macro_rules! stored_hash {
    ($p:literal) => {
        concat!(
            "CASE WHEN length(",
            $p,
            ") = 64 AND ",
            $p,
            " NOT GLOB '*[^0-9a-f]*' THEN unhex(",
            $p,
            ") ELSE ",
            $p,
            " END"
        )
    };
}

/// SQL: the code-point offset where the source span of attribution mention `m` starts:
/// in its record as version 9 stores it (an array, from the mention's start) or as an
/// older version did (the migrations of older versions read those).
macro_rules! source_start {
    () => {
        "coalesce(json_extract(m.attrs, '$.s[0]'), m.start + json_extract(m.attrs, '$[1]'))"
    };
}

/// SQL: where the source span of attribution mention `m` ends (see `source_start!`).
macro_rules! source_end {
    () => {
        "coalesce(json_extract(m.attrs, '$.s[1]'),
            m.start + json_extract(m.attrs, '$[1]') + json_extract(m.attrs, '$[2]'))"
    };
}

/// SQL: the text of the source span of attribution mention `m`, from its document `sd`
/// (stored records keep code-point offsets, not texts).
macro_rules! source_span_text {
    () => {
        concat!(
            "substr(inflate(sd.text), ",
            source_start!(),
            " + 1, ",
            source_end!(),
            " - ",
            source_start!(),
            ")"
        )
    };
}

/// SQL for the source of a claim as its own document names it (`s`: the registry row,
/// `sd`: the document, `m`: the attribution): the registry name where the document
/// contains it, else the source span's text. A name merged from another article ("Vladimir
/// Putin" for this article's "Putin") never stands for a source this article names
/// otherwise.
macro_rules! source_in_document {
    () => {
        concat!(
            "CASE WHEN s.name IS NOT NULL AND instr(inflate(sd.text), s.name) > 0 THEN s.name ELSE ",
            source_span_text!(),
            " END"
        )
    };
}

/// SQL for the text of a claim or mention (the row alias given, a literal): its own
/// `text` where it keeps one (an orphan claim, whose words are gone from its document),
/// else its document's text at its code-point offsets, which is what the column held
/// before version 5.
macro_rules! stored_text {
    ($row:literal) => {
        concat!(
            "coalesce(",
            $row,
            ".text, (SELECT substr(inflate(text_doc.text), ",
            $row,
            ".start + 1, ",
            $row,
            ".end - ",
            $row,
            ".start) FROM documents text_doc WHERE text_doc.id = ",
            $row,
            ".document_id))"
        )
    };
}

/// SQL: the columns [`TextAt::read`] reads for a claim or mention (the row alias given,
/// a literal): its own text, if any, its document and its byte offsets.
macro_rules! text_at {
    ($row:literal) => {
        concat!(
            $row,
            ".text, ",
            $row,
            ".document_id, ",
            $row,
            ".byte_start, ",
            $row,
            ".byte_end"
        )
    };
}

/// SQL: leaves out the texts of claims (anchored ones) and mentions of table `$table`
/// that are their document's text at their offsets; `$filter` narrows the rows.
macro_rules! release_texts {
    ($table:literal, $filter:literal) => {
        concat!(
            "UPDATE ",
            $table,
            " SET text = NULL WHERE ",
            $filter,
            " AND text IS NOT NULL",
            " AND text = (SELECT substr(inflate(d.text), ",
            $table,
            ".start + 1, ",
            $table,
            ".end - ",
            $table,
            ".start) FROM documents d WHERE d.id = ",
            $table,
            ".document_id)"
        )
    };
}

mod annotations;
mod deflated;
mod desk;
mod fact_checks;
mod features;
mod identity;
mod matches;
mod report;
mod review;
mod rows;
pub use annotations::{ImportReport, ImportedFile, MentionRow, OrphanRow, Reanchored};
pub use desk::{ClaimSource, DocumentCounts};
pub use fact_checks::{FactCheckImport, FactCheckMatch, FactCheckRow, SearchableClaim};
pub use identity::{DocumentMatch, Removal, Resolve};
pub use matches::{document_keys, MatchSummary, RelatedClaim, RelationRow};
pub use report::{CompetingClaim, ContestedClaim, StatusCount, UnsourcedFigure};
pub use review::{ClaimLink, FlagRequest, ReviewRequest};
pub use rows::{DocumentRows, RowsRecord};

/// Gives a connection opened outside [`Database`] (a script's, a test's) the SQL
/// functions the schema needs: `inflate(text)` reads a document's text.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    deflated::register(conn)
}

/// Pages of write-ahead log after which a commit copies the log into the database.
const WAL_CHECKPOINT_PAGES: i64 = 8192;

/// The schema this binary writes.
pub const SCHEMA_VERSION: i64 = 9;
const SCHEMA: &str = include_str!("../../schema.sql");

/// One step of a migration.
enum Step {
    /// Rebuilds the tables these statements define (with their indexes and triggers)
    /// to that definition, keeping every row: for changes SQLite cannot make in place
    /// (constraints). The statements are the step's own (`migrations/v*-rebuild.sql`),
    /// frozen as `schema.sql` was at the version the step brings a database to, so that
    /// a later schema never changes what an older step does.
    Rebuild(&'static str),
    /// Runs these statements.
    Sql(&'static str),
    /// Runs this function (for what SQL alone cannot say).
    Code(fn(&Connection) -> Result<()>),
}

/// Where a stored claim or mention finds its text: its own, or its document's at its
/// bytes. Commands that read many rows of one document slice them in Rust from one
/// read of the document ([`DocTexts`]); SQL (`stored_text!`) would read the whole
/// document again for every row, which costs a large document seconds.
#[derive(Debug, Clone)]
pub(crate) struct TextAt {
    own: Option<String>,
    document: i64,
    byte_start: i64,
    byte_end: i64,
}

impl TextAt {
    /// From the columns of `text_at!` at `i`, `i + 1`, `i + 2` and `i + 3`.
    pub(crate) fn read(r: &rusqlite::Row, i: usize) -> rusqlite::Result<TextAt> {
        TextAt::of(r, i, [i + 1, i + 2, i + 3])
    }

    /// The document's text at the bytes of columns `at` (document id, byte start, byte
    /// end).
    pub(crate) fn in_document(r: &rusqlite::Row, at: [usize; 3]) -> rusqlite::Result<TextAt> {
        Ok(TextAt {
            own: None,
            document: r.get(at[0])?,
            byte_start: r.get(at[1])?,
            byte_end: r.get(at[2])?,
        })
    }

    /// From the text column `own` and the document id, byte start and byte end columns
    /// `at`.
    pub(crate) fn of(r: &rusqlite::Row, own: usize, at: [usize; 3]) -> rusqlite::Result<TextAt> {
        Ok(TextAt {
            own: r.get(own)?,
            document: r.get(at[0])?,
            byte_start: r.get(at[1])?,
            byte_end: r.get(at[2])?,
        })
    }
}

/// The texts of the last few documents read, for [`TextAt`]s: rows come a document at a
/// time, so each document is read once.
pub(crate) struct DocTexts {
    /// Each document's text, or its beginning (`false`: not the whole text).
    recent: Vec<(i64, std::sync::Arc<str>, bool)>,
    kept: usize,
    /// Whether a document is inflated only as far as the text asked for.
    beginnings: bool,
}

impl Default for DocTexts {
    fn default() -> DocTexts {
        DocTexts {
            recent: Vec::new(),
            kept: DocTexts::KEPT,
            beginnings: false,
        }
    }
}

impl DocTexts {
    /// Documents kept: listings sorted by another order than the document still find
    /// most of theirs here, and memory stays a few documents.
    const KEPT: usize = 4;

    /// For readers that want one or two texts of each of many documents in turn (the
    /// candidates of matching): keeps the last `n` documents read, and inflates a
    /// document only as far as the text asked for (a listing, which reads every claim
    /// of a document in turn, inflates each document once, whole).
    pub(crate) fn for_candidates(mut self, n: usize) -> DocTexts {
        self.beginnings = true;
        self.keeping(n)
    }

    /// Keeps the last `n` documents read.
    pub(crate) fn keeping(mut self, n: usize) -> DocTexts {
        self.kept = n.max(1);
        self
    }

    /// The text `at` stands for.
    pub(crate) fn text(&mut self, conn: &Connection, at: TextAt) -> Result<String> {
        if let Some(own) = at.own {
            return Ok(own);
        }
        let range = usize::try_from(at.byte_start)
            .ok()
            .zip(usize::try_from(at.byte_end).ok());
        let upto = match self.beginnings {
            true => range.map_or(0, |(_, e)| e),
            false => 0,
        };
        let doc = self.document(conn, at.document, upto)?;
        Ok(range
            .and_then(|(s, e)| doc.get(s..e))
            .unwrap_or_default()
            .to_string())
    }

    /// Seeds the texts with a document the caller has read already.
    pub(crate) fn with(id: i64, text: &str) -> DocTexts {
        DocTexts {
            recent: vec![(id, std::sync::Arc::from(text), true)],
            kept: DocTexts::KEPT,
            beginnings: false,
        }
    }

    /// The text of document `id`, at least its first `bytes` (0: the whole text). A
    /// beginning read before that is too short is replaced by the whole text.
    fn document(
        &mut self,
        conn: &Connection,
        id: i64,
        bytes: usize,
    ) -> Result<std::sync::Arc<str>> {
        if let Some(i) = self
            .recent
            .iter()
            .position(|(d, text, whole)| *d == id && (*whole || (bytes > 0 && text.len() >= bytes)))
        {
            let hit = self.recent.remove(i);
            let text = hit.1.clone();
            self.recent.insert(0, hit);
            return Ok(text);
        }
        let before = self.recent.len();
        self.recent.retain(|(d, ..)| *d != id);
        let bytes = if self.recent.len() < before { 0 } else { bytes };
        // Inflated here rather than by SQL's `inflate` (which would keep a copy as
        // well), and only as far as needed: matching reads one claim of each of many
        // documents.
        let text = conn
            .prepare_cached("SELECT text FROM documents WHERE id = ?1")?
            .query_row([id], |r| Ok(deflated::text_upto(r.get_ref(0)?, bytes)))
            .optional()?
            .transpose()
            .map_err(StoreError::Invalid)?
            .unwrap_or_else(|| (String::new(), true));
        let (text, whole) = (std::sync::Arc::<str>::from(text.0), text.1);
        self.recent.insert(0, (id, text.clone(), whole));
        self.recent.truncate(self.kept);
        Ok(text)
    }
}

/// Sentence and mention ids: `document_id * ID_SPAN + ordinal` (see schema.sql).
pub const ID_SPAN: i64 = 1 << 24;

/// SQL: `id_column` (a sentence or mention id) is one of the document `?1`'s.
fn of_document(id_column: &str) -> String {
    format!(
        "{id_column} BETWEEN ?1 * {ID_SPAN} AND ?1 * {ID_SPAN} + {}",
        ID_SPAN - 1
    )
}

/// Migrations: entry `i` holds the steps that bring a database from version `i + 1` to
/// `i + 2`.
const MIGRATIONS: &[&[Step]] = &[
    &[
        // 1 → 2: enumeration CHECKs as OR chains instead of IN lists, partial claim
        // indexes, link tables WITHOUT ROWID (see schema.sql).
        Step::Rebuild(include_str!("migrations/v2-rebuild.sql")),
        // Sentence and mention ids become document_id * 2^24 + ordinal; references follow
        // (a reference to a row that does not exist is kept, for foreign_key_check to
        // report). Old ids are first moved below zero, where no new id lies.
        Step::Sql(
            "UPDATE mentions SET sentence_id = coalesce((SELECT s.document_id * 16777216 + s.ordinal
                 FROM sentences s WHERE s.id = mentions.sentence_id), sentence_id);
             UPDATE claims SET sentence_id = coalesce((SELECT s.document_id * 16777216 + s.ordinal
                 FROM sentences s WHERE s.id = claims.sentence_id), sentence_id);
             UPDATE sentences SET id = -id;
             UPDATE sentences SET id = document_id * 16777216 + ordinal;
             UPDATE claim_components SET mention_id = coalesce((SELECT m.document_id * 16777216
                 + m.ordinal FROM mentions m WHERE m.id = claim_components.mention_id), mention_id);
             UPDATE claim_sources SET attribution_mention_id = coalesce((SELECT m.document_id
                 * 16777216 + m.ordinal FROM mentions m
                 WHERE m.id = claim_sources.attribution_mention_id), attribution_mention_id);
             UPDATE mentions SET id = -id;
             UPDATE mentions SET id = document_id * 16777216 + ordinal;",
        ),
    ],
    &[
        // 2 → 3: review entries record the claim they judged; claims gain the status
        // needs_recheck. The log's append-only trigger is dropped while old entries are
        // filled in, and comes back with the rebuilt table.
        Step::Code(review::add_reviewed_columns),
        Step::Sql("DROP TRIGGER IF EXISTS review_log_no_update;"),
        Step::Code(review::record_reviewed_claims),
        Step::Rebuild(include_str!("migrations/v3-rebuild.sql")),
        Step::Code(review::recheck_lapsed_verdicts),
        // Documents are found by path as well as by key.
        Step::Sql("CREATE INDEX IF NOT EXISTS documents_path ON documents (path);"),
    ],
    &[
        // 3 → 4: the claim index (full text and quantity keys) and the relations between
        // claims, built from the stored documents.
        Step::Sql(include_str!("migrations/v4-claim-index.sql")),
        Step::Code(matches::fill_claim_index),
    ],
    &[
        // 4 → 5: a smaller store. Mention records keep only what no column holds,
        // feature lists and quantity keys drop their field names (see schema.sql).
        Step::Code(compact_records),
        // Claim and mention texts are their document's text at their offsets: left out
        // (the column becomes nullable), kept only where they differ (orphans).
        Step::Rebuild(include_str!("migrations/v5-rebuild.sql")),
        Step::Sql(concat!(
            release_texts!("mentions", "1 = 1"),
            ";",
            release_texts!("claims", "anchor_state = 'anchored'"),
            ";"
        )),
    ],
    &[
        // 5 → 6: fact-checks from elsewhere (ClaimReview), their index and their
        // relations to claims; none is stored yet, so there is nothing to fill in.
        Step::Sql(include_str!("migrations/v6-fact-checks.sql")),
    ],
    &[
        // 6 → 7: a smaller store. Claims list the ids of their features, which are
        // stored once, and leave out times their document or they already hold (see
        // schema.sql); the times become nullable.
        Step::Sql(include_str!("migrations/v7-features.sql")),
        Step::Code(features::move_to_table),
        Step::Rebuild(include_str!("migrations/v7-rebuild.sql")),
        // Quantity keys as separated text, not JSON ([`matches::encode_key`]).
        Step::Code(matches::compact_keys),
        // Mention records by short names ([`rows::compact_attrs`]).
        Step::Code(shorten_records),
        Step::Sql(
            "UPDATE claims SET updated_at = NULL WHERE updated_at = created_at;
             UPDATE claims SET created_at = NULL WHERE created_at =
                 (SELECT d.ingested_at FROM documents d WHERE d.id = claims.document_id);",
        ),
    ],
    &[
        // 7 → 8: a smaller store. Document texts deflated ([`deflated`]); the column
        // becomes a BLOB.
        Step::Code(deflated::deflate_texts),
        Step::Rebuild(include_str!("migrations/v8-rebuild.sql")),
    ],
    &[
        // 8 → 9: a smaller store. Sentences, mentions and claims keep as stored columns
        // only what their id and other columns do not determine, and codes for names;
        // attribution records become arrays (see schema.sql).
        // (documents_current goes with the rebuilt table.)
        Step::Code(generate_columns),
    ],
];

/// Migration 8 → 9: sentences, mentions and claims rebuilt with generated columns, their
/// stored ones computed from the version 8 columns; source aliases without rowids;
/// documents with their content hashes as bytes. A row whose document or ordinal is not
/// its id's (which no version since 2 writes) would change: it stops the migration.
fn generate_columns(tx: &Connection) -> Result<()> {
    for table in ["sentences", "mentions"] {
        let strays: i64 = tx.query_row(
            &format!(
                "SELECT count(*) FROM {table} WHERE document_id IS NOT id >> 24
                     OR ordinal IS NOT id & {}",
                ID_SPAN - 1
            ),
            [],
            |r| r.get(0),
        )?;
        if strays > 0 {
            return Err(StoreError::Invalid(format!(
                "cannot migrate the database to schema version 9: {strays} row(s) of \
                 {table} have an id that is not their document's and ordinal's; nothing \
                 was changed"
            )));
        }
    }
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(include_str!("migrations/v9-rebuild.sql"))?;
    let offsets = [
        ("length", "end - start"),
        ("byte_shift", "byte_start - start"),
        ("byte_extra", "(byte_end - byte_start) - (end - start)"),
    ];
    rebuild_table_with(tx, &fresh, "sentences", &offsets)?;
    let kind = rows::code_sql(&rows::MENTION_KINDS, "kind");
    let mut mention = offsets.to_vec();
    mention.extend([
        ("sentence", "sentence_id - (document_id << 24)"),
        ("kind_code", kind.as_str()),
    ]);
    rebuild_table_with(tx, &fresh, "mentions", &mention)?;
    pack_attribution_records(tx)?;
    let (claim_type, status) = (
        rows::code_sql(&rows::CLAIM_TYPES, "claim_type"),
        rows::code_sql(&rows::STATUSES, "status"),
    );
    rebuild_table(tx, &fresh, "source_aliases")?;
    rebuild_table_with(
        tx,
        &fresh,
        "documents",
        &[("hash", stored_hash!("content_hash"))],
    )?;
    rebuild_table_with(
        tx,
        &fresh,
        "claims",
        &[
            ("claim_type_code", claim_type.as_str()),
            ("status_code", status.as_str()),
            ("orphaned", "anchor_state = 'orphan'"),
        ],
    )
}

/// Migration 8 → 9: attribution records as arrays ([`rows::row_attrs`]), in batches by
/// id, so memory stays that of one batch.
fn pack_attribution_records(tx: &Connection) -> Result<()> {
    let mut select = tx.prepare(
        "SELECT id, start, attrs FROM mentions WHERE id > ?1 AND kind = 'attribution'
         ORDER BY id LIMIT 10000",
    )?;
    let mut update = tx.prepare("UPDATE mentions SET attrs = ?2 WHERE id = ?1")?;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, i64, String)> = select
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _, _)) = batch.last() else {
            return Ok(());
        };
        after = last;
        for (id, start, old) in &batch {
            let new = rows::row_attrs("attribution", *start, old);
            if new != *old {
                update.execute(params![id, new])?;
            }
        }
    }
}

/// Migration 6 → 7: mention records by the short names of [`rows::compact_attrs`].
fn shorten_records(conn: &Connection) -> Result<()> {
    rewrite_column(conn, "mentions", "attrs", |json| {
        let record = serde_json::from_str(json).ok()?;
        Some(rows::compact_attrs(record).to_string())
    })
}

/// Rewrites the JSON records of an older version in the form this version writes:
/// mention `attrs` ([`rows::compact_attrs`]), claim `features`
/// ([`rows::compact_features`]) and quantity keys ([`matches::encode_key`]). A row
/// comes out as a new ingest of the same analysis writes it, so `reanalyse` finds it
/// unchanged.
fn compact_records(conn: &Connection) -> Result<()> {
    rewrite_column(conn, "mentions", "attrs", |json| {
        let record = serde_json::from_str(json).ok()?;
        Some(rows::compact_attrs(record).to_string())
    })?;
    rewrite_column(conn, "claims", "features", rows::compact_features)?;
    matches::compact_keys(conn)
}

/// Replaces `column` of every row of `table` (which has an integer `id`) with what
/// `rewrite` makes of it, leaving it where `rewrite` gives `None`. Rows are read in
/// batches by id, so memory stays that of one batch.
fn rewrite_column(
    conn: &Connection,
    table: &str,
    column: &str,
    rewrite: impl Fn(&str) -> Option<String>,
) -> Result<()> {
    let mut select = conn.prepare(&format!(
        "SELECT id, {column} FROM {table} WHERE id > ?1 ORDER BY id LIMIT 10000"
    ))?;
    let mut update = conn.prepare(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, String)> = select
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = batch.last() else {
            return Ok(());
        };
        after = last;
        for (id, old) in &batch {
            if let Some(new) = rewrite(old).filter(|new| new != old) {
                update.execute(params![id, new])?;
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the database: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{path}: the database has schema version {found}, newer than this claimtrace knows ({known}); upgrade claimtrace")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: is not a claimtrace database (it has tables but no schema version); nothing was changed")]
    Foreign { path: String },
    #[error("{path}: is not a claimtrace database (its schema version {found} is another application's: it has none of claimtrace's tables); nothing was changed")]
    ForeignVersion { path: String, found: i64 },
    #[error("{path}: no claimtrace database here; run `claimtrace ingest` first to create it, or set --db or CLAIMTRACE_DB to the database you meant")]
    Missing { path: String },
    #[error(
        "{path}: is not an SQLite database; nothing was changed (check --db or CLAIMTRACE_DB)"
    )]
    NotSqlite { path: String },
    #[error("{path}: the database file is truncated ({len} bytes, its header says {expected}); nothing was changed; restore it from a backup")]
    Truncated {
        path: String,
        len: u64,
        expected: u64,
    },
    #[error("{path}: the database file is damaged; nothing was changed; restore it from a backup")]
    Corrupt { path: String },
    #[error("{path}: has schema version {found}, which no claimtrace writes; nothing was changed (is it a claimtrace database?)")]
    UnknownVersion { path: String, found: i64 },
    #[error("{path}: has an older schema that must be upgraded before it can be read, and this file cannot be written; run claimtrace once where it can write the file (any command), or copy it somewhere writable")]
    CannotMigrate { path: String },
    /// Internal: a read-only open found an older schema to migrate first.
    #[error("{path}: has an older schema")]
    Outdated { path: String },
    #[error("the database is busy: another process is writing it (waited up to {} s); wait for that to finish and retry", BUSY_TIMEOUT.as_secs())]
    Busy,
    #[error("no claim with id {0}; list them with `claimtrace claims`")]
    NoClaim(i64),
    #[error("no document with id {0}; list them with `claimtrace documents`")]
    NoDocument(i64),
    #[error("claim {claim} is now {found}, not {expected} as your edit assumed; look again with `claimtrace show {claim}` and retry")]
    Stale {
        claim: i64,
        expected: String,
        found: String,
    },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// A write that waited the whole busy timeout says what to do about it.
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) => StoreError::Busy,
            _ => StoreError::Sql(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Owns the connection and every query.
pub struct Database {
    conn: Connection,
    path: String,
    /// The database file (`None` in memory).
    file: Option<std::path::PathBuf>,
    /// The source registry in memory, brought up to date before each use; dropped
    /// whenever a write fails, since a rolled-back write may have added to it.
    registry: Option<SourceCache>,
    /// Stored claims already read for matching in this process (see [`matches`]);
    /// dropped whenever a write fails.
    stored_claims: matches::StoredCache,
    /// Claim texts of the open batch's documents, for the full-text index at its commit.
    pending_texts: Vec<(i64, String)>,
    /// When [`Database::commit_batch`] last left the lock to other writers.
    yielded: std::time::Instant,
    /// This connection created the database ([`Database::compact_if_created`]).
    created: bool,
}

/// A background checkpointer (see [`Database::background_checkpoints`]).
pub struct Checkpointer {
    tx: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    /// Says that a transaction has committed: its pages can be copied.
    pub fn committed(&self) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(());
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The corpus-wide source registry in memory, and the names already matched to it.
///
/// `Registry::find` gives the first entry that matches and entries are only ever
/// appended, so a name once matched keeps matching the same entry: `matched` answers
/// the sources every day's news repeats without fuzzy matching them again.
#[derive(Default)]
struct SourceCache {
    registry: sources::Registry,
    matched: std::collections::HashMap<String, i64>,
}

/// What ingesting one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored for the first time.
    Added { document_id: i64, claims: usize },
    /// Same source, new content, metadata or analysis: stored as a new version of
    /// `previous`, its claims and reviews moved to it.
    NewVersion {
        document_id: i64,
        previous: i64,
        version: i64,
        claims: usize,
        /// Claims whose verdict lapsed because their text or values changed.
        rechecks: usize,
        /// Claims that found no place in the new version.
        orphaned: usize,
        why: Revision,
    },
    /// Identical content and metadata are already stored.
    Unchanged { document_id: i64 },
    /// Identical content and metadata, stored under a path whose file is gone: the
    /// document now lives at the new path.
    Moved { document_id: i64, from: String },
}

/// Why a document got a new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    /// Its text changed.
    Text,
    /// Its metadata changed (a publication date re-anchors its dates).
    Metadata,
    /// It was analysed again (`claimtrace reanalyse`).
    Analysis,
}

/// How [`Database::ingest_with`] matches an article to stored documents.
#[derive(Clone, Copy)]
pub struct IngestOptions<'r> {
    pub matched: Matched<'r>,
    /// Store a new version even when text and metadata are unchanged, if the analysis
    /// differs from the stored one (re-analysis).
    pub reanalyse: bool,
}

/// The stored document an article is a version of.
#[derive(Clone, Copy)]
pub enum Matched<'r> {
    /// To be found by key, path or text; stored paths resolved so ([`Resolve`]), or
    /// only compared as strings.
    Find(Option<Resolve<'r>>),
    /// Already found with [`Database::find_document`] (or named by the user): this
    /// one, or none (a new document).
    Known(Option<&'r DocumentMatch>),
}

pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Rebuilds every table that `ddl` creates to that definition (see [`Step::Rebuild`]).
fn rebuild_tables(tx: &Connection, ddl: &str) -> Result<()> {
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(ddl)?;
    let tables = fresh
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for table in &tables {
        rebuild_table(tx, &fresh, table)?;
    }
    Ok(())
}

/// Rebuilds `table` to its definition in `fresh` (a database made from a step's
/// statements): a new table, every row copied column by column (the columns both have),
/// the old one dropped and the new one renamed, then its indexes and triggers. Foreign
/// keys must be off.
fn rebuild_table(tx: &Connection, fresh: &Connection, table: &str) -> Result<()> {
    rebuild_table_with(tx, fresh, table, &[])
}

/// [`rebuild_table`], the new table's columns named in `computed` filled with their
/// SQL expression over the old table's columns.
fn rebuild_table_with(
    tx: &Connection,
    fresh: &Connection,
    table: &str,
    computed: &[(&str, &str)],
) -> Result<()> {
    let create: String = fresh.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    let columns_of = |conn: &Connection| -> Result<Vec<String>> {
        Ok(conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([table], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    };
    // Columns a later version adds are not in an older table yet: they take their
    // defaults (a later step fills them).
    let old_columns = columns_of(tx)?;
    let (mut columns, mut values) = (Vec::new(), Vec::new());
    for c in columns_of(fresh)? {
        if let Some((_, expr)) = computed.iter().find(|(name, _)| *name == c) {
            values.push(expr.to_string());
        } else if old_columns.contains(&c) {
            values.push(c.clone());
        } else {
            continue;
        }
        columns.push(c);
    }
    let (columns, values) = (columns.join(", "), values.join(", "));
    let extras = fresh
        .prepare(
            "SELECT sql FROM sqlite_master
             WHERE tbl_name = ?1 AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        )?
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rebuilt = format!("{table}_rebuilt");
    let Some(body) = create.strip_prefix(&format!("CREATE TABLE {table}")) else {
        return Err(StoreError::Invalid(format!(
            "migration: unexpected definition of table {table}"
        )));
    };
    tx.execute_batch(&format!(
        "CREATE TABLE {rebuilt}{body};
         INSERT INTO {rebuilt} ({columns}) SELECT {values} FROM {table};
         DROP TABLE {table};
         ALTER TABLE {rebuilt} RENAME TO {table};"
    ))?;
    for sql in extras {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

/// Tables every schema version of claimtrace has had: a database with a schema version
/// but without them is another application's.
const EVERY_VERSION_TABLES: [&str; 3] = ["documents", "claims", "review_log"];

/// How long a command waits for another process's write to end before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How often a waiting connection asks for the lock again. SQLite's own busy handler
/// backs off to 100 ms sleeps, and a long ingest, which commits and starts its next
/// batch within microseconds, would keep a `review` waiting indefinitely; polling this
/// often catches the pause the ingest leaves between batches.
const BUSY_POLL: Duration = Duration::from_millis(1);

/// The pause after a batch of writes, in which a waiting writer takes the lock:
/// several times [`BUSY_POLL`].
const BATCH_YIELD: Duration = Duration::from_millis(4);

/// How often a batch writer pauses: a waiting writer waits about this long (or one
/// batch, when batches are longer), and the pauses cost under 2% of the writer's time.
const YIELD_EVERY: Duration = Duration::from_millis(250);

/// Whether a command reads or also writes the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Write,
}

/// What is at a database path before SQLite opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    /// No file, or an empty one: a new database.
    New,
    /// An SQLite file whose length matches its header.
    Sqlite,
}

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Checks the file at `path` without opening it in SQLite (which could write to it):
/// the SQLite header, and a length that holds every page the header counts
/// (<https://www.sqlite.org/fileformat.html#the_database_header>).
fn inspect_file(path: &Path, shown: &str) -> Result<FileState> {
    use std::io::Read as _;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        // Not readable (permissions, a directory): SQLite says why when it opens it.
        Err(_) => return Ok(FileState::Sqlite),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut header = Vec::with_capacity(100);
    if file.by_ref().take(100).read_to_end(&mut header).is_err() {
        return Ok(FileState::Sqlite);
    }
    if header.is_empty() {
        return Ok(FileState::New);
    }
    let magic_len = header.len().min(SQLITE_MAGIC.len());
    if header[..magic_len] != SQLITE_MAGIC[..magic_len] {
        return Err(StoreError::NotSqlite {
            path: shown.to_string(),
        });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if header.len() < 100 {
        return Err(StoreError::Truncated {
            path: shown.to_string(),
            len,
            expected: 100,
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    // The page count is valid only when written by the same change as the counter
    // (SQLite 3.7.0 and later); a log or journal beside the file may hold pages the
    // file itself does not have yet.
    let count_valid = be32(92) == be32(24) && pages > 0;
    let beside = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::metadata(p).is_ok_and(|m| m.len() > 0)
    };
    let expected = pages * page_size;
    if count_valid && len < expected && !beside("-wal") && !beside("-journal") {
        return Err(StoreError::Truncated {
            path: shown.to_string(),
            len,
            expected,
        });
    }
    Ok(FileState::Sqlite)
}

/// Whether a write-ahead log with content lies beside the database at `path`.
fn has_log(path: &Path) -> bool {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    std::fs::metadata(log).is_ok_and(|m| m.len() > 0)
}

/// An SQLite URI that opens the file at `path` as immutable
/// (<https://www.sqlite.org/uri.html>): every byte but unreserved ones and `/`
/// percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut uri = String::from("file:");
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// [`inspect_file`], looking again before calling a file truncated: another process
/// may be in the middle of writing it (its header written, its last pages not yet,
/// and its journal just deleted). A truncated file stays truncated.
fn inspect_settled(path: &Path, shown: &str) -> Result<FileState> {
    let mut attempts = 0;
    loop {
        match inspect_file(path, shown) {
            Err(StoreError::Truncated { .. }) if attempts < 3 => {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Makes `conn` wait for other writers up to [`BUSY_TIMEOUT`], asking every
/// [`BUSY_POLL`].
fn wait_when_busy(conn: &Connection) -> rusqlite::Result<()> {
    fn busy(attempt: i32) -> bool {
        // The handler is a plain function (no state): the number of attempts times
        // the poll interval is a lower bound of the time waited.
        let waited = BUSY_POLL * attempt.max(0) as u32;
        if waited >= BUSY_TIMEOUT {
            return false;
        }
        std::thread::sleep(BUSY_POLL);
        true
    }
    conn.busy_handler(Some(busy))
}

/// Whether `e` is SQLite saying another connection holds the lock.
fn is_busy(e: &StoreError) -> bool {
    let code = match e {
        StoreError::Busy => return true,
        StoreError::Sql(e) | StoreError::Open { source: e, .. } => e.sqlite_error_code(),
        _ => None,
    };
    matches!(
        code,
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Whether `e` is SQLite refusing to write a file it may only read.
fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

/// Process-wide SQLite settings, made once before the first connection opens.
///
/// Memory statistics off: with them on, every allocation SQLite makes takes a global
/// mutex (several percent of an ingest). claimtrace never reads them.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is called before SQLite is initialised and with the
        // argument SQLITE_CONFIG_MEMSTATUS expects (an int). If another connection was
        // opened first, it returns SQLITE_MISUSE and changes nothing, which is harmless.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
}

/// Refuses a schema version this claimtrace does not know: newer than its own, or
/// negative (no claimtrace writes one).
fn known_version(path: &str, version: i64) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version < 0 {
        return Err(StoreError::UnknownVersion {
            path: path.to_string(),
            found: version,
        });
    }
    Ok(())
}

impl Database {
    /// Opens the database at `path` for reading and writing, creating it when the file
    /// does not exist (or is empty), and migrates an older schema. A file that is not a
    /// claimtrace database (not SQLite, truncated, another application's, or of a schema
    /// version this claimtrace does not know) is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Database> {
        Database::open_as(path, Access::Write)
    }

    /// Another connection to this database's file, for a process that keeps several (a
    /// server's threads). It skips the checks `open` made on the file, which read it
    /// outside SQLite: closing that file drops the POSIX locks every connection of this
    /// process holds on it (fcntl locks belong to the process), and another process could
    /// then take the database for its own and remove the write-ahead log under this one.
    pub fn open_again(&self) -> Result<Database> {
        let path = self.file.as_ref().ok_or_else(|| {
            StoreError::Invalid("an in-memory database has no file to open again".into())
        })?;
        Database::connect(path, &self.path, Access::Write, false)
    }

    /// Opens an existing database for reading only: a missing file is an error (nothing
    /// is created), and the connection is read-only, so a shared copy in a directory the
    /// user cannot write can be read. An older schema is migrated first when the file is
    /// writable.
    pub fn open_read(path: &Path) -> Result<Database> {
        Database::open_as(path, Access::Read)
    }

    fn open_as(path: &Path, access: Access) -> Result<Database> {
        let shown = path.display().to_string();
        let state = inspect_settled(path, &shown)?;
        if access == Access::Read && state != FileState::Sqlite {
            return Err(StoreError::Missing { path: shown });
        }
        configure_sqlite();
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        // Two processes creating or upgrading one database at once: the loser of a lock
        // race SQLite does not wait for (changing the journal mode) tries again.
        let mut immutable = false;
        loop {
            match Database::connect(path, &shown, access, immutable) {
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                // A WAL database in a directory this user cannot write: SQLite cannot
                // create the shared-memory file readers coordinate through. Nobody can
                // write the database there either (no log can be created), so it is
                // read as an immutable file, without locks
                // (<https://www.sqlite.org/wal.html#readonly>).
                Err(StoreError::Sql(e))
                    if access == Access::Read
                        && !immutable
                        && is_read_only(&e)
                        && !has_log(path) =>
                {
                    immutable = true;
                }
                Err(StoreError::Sql(source)) => {
                    return Err(StoreError::Open {
                        path: shown,
                        source,
                    })
                }
                Err(StoreError::Outdated { .. }) if access == Access::Read => {
                    // Migrating needs a writer; after it, read as asked.
                    drop(Database::open_as(path, Access::Write).map_err(|e| match e {
                        StoreError::Open { source, .. } if is_read_only(&source) => {
                            StoreError::CannotMigrate {
                                path: shown.clone(),
                            }
                        }
                        other => other,
                    })?);
                    return Database::open_as(path, Access::Read);
                }
                other => return other,
            }
        }
    }

    /// One attempt at opening: connect, check what the file holds, then (writers only)
    /// switch to WAL and migrate.
    fn connect(path: &Path, shown: &str, access: Access, immutable: bool) -> Result<Database> {
        use rusqlite::OpenFlags;
        let flags = match access {
            Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            Access::Write => {
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
        };
        let conn = if immutable {
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        wait_when_busy(&conn)?;
        deflated::register(&conn)?;
        // Ingest alone uses about thirty statements (multi-row inserts of three sizes
        // per table); all stay prepared.
        conn.set_prepared_statement_cache_capacity(64);
        let mut db = Database {
            conn,
            path: shown.to_string(),
            file: Some(path.to_owned()),
            registry: None,
            stored_claims: matches::StoredCache::default(),
            pending_texts: Vec::new(),
            yielded: std::time::Instant::now(),
            created: false,
        };
        // Read first, change nothing: a file refused here is left as it was.
        let version = db.check_version()?;
        if access == Access::Read {
            if version == 0 {
                return Err(StoreError::Missing {
                    path: shown.to_string(),
                });
            }
            if version < SCHEMA_VERSION {
                return Err(StoreError::Outdated {
                    path: shown.to_string(),
                });
            }
            db.conn.execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;",
            )?;
            return Ok(db);
        }
        // journal_mode returns a row; query it rather than execute.
        let _: String = db
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        db.conn.execute_batch(&format!(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;
             PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES};"
        ))?;
        db.migrate()?;
        Ok(db)
    }

    /// The schema version of the database, refusing a version this claimtrace cannot
    /// read and another application's database. Only reads.
    fn check_version(&self) -> Result<i64> {
        // One statement, so one snapshot: another process may be creating the schema
        // (tables and version in one transaction) between two separate reads.
        let (version, tables, ours): (i64, i64, i64) = self
            .conn
            .query_row(
                &format!(
                    "SELECT (SELECT user_version FROM pragma_user_version),
                            (SELECT count(*) FROM sqlite_master WHERE type = 'table'),
                            (SELECT count(*) FROM sqlite_master
                             WHERE type = 'table' AND name IN ({}))",
                    EVERY_VERSION_TABLES
                        .iter()
                        .map(|t| format!("'{t}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite {
                    path: self.path.clone(),
                },
                Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                    path: self.path.clone(),
                },
                _ => StoreError::from(e),
            })?;
        known_version(&self.path, version)?;
        if version == 0 && tables > 0 {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        // Other applications number their schemas with user_version too.
        if version > 0 && ours < EVERY_VERSION_TABLES.len() as i64 {
            return Err(StoreError::ForeignVersion {
                path: self.path.clone(),
                found: version,
            });
        }
        Ok(version)
    }

    /// An in-memory database, for tests.
    pub fn in_memory() -> Result<Database> {
        let conn = Connection::open_in_memory()?;
        deflated::register(&conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut db = Database {
            conn,
            path: ":memory:".into(),
            file: None,
            registry: None,
            stored_claims: matches::StoredCache::default(),
            pending_texts: Vec::new(),
            yielded: std::time::Instant::now(),
            created: false,
        };
        db.migrate()?;
        Ok(db)
    }

    /// Moves checkpoints (copying committed pages from the write-ahead log into the
    /// database) to a thread with a connection of its own, for a long run of writes: the
    /// writer then never stops to copy, about an eighth of an ingest's time. Call
    /// [`Checkpointer::committed`] after each commit, and end with
    /// [`Database::end_background_checkpoints`]. `None` for an in-memory database (no
    /// log) or when the second connection cannot be opened, and the writer checkpoints
    /// as before.
    pub fn background_checkpoints(&mut self) -> Option<Checkpointer> {
        let conn = Connection::open(self.file.as_ref()?).ok()?;
        conn.busy_timeout(Duration::from_secs(30)).ok()?;
        self.conn
            .execute_batch("PRAGMA wal_autocheckpoint = 0;")
            .ok()?;
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while rx.recv().is_ok() {
                while rx.try_recv().is_ok() {}
                // PASSIVE: copies what it can without waiting for, or blocking, the
                // writer; a checkpoint another process runs makes this one a no-op.
                let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            }
        });
        Some(Checkpointer {
            tx: Some(tx),
            thread: Some(thread),
        })
    }

    /// Waits for the checkpointer's last checkpoint and gives checkpoints back to this
    /// connection.
    pub fn end_background_checkpoints(&mut self, checkpoints: Checkpointer) -> Result<()> {
        drop(checkpoints);
        self.conn.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES};"
        ))?;
        Ok(())
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        // Rebuilding a table drops it, which foreign keys would refuse; they are off
        // while migrating, and `foreign_key_check` proves the result consistent before
        // it commits. (The pragma is a no-op inside a transaction, so it is set here.)
        self.conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
        let result = self.migrate_in_transaction();
        self.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        if result? {
            self.vacuum_after_migration();
        }
        Ok(())
    }

    /// Rewrites a migrated database into as few pages as its rows need: a migration that
    /// makes rows smaller (version 5) leaves its pages part empty, and SQLite neither
    /// refills them nor gives free pages back to the file system. Once per migration,
    /// so its cost (a copy of the database) is paid once. Another process reading the
    /// database makes `VACUUM` wait for it or give up; then the file stays as it is,
    /// and later writes fill its free space.
    fn vacuum_after_migration(&self) {
        if self.file.is_some() {
            let _ = self.conn.execute_batch("VACUUM");
        }
    }

    /// Rewrites a database this connection created, once a first ingest has filled it,
    /// into as few pages as its rows need. Tables and indexes without rowids (claim keys,
    /// their terms, components, relations, and every index) fill their pages to between
    /// a half and all of them as rows arrive, since SQLite splits a full page of such a
    /// b-tree in two; rewritten, the 10 MB bench corpus's database takes 5% less (32.0 MB
    /// to 30.4 MB), for 0.2 s of CPU against the ingest's 6 s. Only a database just
    /// created: copying a large one for each later ingest would cost more than its
    /// slack. A reader that keeps `VACUUM` out leaves the file as it is.
    pub fn compact_if_created(&mut self) {
        if self.created && self.file.is_some() {
            self.created = false;
            let _ = self.conn.execute_batch("VACUUM");
        }
    }

    /// Migrates in one transaction; whether an older database was migrated (not
    /// created, nor found migrated by another process).
    fn migrate_in_transaction(&mut self) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == SCHEMA_VERSION {
            return Ok(false);
        }
        known_version(&self.path, version)?;
        if version == 0 {
            let tables: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(StoreError::Foreign {
                    path: self.path.clone(),
                });
            }
            tx.execute_batch(SCHEMA)?;
            self.created = true;
        } else {
            for step in MIGRATIONS[(version - 1) as usize..]
                .iter()
                .copied()
                .flatten()
            {
                match step {
                    Step::Rebuild(ddl) => rebuild_tables(&tx, ddl)?,
                    Step::Sql(sql) => {
                        tx.execute_batch(sql)?;
                    }
                    Step::Code(run) => run(&tx)?,
                }
            }
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(StoreError::Invalid(format!(
                    "{}: cannot migrate the database from schema version {version}: {broken} \
                     row(s) refer to rows that do not exist; nothing was changed",
                    self.path
                )));
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(version > 0)
    }

    /// Stores one analysed document atomically: in a transaction of its own, or, inside
    /// a batch ([`Database::begin_batch`]), in a savepoint of its own, so that a failure
    /// undoes this document and nothing else.
    pub fn ingest(&mut self, doc: &Document, analysis: &Analysis) -> Result<IngestOutcome> {
        self.ingest_rows(doc, &DocumentRows::new(doc, analysis))
    }

    /// [`Database::ingest`] with the rows already computed (on another thread, say, or
    /// on another machine): `DocumentRows::new(doc, analysis)`.
    pub fn ingest_rows(&mut self, doc: &Document, rows: &DocumentRows) -> Result<IngestOutcome> {
        let how = IngestOptions {
            matched: Matched::Find(None),
            reanalyse: false,
        };
        self.ingest_with(doc, rows, how)
    }

    /// [`Database::ingest_rows`], matching the article to stored documents as `how` says.
    pub fn ingest_with(
        &mut self,
        doc: &Document,
        rows: &DocumentRows,
        how: IngestOptions,
    ) -> Result<IngestOutcome> {
        let registry = &mut self.registry;
        let stored = &mut self.stored_claims;
        let mut texts = Vec::new();
        let result = if self.conn.is_autocommit() {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            ingest_in(&tx, registry, stored, &mut texts, doc, rows, how).and_then(|o| {
                matches::write_texts(&tx, &texts)?;
                tx.commit()?;
                Ok(o)
            })
        } else {
            let sp = self.conn.savepoint()?;
            ingest_in(&sp, registry, stored, &mut texts, doc, rows, how).and_then(|o| {
                sp.commit()?;
                self.pending_texts.append(&mut texts);
                Ok(o)
            })
        };
        if result.is_err() {
            self.registry = None;
            self.stored_claims = matches::StoredCache::default();
        }
        result
    }

    /// Opens a write transaction that several [`Database::ingest`] calls share, each in
    /// its own savepoint. One commit for many documents saves the per-commit page writes
    /// of every table and index; [`Database::commit_batch`] ends it. Other writers wait
    /// (busy timeout) while a batch is open, so keep batches short.
    pub fn begin_batch(&mut self) -> Result<()> {
        self.pending_texts.clear();
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Commits the open batch; nothing of it is stored before this returns. Then, at
    /// most every [`YIELD_EVERY`], it leaves the database to other writers for
    /// [`BATCH_YIELD`]: a writer that waits (a `review` during a long ingest) asks for
    /// the lock every [`BUSY_POLL`], and takes it in this pause instead of waiting for
    /// the whole ingest.
    pub fn commit_batch(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            let texts = std::mem::take(&mut self.pending_texts);
            let written = matches::write_texts(&self.conn, &texts);
            if let Err(e) = written.and_then(|()| Ok(self.conn.execute_batch("COMMIT")?)) {
                self.registry = None;
                self.stored_claims = matches::StoredCache::default();
                return Err(e);
            }
            if self.file.is_some() && self.yielded.elapsed() >= YIELD_EVERY {
                std::thread::sleep(BATCH_YIELD);
                self.yielded = std::time::Instant::now();
            }
        }
        Ok(())
    }

    /// Row counts of every table, for reports and for tests that prove nothing changed.
    pub fn counts(&self) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        for table in [
            "documents",
            "sentences",
            "mentions",
            "sources",
            "claims",
            "claim_sources",
            "review_log",
        ] {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            out.push((table.to_string(), n));
        }
        Ok(out)
    }
}

/// The writes of one document, inside the caller's transaction or savepoint.
#[allow(clippy::too_many_arguments)]
fn ingest_in(
    tx: &Connection,
    registry: &mut Option<SourceCache>,
    stored: &mut matches::StoredCache,
    texts: &mut Vec<(i64, String)>,
    doc: &Document,
    rows: &DocumentRows,
    how: IngestOptions,
) -> Result<IngestOutcome> {
    let compare_only = |stored: &str| Some(stored.to_string());
    let current = match how.matched {
        Matched::Find(resolve) => {
            identity::find_current(tx, doc, resolve.unwrap_or(&compare_only))?
        }
        Matched::Known(None) => None,
        Matched::Known(Some(m)) => Some(identity::Current {
            moved_from: m.moved_from.clone(),
            ..identity::current_by_id(tx, m.id)?
        }),
    };
    let mut key = doc.key.clone();
    let mut why = Revision::Text;
    if let Some(cur) = &current {
        key = identity::update_identity(tx, cur, doc)?;
        if cur.hash == doc.hash() {
            if cur.meta != doc.meta {
                why = Revision::Metadata;
            } else if how.reanalyse && !identity::same_analysis(tx, cur.id, rows)? {
                why = Revision::Analysis;
            } else {
                return Ok(match &cur.moved_from {
                    Some(from) => IngestOutcome::Moved {
                        document_id: cur.id,
                        from: from.clone(),
                    },
                    None => IngestOutcome::Unchanged {
                        document_id: cur.id,
                    },
                });
            }
        }
    }
    let (version, previous) = match &current {
        Some(cur) => (cur.version + 1, Some(cur.id)),
        None => (1, None),
    };
    if let Some(prev) = previous {
        tx.execute("UPDATE documents SET is_current = 0 WHERE id = ?1", [prev])?;
    }
    let document_id = insert_document(tx, &key, doc, rows, version, previous)?;
    let claims = insert_analysis(tx, registry, document_id, doc, rows)?;
    let spans: Vec<(i64, i64)> = rows
        .claims
        .iter()
        .map(|c| (c.at.byte_start, c.at.byte_end))
        .collect();
    // Claims and their reviews move to the new version, or become orphans.
    let moved = previous
        .map(|previous| annotations::reanchor_document(tx, previous, document_id))
        .transpose()?;
    // New claims, and moved claims with the keys of the new analysis, are matched.
    matches::index_document(
        tx,
        stored,
        texts,
        (document_id, &doc.text),
        &spans,
        &rows.keys,
        matches::Indexing {
            fresh: previous.is_none(),
            fact_checks: true,
        },
    )?;
    Ok(match previous.zip(moved) {
        Some((previous, moved)) => IngestOutcome::NewVersion {
            document_id,
            previous,
            version,
            claims,
            rechecks: moved.rechecks,
            orphaned: moved.orphaned,
            why,
        },
        None => IngestOutcome::Added {
            document_id,
            claims,
        },
    })
}

fn insert_document(
    tx: &Connection,
    key: &str,
    doc: &Document,
    rows: &DocumentRows,
    version: i64,
    previous: Option<i64>,
) -> Result<i64> {
    let m = &doc.meta;
    tx.prepare_cached(concat!(
        "INSERT INTO documents (source_key, version, previous_id, hash, path, url,
                 title, outlet, language, author, published, anchor_kind, anchor_date, text,
                 char_len, ingested_at)
             VALUES (?1, ?2, ?3, ",
        stored_hash!("?4"),
        ", ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    ))?
    .execute(params![
        key,
        version,
        previous,
        doc.hash(),
        doc.path.as_ref().map(|p| p.to_string_lossy().into_owned()),
        m.url,
        m.title,
        m.outlet,
        m.language,
        m.author,
        m.published.map(|d| d.to_string()),
        rows.anchor.map(|a| a.kind.as_str()),
        rows.anchor.and_then(|a| a.date).map(|d| d.to_string()),
        rows.deflated,
        rows.char_len as i64,
        now(),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Inserts sentences, sources, mentions and claims of a document; returns the claim count.
///
/// Rows get their ids here, counting on from the largest id of each table (the write
/// transaction excludes other writers), so that a document's rows of each table go in
/// a few multi-row statements.
fn insert_analysis(
    tx: &Connection,
    registry: &mut Option<SourceCache>,
    document_id: i64,
    doc: &Document,
    rows: &DocumentRows,
) -> Result<usize> {
    let next_id = |table: &str| -> Result<i64> {
        let sql = format!("SELECT coalesce(max(id), 0) + 1 FROM {table}");
        Ok(tx.prepare_cached(&sql)?.query_row([], |r| r.get(0))?)
    };
    for (what, n) in [
        ("sentences", rows.sentences.len()),
        ("mentions", rows.mentions.len()),
    ] {
        if n as i64 >= ID_SPAN {
            return Err(StoreError::Invalid(format!(
                "{}: has {n} {what}; claimtrace stores at most {} per document",
                doc.key,
                ID_SPAN - 1
            )));
        }
    }
    // Sentences and mentions both number from the document's first id.
    let first_sentence = document_id * ID_SPAN;
    let first_mention = first_sentence;
    let first_claim = next_id("claims")?;
    let at = |first: i64, i: usize| first + i as i64;

    let sentences: Vec<(i64, [i64; 3], &rows::SentenceRow)> = rows
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (at(first_sentence, i), s.at.packed(), s))
        .collect();
    SENTENCES.run(tx, &sentences, |(id, packed, s), v| {
        v.extend([id as &dyn ToSql, &s.paragraph, &s.at.start]);
        v.extend(packed.iter().map(|n| n as &dyn ToSql));
    })?;

    let source_ids = register_sources(tx, registry, &rows.sources)?;
    let mentions: Vec<MentionValues> = rows
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| MentionValues {
            id: at(first_mention, i),
            sentence: m.sentence.map(|s| s as i64),
            kind: rows::code(&rows::MENTION_KINDS, m.kind),
            packed: m.at.packed(),
            source: m.source.and_then(|s| source_ids.get(s).copied()),
            attrs: rows::row_attrs(m.kind, m.at.start, &m.attrs),
            row: m,
        })
        .collect();
    MENTIONS.run(tx, &mentions, |m, v| {
        v.extend([&m.id as &dyn ToSql, &m.sentence, &m.kind, &m.row.at.start]);
        v.extend(m.packed.iter().map(|n| n as &dyn ToSql));
        let r = m.row;
        v.extend([&r.value as &dyn ToSql, &r.unit, &r.modifier, &r.timex_type]);
        v.extend([&m.source as &dyn ToSql, &m.attrs]);
    })?;

    // A document's claims share their features: each is looked up once.
    let mut ids = features::Ids::default();
    let mut claims: Vec<ClaimValues> = Vec::with_capacity(rows.claims.len());
    for (i, c) in rows.claims.iter().enumerate() {
        let sentence = (c.sentence < rows.sentences.len()).then(|| at(first_sentence, c.sentence));
        let features = ids.list(tx, &c.features)?;
        let claim_type = rows::code(&rows::CLAIM_TYPES, c.claim_type);
        claims.push((at(first_claim, i), sentence, features, claim_type, c));
    }
    CLAIMS.run(tx, &claims, |(id, sentence, features, claim_type, c), v| {
        v.extend([id as &dyn ToSql, &document_id, sentence]);
        v.extend([
            &c.at.start as &dyn ToSql,
            &c.at.end,
            &c.at.byte_start,
            &c.at.byte_end,
        ]);
        v.extend([claim_type as &dyn ToSql, &c.worthiness, features]);
        v.extend([&c.sourced as &dyn ToSql, &c.has_figure, &c.earliest_date]);
        v.push(&c.latest_date);
    })?;

    let components: Vec<(i64, i64)> = rows
        .claims
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.components
                .iter()
                .map(move |&m| (at(first_claim, i), at(first_mention, m)))
        })
        .collect();
    COMPONENTS.run(tx, &components, |(claim, mention), v| {
        v.extend([claim as &dyn ToSql, mention])
    })?;
    let links: Vec<(i64, Option<i64>, i64)> = rows
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let (att, source) = c.attribution?;
            let source = source.and_then(|s| source_ids.get(s).copied());
            Some((at(first_claim, i), source, at(first_mention, att)))
        })
        .collect();
    CLAIM_SOURCES.run(tx, &links, |(claim, source, att), v| {
        v.extend([claim as &dyn ToSql, source, att])
    })?;
    Ok(rows.claims.len())
}

static SENTENCES: rows::Insert = rows::Insert::new(
    "INSERT INTO sentences (id, paragraph, start, length, byte_shift, byte_extra)",
    6,
);

static MENTIONS: rows::Insert = rows::Insert::new(
    "INSERT INTO mentions (id, sentence, kind_code, start, length, byte_shift, byte_extra,
             value, unit, mod, timex_type, source_id, attrs)",
    13,
);

static CLAIMS: rows::Insert = rows::Insert::new(
    "INSERT INTO claims (id, document_id, sentence_id, start, end, byte_start, byte_end,
             claim_type_code, worthiness, features, sourced, has_figure, earliest_date,
             latest_date)",
    14,
);

static COMPONENTS: rows::Insert = rows::Insert::new(
    "INSERT OR IGNORE INTO claim_components (claim_id, mention_id)",
    2,
);

static CLAIM_SOURCES: rows::Insert = rows::Insert::new(
    "INSERT OR IGNORE INTO claim_sources (claim_id, source_id, attribution_mention_id)",
    3,
);

/// The values of a mention row besides its record's: id, its sentence's ordinal, its
/// kind's code, its packed offsets ([`rows::Offsets::packed`]), source id, its stored
/// record ([`rows::row_attrs`]); its text is the document's at its offsets.
struct MentionValues<'r> {
    id: i64,
    sentence: Option<i64>,
    kind: Option<i64>,
    packed: [i64; 3],
    source: Option<i64>,
    attrs: String,
    row: &'r rows::MentionRow,
}
/// Ids and values of a claim row: id, sentence id, feature ids, its type's code, the rest
/// (its times are its document's).
type ClaimValues<'r> = (
    i64,
    Option<i64>,
    Option<String>,
    Option<i64>,
    &'r rows::ClaimRow,
);

/// Maps each document source to a registry entry, creating entries and aliases as needed.
fn register_sources(
    tx: &Connection,
    cache: &mut Option<SourceCache>,
    doc_sources: &[sources::DocSource],
) -> Result<Vec<i64>> {
    if doc_sources.is_empty() {
        return Ok(Vec::new());
    }
    // Bring the registry up to date: sources are only ever added, so rows past the
    // largest id we know are the new ones (another process may have added some).
    let max_id: i64 = tx
        .prepare_cached("SELECT coalesce(max(id), 0) FROM sources")?
        .query_row([], |r| r.get(0))?;
    if cache.as_ref().is_none_or(|c| c.registry.max_id > max_id) {
        *cache = Some(SourceCache::default());
    }
    let SourceCache { registry, matched } = cache.get_or_insert_with(SourceCache::default);
    if max_id > registry.max_id {
        let mut stmt =
            tx.prepare_cached("SELECT id, name, kind FROM sources WHERE id > ?1 ORDER BY id")?;
        let rows = stmt.query_map([registry.max_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (id, name, kind) = row?;
            registry.add(
                id,
                &name,
                kind.parse()
                    .unwrap_or(crate::recognize::SourceKind::Unknown),
            );
        }
    }
    let now = now();
    let mut insert = tx.prepare_cached(
        "INSERT INTO sources (name, kind, role, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut alias = tx.prepare_cached(
        "INSERT OR IGNORE INTO source_aliases (source_id, alias) VALUES (?1, ?2)",
    )?;
    let mut out = Vec::with_capacity(doc_sources.len());
    for s in doc_sources {
        // A generic source ("officials", "the researchers") is this document's own: the
        // registry never finds one, so it gets an entry of its own.
        let found = match matched.get(&s.name) {
            Some(&id) => Some(id),
            None => {
                let found = registry.find(&s.name, s.kind);
                if let Some(id) = found {
                    matched.insert(s.name.clone(), id);
                }
                found
            }
        };
        let id = match found {
            Some(id) => id,
            None => {
                insert.execute(params![s.name, s.kind.as_str(), s.role, now])?;
                let id = tx.last_insert_rowid();
                registry.add(id, &s.name, s.kind);
                id
            }
        };
        for a in &s.aliases {
            alias.execute(params![id, a])?;
        }
        out.push(id);
    }
    Ok(out)
}

/// Filters for listing claims. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub id: Option<i64>,
    pub document: Option<i64>,
    pub claim_type: Option<String>,
    pub status: Option<String>,
    /// Only claims with a figure component and no source.
    pub unsourced: bool,
    /// Only claims with a component of this mention kind.
    pub kind: Option<String>,
    /// Substring of the claim text (case-insensitive for ASCII).
    pub text: Option<String>,
    /// Claims whose dates fall on or after / on or before (TIMEX3 value prefixes compare as text).
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// Source registry ids to keep (already resolved from a fuzzy name).
    pub source_ids: Option<Vec<i64>>,
    /// Only claims whose check-worthiness is at least this.
    pub min_worthiness: Option<f64>,
    pub include_orphans: bool,
    pub sort: ClaimSort,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClaimSort {
    /// Document, then position.
    #[default]
    Position,
    /// Highest check-worthiness first.
    Worthiness,
    /// Most recently changed first.
    Updated,
}

/// A claim as listings show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClaimRow {
    pub id: i64,
    pub document_id: i64,
    pub document: String,
    pub start: i64,
    pub end: i64,
    pub byte_start: i64,
    pub byte_end: i64,
    pub text: String,
    pub claim_type: String,
    pub worthiness: f64,
    pub sourced: bool,
    pub status: String,
    pub anchor_state: String,
    /// The source as the claim's own document names it: the registry's canonical name
    /// when the document uses it, else the text of the attribution's source span. A
    /// claim never shows a name its document does not contain.
    pub source: Option<String>,
    /// The corpus-wide registry entry the source was matched to.
    pub source_canonical: Option<String>,
    pub components: Vec<ComponentRow>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ComponentRow {
    pub mention_id: i64,
    pub kind: String,
    pub text: String,
    pub start: i64,
    pub end: i64,
    pub value: Option<String>,
    pub unit: Option<String>,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// Figures: why no desk would check it ("small count", "margin of error"); `None`
    /// for a checkable figure and for dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_checkable: Option<String>,
}

impl Database {
    /// Lists claims matching `f`, with their components and source names.
    pub fn list_claims(&self, f: &ClaimFilter) -> Result<Vec<ClaimRow>> {
        let mut out = Vec::new();
        self.each_claim(f, |c| {
            out.push(c);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Hands the claims matching `f` to `each` in order, with their components and source
    /// names, fetched a chunk of claims at a time: memory stays that of one chunk however
    /// many claims match. An error `each` returns ends the listing.
    pub fn each_claim<E: From<StoreError>>(
        &self,
        f: &ClaimFilter,
        mut each: impl FnMut(ClaimRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        /// Claims whose components and sources are fetched together.
        const CHUNK: usize = 512;
        let mut sql = String::from(
            "SELECT c.id, c.document_id, coalesce(d.title, d.source_key), c.start, c.end,
                    c.byte_start, c.byte_end, c.text, c.claim_type, c.worthiness, c.sourced,
                    c.status, c.anchor_state
             FROM claims c JOIN documents d ON d.id = c.document_id WHERE 1 = 1",
        );
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: Box<dyn rusqlite::ToSql>| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(id) = f.id {
            arg(&mut sql, " AND c.id = ?", Box::new(id));
        }
        if let Some(d) = f.document {
            arg(&mut sql, " AND c.document_id = ?", Box::new(d));
        }
        if let Some(t) = &f.claim_type {
            arg(&mut sql, " AND c.claim_type = ?", Box::new(t.clone()));
        }
        if let Some(s) = &f.status {
            arg(&mut sql, " AND c.status = ?", Box::new(s.clone()));
            if s != "unverified" {
                // Implied, and lets SQLite use the partial index of reviewed claims.
                sql.push_str(" AND c.status <> 'unverified'");
            }
        }
        if let Some(k) = &f.kind {
            arg(
                &mut sql,
                " AND EXISTS (SELECT 1 FROM claim_components cc JOIN mentions m ON m.id = cc.mention_id
                   WHERE cc.claim_id = c.id AND m.kind = ?)",
                Box::new(k.clone()),
            );
        }
        if f.unsourced {
            sql.push_str(" AND c.sourced = 0 AND c.has_figure = 1");
        }

        if let Some(from) = &f.date_from {
            arg(&mut sql, " AND c.latest_date >= ?", Box::new(from.clone()));
        }
        if let Some(to) = &f.date_to {
            arg(&mut sql, " AND c.earliest_date <= ?", Box::new(to.clone()));
        }
        if let Some(ids) = &f.source_ids {
            let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM claim_sources cs WHERE cs.claim_id = c.id AND cs.source_id IN ({}))",
                list.join(",")
            ));
        }
        if let Some(w) = f.min_worthiness {
            arg(&mut sql, " AND c.worthiness >= ?", Box::new(w));
        }
        if !f.include_orphans {
            sql.push_str(" AND c.anchor_state = 'anchored'");
        }
        sql.push_str(match f.sort {
            ClaimSort::Position => " ORDER BY c.document_id, c.start, c.id",
            ClaimSort::Worthiness => " ORDER BY c.worthiness DESC, c.document_id, c.start",
            ClaimSort::Updated => {
                " ORDER BY coalesce(c.updated_at, c.created_at, d.ingested_at) DESC, c.id DESC"
            }
        });
        // A search by words reads each claim's text, which most claims take from their
        // document: it filters here, once the text is in hand (as SQLite's `instr` of
        // `lower`: ASCII letters match either case), and so the limit comes after it.
        let needle = f.text.as_ref().map(|t| t.to_ascii_lowercase());
        let mut left = f.limit;
        if let (Some(n), None) = (f.limit, &needle) {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let params: Vec<&dyn rusqlite::ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let mut rows = stmt
            .query_map(params.as_slice(), |r| {
                let row = ClaimRow {
                    id: r.get(0)?,
                    document_id: r.get(1)?,
                    document: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    byte_start: r.get(5)?,
                    byte_end: r.get(6)?,
                    text: String::new(),
                    claim_type: r.get(8)?,
                    worthiness: r.get(9)?,
                    sourced: r.get(10)?,
                    status: r.get(11)?,
                    anchor_state: r.get(12)?,
                    source: None,
                    source_canonical: None,
                    components: Vec::new(),
                };
                Ok((row, TextAt::of(r, 7, [1, 5, 6])?))
            })
            .map_err(StoreError::from)?;
        // A chunk's claims, then their components: the documents of a chunk are read
        // once (up to a bound, for a chunk sorted across many documents).
        let mut texts = DocTexts::default().keeping(CHUNK.min(64));
        loop {
            let chunk = rows
                .by_ref()
                .take(CHUNK)
                .collect::<rusqlite::Result<Vec<(ClaimRow, TextAt)>>>()
                .map_err(StoreError::from)?;
            if chunk.is_empty() {
                return Ok(());
            }
            let mut filled = Vec::with_capacity(chunk.len());
            for (mut row, at) in chunk {
                if left == Some(0) {
                    break;
                }
                row.text = texts.text(&self.conn, at)?;
                if let Some(needle) = &needle {
                    if !row.text.to_ascii_lowercase().contains(needle.as_str()) {
                        continue;
                    }
                }
                left = left.map(|n| n - 1);
                filled.push(row);
            }
            for c in self.complete_claims(filled, &mut texts)? {
                each(c)?;
            }
            if left == Some(0) {
                return Ok(());
            }
        }
    }

    /// Fills in the components and source names of `out`.
    fn complete_claims(
        &self,
        mut out: Vec<ClaimRow>,
        texts: &mut DocTexts,
    ) -> Result<Vec<ClaimRow>> {
        // Components and sources of all listed claims in two queries, not two per claim.
        let ids = serde_json::to_string(&out.iter().map(|r| r.id).collect::<Vec<_>>())
            .unwrap_or_else(|_| "[]".into());
        let pos: std::collections::HashMap<i64, usize> =
            out.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut comp = self.conn.prepare_cached(concat!(
            "SELECT cc.claim_id, m.id, m.kind, m.start, m.end, m.value, m.unit, m.mod,
                    CASE WHEN json_extract(m.attrs, '$.x') = 0
                         THEN coalesce(json_extract(m.attrs, '$.y'), 'unchecked')
                    END, ",
            text_at!("m"),
            " FROM claim_components cc JOIN mentions m ON m.id = cc.mention_id
             WHERE cc.claim_id IN (SELECT value FROM json_each(?1))
             ORDER BY cc.claim_id, m.start",
        ))?;
        let rows = comp.query_map([&ids], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ComponentRow {
                    mention_id: r.get(1)?,
                    kind: r.get(2)?,
                    text: String::new(),
                    start: r.get(3)?,
                    end: r.get(4)?,
                    value: r.get(5)?,
                    unit: r.get(6)?,
                    modifier: r.get(7)?,
                    not_checkable: r.get(8)?,
                },
                TextAt::read(r, 9)?,
            ))
        })?;
        for row in rows {
            let (claim, mut c, at) = row?;
            if let Some(&i) = pos.get(&claim) {
                c.text = texts.text(&self.conn, at)?;
                out[i].components.push(c);
            }
        }
        // The source as its document names it (what `source_in_document!` says in SQL),
        // from the texts read already.
        let mut src = self.conn.prepare_cached(concat!(
            "SELECT cs.claim_id, s.name, m.document_id, ",
            source_start!(),
            ", ",
            source_end!(),
            " FROM claim_sources cs JOIN mentions m ON m.id = cs.attribution_mention_id
             LEFT JOIN sources s ON s.id = cs.source_id
             WHERE cs.claim_id IN (SELECT value FROM json_each(?1))",
        ))?;
        let rows = src.query_map([&ids], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<i64>>(3)?.zip(r.get::<_, Option<i64>>(4)?),
            ))
        })?;
        for row in rows {
            let (claim, canonical, document, span) = row?;
            let Some(&i) = pos.get(&claim) else {
                continue;
            };
            if out[i].source.is_some() {
                continue;
            }
            let text = texts.document(&self.conn, document, 0)?;
            out[i].source = match &canonical {
                Some(name) if text.contains(name.as_str()) => Some(name.clone()),
                _ => span.map(|(start, end)| {
                    let start = usize::try_from(start).unwrap_or(0);
                    let len = usize::try_from(end.saturating_sub(start as i64)).unwrap_or(0);
                    text.chars().skip(start).take(len).collect()
                }),
            };
            out[i].source_canonical = canonical;
        }
        Ok(out)
    }

    /// One claim by id.
    pub fn claim(&self, id: i64) -> Result<ClaimRow> {
        self.list_claims(&ClaimFilter {
            id: Some(id),
            include_orphans: true,
            ..ClaimFilter::default()
        })?
        .pop()
        .ok_or(StoreError::NoClaim(id))
    }

    /// The check-worthiness features of a claim with their weights, the largest effect
    /// first. Claims stored before the weights were kept list names only (`None`).
    pub fn claim_features(&self, claim_id: i64) -> Result<Vec<(String, Option<f64>)>> {
        let ids: Option<String> = self
            .conn
            .query_row(
                "SELECT features FROM claims WHERE id = ?1",
                [claim_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NoClaim(claim_id))?;
        features::read(&self.conn, ids.as_deref())
    }

    /// The text of the sentence holding a claim, with the sentence's code-point start.
    pub fn claim_sentence(&self, claim_id: i64) -> Result<(String, i64)> {
        self.conn
            .query_row(
                "SELECT substr(inflate(d.text), s.start + 1, s.end - s.start), s.start
                 FROM claims c JOIN sentences s ON s.id = c.sentence_id
                 JOIN documents d ON d.id = c.document_id WHERE c.id = ?1",
                [claim_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NoClaim(claim_id))
    }

    /// The first stored document (any version) with this content hash.
    pub fn document_with_hash(&self, content_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(concat!(
                "SELECT id FROM documents WHERE hash = ",
                stored_hash!("?1"),
                " LIMIT 1"
            ))?
            .query_row([content_hash], |r| r.get(0))
            .optional()?)
    }

    /// The full text of a document.
    pub fn document_text(&self, id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT inflate(text) FROM documents WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NoDocument(id))
    }
}

/// A stored document version, as `claimtrace documents` lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub source_key: String,
    pub version: i64,
    pub is_current: bool,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub anchor_kind: Option<String>,
    pub anchor_date: Option<String>,
    pub content_hash: String,
    pub chars: i64,
    pub claims: i64,
    pub ingested_at: String,
}

/// The columns of a [`DocumentRow`] (documents as `d`), in [`document_row`]'s order.
pub(crate) const DOCUMENT_COLS: &str = "d.id, d.source_key, d.version, d.is_current, d.title,
    d.outlet, d.url, d.published, d.anchor_kind, d.anchor_date, d.content_hash, d.char_len,
    (SELECT count(*) FROM claims c WHERE c.document_id = d.id), d.ingested_at";

/// A [`DocumentRow`] from a row of [`DOCUMENT_COLS`].
pub(crate) fn document_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        source_key: r.get(1)?,
        version: r.get(2)?,
        is_current: r.get(3)?,
        title: r.get(4)?,
        outlet: r.get(5)?,
        url: r.get(6)?,
        published: r.get(7)?,
        anchor_kind: r.get(8)?,
        anchor_date: r.get(9)?,
        content_hash: r.get(10)?,
        chars: r.get(11)?,
        claims: r.get(12)?,
        ingested_at: r.get(13)?,
    })
}

/// A registry source, as `claimtrace sources` lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub claims: i64,
}

impl Database {
    /// Documents, newest version of each source first within its source key.
    pub fn list_documents(&self, all_versions: bool) -> Result<Vec<DocumentRow>> {
        let mut out = Vec::new();
        self.each_document(all_versions, |r| {
            out.push(r);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Hands the documents (current versions, or all with `all_versions`) to `each` in id
    /// order, one row at a time.
    pub fn each_document<E: From<StoreError>>(
        &self,
        all_versions: bool,
        mut each: impl FnMut(DocumentRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {DOCUMENT_COLS} FROM documents d WHERE ?1 OR d.is_current = 1
                     ORDER BY d.id"
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([all_versions]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            each(document_row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// The source registry with aliases and how many claims cite each source.
    pub fn list_sources(&self) -> Result<Vec<SourceRow>> {
        let mut out = Vec::new();
        self.each_source(|r| {
            out.push(r);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Hands the registry's sources to `each`, most cited first, one row at a time.
    pub fn each_source<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(SourceRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.name, s.kind, s.role,
                    (SELECT json_group_array(alias) FROM source_aliases a WHERE a.source_id = s.id),
                    (SELECT count(DISTINCT claim_id) FROM claim_sources cs WHERE cs.source_id = s.id)
             FROM sources s ORDER BY 6 DESC, s.name",
        ).map_err(StoreError::from)?;
        let row = |r: &rusqlite::Row| -> rusqlite::Result<SourceRow> {
            let aliases: String = r.get(4)?;
            Ok(SourceRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                role: r.get(3)?,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                claims: r.get(5)?,
            })
        };
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            each(row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;
    use crate::pipeline::analyse;

    #[test]
    fn a_writer_locked_out_says_the_database_is_busy_and_to_retry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Database::open(&path).unwrap());
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        // Without a busy handler, the refusal comes at once.
        let other = Connection::open(&path).unwrap();
        let refused = other.execute_batch("BEGIN IMMEDIATE").unwrap_err();
        let err = StoreError::from(refused);
        assert!(matches!(err, StoreError::Busy), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains("busy") && message.contains("retry"),
            "{message}"
        );
    }

    #[test]
    fn opening_for_reading_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        let err = Database::open_read(&path).err().unwrap();
        assert!(matches!(err, StoreError::Missing { .. }), "{err}");
        assert!(err.to_string().contains("claimtrace ingest"), "{err}");
        assert!(!path.exists());
    }

    fn doc(key: &str, text: &str) -> Document {
        Document::from_text(key, text.to_string(), Metadata::default())
    }

    fn count(db: &Database, table: &str) -> i64 {
        db.counts()
            .unwrap()
            .into_iter()
            .find(|(t, _)| t == table)
            .map_or(-1, |(_, n)| n)
    }

    /// `search` reads every current claim with its words, which the store keeps only in
    /// the claim's document (version 5).
    #[test]
    fn a_search_over_claims_reads_putins_two_million_from_the_article() {
        let mut db = Database::in_memory().unwrap();
        let text = "Vladimir Putin claimed in 2021 that about 2 million Azerbaijanis were \
                    living in Russia.\n\nExports rose 12% to $3.6 billion in 2024.\n";
        let d = doc("putin.txt", text);
        db.ingest(&d, &analyse(&d)).unwrap();
        let mut read = Vec::new();
        db.each_current_claim(|c| {
            read.push(c.text);
            Ok::<_, StoreError>(())
        })
        .unwrap();
        assert_eq!(
            read,
            [
                "Vladimir Putin claimed in 2021 that about 2 million Azerbaijanis were living in Russia.",
                "Exports rose 12% to $3.6 billion in 2024."
            ]
        );
    }

    /// "She said exports fell 3%": the registry knows this source as the "she" of
    /// another article, and this article's claim is attributed to the words it uses,
    /// read at the source span its stored record keeps.
    #[test]
    fn she_said_in_one_article_is_she_not_the_she_of_another() {
        let mut db = Database::in_memory().unwrap();
        let first = doc("a.txt", "Prices rose 5% in 2024, she said.\n");
        db.ingest(&first, &analyse(&first)).unwrap();
        let second = doc("b.txt", "She said exports fell 3% in 2023.\n");
        db.ingest(&second, &analyse(&second)).unwrap();
        let sources: Vec<Option<String>> = db
            .list_claims(&ClaimFilter::default())
            .unwrap()
            .into_iter()
            .map(|c| c.source)
            .collect();
        assert_eq!(sources, [Some("she".to_string()), Some("She".to_string())]);
    }

    /// A failure half-way through one document of a batch undoes that document only.
    #[test]
    fn failed_document_in_a_batch_leaves_no_rows_and_spares_the_others() {
        let mut db = Database::in_memory().unwrap();
        // Fails after the document, its sentences and mentions are written.
        db.connection()
            .execute_batch(
                "CREATE TRIGGER fail_claims BEFORE INSERT ON claims
                 WHEN (SELECT inflate(text) FROM documents WHERE id = NEW.document_id) LIKE '%poison%'
                 BEGIN SELECT RAISE(ABORT, 'boom'); END;",
            )
            .unwrap();
        let good = doc("a.txt", "Exports rose 12% to $3.6 billion in 2024.");
        let bad = doc("b.txt", "The poison figure was 600,000 in 2010.");
        let later = doc("c.txt", "Imports fell 3% in 2023.");
        db.begin_batch().unwrap();
        assert!(db.ingest(&good, &analyse(&good)).is_ok());
        assert!(db.ingest(&bad, &analyse(&bad)).is_err());
        assert!(db.ingest(&later, &analyse(&later)).is_ok());
        db.commit_batch().unwrap();
        assert_eq!(count(&db, "documents"), 2);
        let orphan_rows: i64 = db
            .connection()
            .query_row(
                "SELECT (SELECT count(*) FROM sentences WHERE document_id NOT IN (SELECT id FROM documents))
                      + (SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphan_rows, 0);
    }

    #[test]
    fn a_search_for_census_finds_either_case_and_limits_what_matches() {
        let mut db = Database::in_memory().unwrap();
        let a = doc(
            "a.txt",
            "Exports rose 12% in 2024. The 2020 census counted 600,000 people. \
             The Census Bureau said imports fell 3%. Prices rose 2% in May.",
        );
        db.ingest(&a, &analyse(&a)).unwrap();
        let search = |text: &str, limit: Option<usize>| -> Vec<String> {
            db.list_claims(&ClaimFilter {
                text: Some(text.into()),
                limit,
                ..ClaimFilter::default()
            })
            .unwrap()
            .into_iter()
            .map(|c| c.text)
            .collect()
        };
        let all = search("CENSUS", None);
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all[0].contains("2020 census") && all[1].contains("Census Bureau"));
        // The limit counts matching claims, not the claims read.
        assert_eq!(search("census", Some(1)), all[..1]);
        assert!(search("no such words", Some(3)).is_empty());
    }

    /// A claim keeps no times of its own until it changes; moved to a new version of its
    /// document, it keeps the time it was created, and it lists the features it fired.
    #[test]
    fn exports_rose_12_percent_keeps_when_it_was_found_across_versions() {
        let mut db = Database::in_memory().unwrap();
        let v1 = doc(
            "a.txt",
            "Exports rose 12% to $3.6 billion in 2024, the office said.",
        );
        let v2 = doc(
            "a.txt",
            "Exports rose 12% to $3.6 billion in 2024, the office said.\n\nImports fell.",
        );
        db.ingest(&v1, &analyse(&v1)).unwrap();
        let times = |db: &Database| -> (Option<String>, Option<String>, i64) {
            db.connection()
                .query_row(
                    "SELECT created_at, updated_at, document_id FROM claims WHERE id = 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap()
        };
        assert_eq!(times(&db), (None, None, 1));
        let ingested: String = db
            .connection()
            .query_row("SELECT ingested_at FROM documents WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        let fired = db.claim_features(1).unwrap();
        assert!(fired.iter().any(|(name, _)| name == "percent"), "{fired:?}");
        assert_eq!(fired.last().map(|f| f.0.as_str()), Some("base"));
        db.ingest(&v2, &analyse(&v2)).unwrap();
        let (created, updated, document) = times(&db);
        assert_eq!(document, 2, "moved to the new version");
        assert_eq!(created.as_deref(), Some(ingested.as_str()));
        assert!(updated.is_some_and(|u| u >= ingested));
        assert_eq!(db.claim_features(1).unwrap(), fired);
    }

    #[test]
    fn identical_content_is_unchanged_and_new_content_is_a_version() {
        let mut db = Database::in_memory().unwrap();
        let v1 = doc("a.txt", "GDP grew 3.2% in 2024.");
        let v2 = doc("a.txt", "GDP grew 3.4% in 2024.");
        assert!(matches!(
            db.ingest(&v1, &analyse(&v1)).unwrap(),
            IngestOutcome::Added { .. }
        ));
        assert!(matches!(
            db.ingest(&v1, &analyse(&v1)).unwrap(),
            IngestOutcome::Unchanged { document_id: 1 }
        ));
        assert!(matches!(
            db.ingest(&v2, &analyse(&v2)).unwrap(),
            IngestOutcome::NewVersion {
                previous: 1,
                version: 2,
                ..
            }
        ));
    }
}
