-- claimtrace schema, version 9. The one schema: embedded in the binary with include_str!.
-- Offsets: `start`/`end` are Unicode code points (end exclusive), `byte_start`/`byte_end`
-- bytes of the UTF-8 text. Times are RFC 3339 UTC strings. The version lives in
-- PRAGMA user_version; each later version adds a migration step in src/store/mod.rs.
--
-- Enumerations are checked with `x = 'a' OR x = 'b' ...`, not `x IN ('a', 'b', ...)`:
-- SQLite evaluates a CHECK with an IN list of three or more values by building a
-- temporary b-tree for every row it writes, which cost ingest about 15%. (Version 2.)
-- Link tables are WITHOUT ROWID: their primary key is the only b-tree they need.
--
-- Columns a row's other columns determine are VIRTUAL generated columns (version 9):
-- queries read them by name, they take no space, and only the stored columns are
-- written. Offsets are stored as `start`, `length` (code points), `byte_shift` (bytes
-- before `start` beyond one per code point) and `byte_extra` (bytes of the span beyond
-- one per code point): small numbers, zero (no bytes at all) in ASCII text.

-- One row per version of an article. Versions of the same source (path or URL) share
-- `source_key`; `previous_id` links a version to the one it replaced. `text`: the
-- article's text deflated (raw DEFLATE, RFC 1951, of its UTF-8; version 8, plain text
-- before): queries read it as `inflate(text)`, an SQL function every connection of
-- claimtrace has (src/store/deflated.rs), which gives a plain text back as it is.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    source_key   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    previous_id  INTEGER REFERENCES documents(id),
    is_current   INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    hash         BLOB    NOT NULL,
    content_hash TEXT    GENERATED ALWAYS AS (CASE typeof(hash) WHEN 'blob'
                    THEN lower(hex(hash)) ELSE hash END) VIRTUAL,
    path         TEXT,
    url          TEXT,
    title        TEXT,
    outlet       TEXT,
    language     TEXT,
    author       TEXT,
    published    TEXT,
    anchor_kind  TEXT    CHECK (anchor_kind = 'published' OR anchor_kind = 'inferred'
                                OR anchor_kind = 'none'),
    anchor_date  TEXT,
    text         BLOB    NOT NULL,
    char_len     INTEGER NOT NULL,
    ingested_at  TEXT    NOT NULL,
    UNIQUE (source_key, version)
);
-- `hash`: the content hash (SHA-256, as lower-case hex in `content_hash`) as its 32
-- bytes, in the table and its index (version 9; see `stored_hash!` in
-- src/store/mod.rs; a hash that is not 64 hex digits is kept as text).
CREATE INDEX documents_hash ON documents (hash);
-- The current version of a source is found through UNIQUE (source_key, version): a
-- source has a few versions at most (version 9; before, an index of its own).
-- The same file given with or without its URL is found by its path (version 3).
CREATE INDEX documents_path ON documents (path);

-- The id of a sentence or a mention is document_id * 2^24 + ordinal: the rows of a
-- document are one range of the primary key, and need no second index (version 2);
-- both are generated from it (version 9).
CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER GENERATED ALWAYS AS (id >> 24) VIRTUAL
                REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER GENERATED ALWAYS AS (id & 16777215) VIRTUAL,
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    byte_shift  INTEGER NOT NULL DEFAULT 0,
    byte_extra  INTEGER NOT NULL DEFAULT 0,
    end         INTEGER GENERATED ALWAYS AS (start + length) VIRTUAL,
    byte_start  INTEGER GENERATED ALWAYS AS (start + byte_shift) VIRTUAL,
    byte_end    INTEGER GENERATED ALWAYS AS (start + byte_shift + length + byte_extra) VIRTUAL
);

-- Recognised expressions. The normalised attributes every kind shares have columns
-- (for filtering); the rest of the kind's record is kept in `attrs` as JSON (figure: low,
-- high, subject, checkable, checkable_reason; date: quant, freq; attribution: source,
-- cue, content, direct, source_kind, source_name, source_role), its spans as code-point
-- offsets `[start, end]`: their text is the document's text at those offsets. Fields
-- go by one-letter names (version 7; see SHORT_NAMES in src/store/rows.rs): `s` the
-- source span, `x` checkable, `y` why not, `l` and `h` a figure's low and high.
-- Fields at their default (null, checkable true, direct false) are left out (version
-- 5; before, records also held byte offsets, nulls and, before version 2, texts).
-- `text` is NULL when it is the document's text at the mention's offsets, as it is for
-- every mention an analysis stores (version 5; before, every row repeated it).
-- An attribution's record is a JSON array (version 9; see `row_attrs` in
-- src/store/rows.rs): its source kind, then its source, cue, content, source name and
-- source role spans, each as its start from the mention's `start` and its length (two
-- nulls for a span it lacks), then 1 if direct; the nulls at its end are left out.
-- `sentence` is the ordinal of its sentence in the document, `kind_code` its kind (0
-- figure, 1 date, 2 attribution; version 9: before, both were stored as `sentence_id`
-- and `kind`, which are now generated from them).
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER GENERATED ALWAYS AS (id >> 24) VIRTUAL
                REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER,
    sentence_id INTEGER GENERATED ALWAYS AS (((id >> 24) << 24) + sentence) VIRTUAL
                REFERENCES sentences(id),
    ordinal     INTEGER GENERATED ALWAYS AS (id & 16777215) VIRTUAL,
    kind_code   INTEGER NOT NULL CHECK (kind_code = 0 OR kind_code = 1 OR kind_code = 2),
    kind        TEXT    GENERATED ALWAYS AS (CASE kind_code WHEN 0 THEN 'figure'
                    WHEN 1 THEN 'date' ELSE 'attribution' END) VIRTUAL,
    start       INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    byte_shift  INTEGER NOT NULL DEFAULT 0,
    byte_extra  INTEGER NOT NULL DEFAULT 0,
    end         INTEGER GENERATED ALWAYS AS (start + length) VIRTUAL,
    byte_start  INTEGER GENERATED ALWAYS AS (start + byte_shift) VIRTUAL,
    byte_end    INTEGER GENERATED ALWAYS AS (start + byte_shift + length + byte_extra) VIRTUAL,
    text        TEXT,
    value       TEXT,
    unit        TEXT,
    mod         TEXT,
    timex_type  TEXT,
    source_id   INTEGER REFERENCES sources(id),
    attrs       TEXT    NOT NULL DEFAULT '{}'
);

-- The corpus-wide source registry: one canonical entry per person, organisation,
-- outlet, document or data set, with every alias seen.
CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'unknown',
    role       TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX sources_name ON sources (name);

-- Without rowid (version 9): its primary key is the only b-tree it needs.
CREATE TABLE source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    alias     TEXT    NOT NULL,
    PRIMARY KEY (source_id, alias)
) WITHOUT ROWID;
CREATE INDEX source_aliases_alias ON source_aliases (alias);

-- Claims. `status` is the latest status of the review log (kept here for fast filters;
-- the log is the record). 'needs_recheck' (version 3): the claim had a verdict and a new
-- version of its document changed its text or the values of its components. `anchor_state` is 'orphan' when re-anchoring on a new version
-- of the document found no place for the claim. `features`: the check-worthiness
-- features that fired, the largest effect first, as the ids of their rows of `features`
-- separated by spaces ("12 3 1"), NULL when none fired (version 7; before, a JSON array
-- of [name, weight] pairs, and of {"name", "weight"} objects before version 5). `text`
-- is NULL while the claim's text is its document's at its offsets (version 5); an
-- orphan keeps its words here. `created_at` is NULL while it is its document's
-- `ingested_at`, `updated_at` while it is `created_at` (version 7; before, every claim
-- repeated the times). `claim_type`, `status` and `anchor_state` are generated from the
-- codes stored in `claim_type_code`, `status_code` and `orphaned` (version 9; the codes
-- in the order of the CASE expressions, as in src/store/rows.rs).
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    sentence_id   INTEGER REFERENCES sentences(id),
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    byte_start    INTEGER NOT NULL,
    byte_end      INTEGER NOT NULL,
    text          TEXT,
    claim_type_code INTEGER NOT NULL CHECK (claim_type_code BETWEEN 0 AND 5),
    claim_type    TEXT    GENERATED ALWAYS AS (CASE claim_type_code WHEN 0 THEN 'statistic'
                    WHEN 1 THEN 'quote' WHEN 2 THEN 'attribution' WHEN 3 THEN 'event'
                    WHEN 4 THEN 'comparison' ELSE 'prediction' END) VIRTUAL,
    worthiness    REAL    NOT NULL DEFAULT 0,
    features      TEXT,
    sourced       INTEGER NOT NULL DEFAULT 0 CHECK (sourced IN (0, 1)),
    has_figure    INTEGER NOT NULL DEFAULT 0 CHECK (has_figure IN (0, 1)),
    status_code   INTEGER NOT NULL DEFAULT 0 CHECK (status_code BETWEEN 0 AND 7),
    status        TEXT    GENERATED ALWAYS AS (CASE status_code WHEN 0 THEN 'unverified'
                    WHEN 1 THEN 'in_review' WHEN 2 THEN 'verified' WHEN 3 THEN 'false'
                    WHEN 4 THEN 'misleading' WHEN 5 THEN 'contested' WHEN 6 THEN 'unverifiable'
                    ELSE 'needs_recheck' END) VIRTUAL,
    orphaned      INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
    anchor_state  TEXT    GENERATED ALWAYS AS (CASE orphaned WHEN 0 THEN 'anchored'
                    ELSE 'orphan' END) VIRTUAL,
    -- The quote context (W3C TextQuoteSelector prefix/suffix) of an orphan, whose text
    -- is no longer in its document; NULL while the claim is anchored.
    quote_prefix  TEXT,
    quote_suffix  TEXT,
    earliest_date TEXT,
    latest_date   TEXT,
    created_at    TEXT,
    updated_at    TEXT
);
CREATE INDEX claims_document ON claims (document_id);
-- Indexes only where a filter is selective: by document, status (few contested among
-- many unverified), and the unsourced listing ranked by worthiness. Type and date filters
-- scan (tens of milliseconds for 100,000 claims; see benches/listing.rs); every index
-- costs each ingested claim a b-tree insert. Both are partial: a claim is stored
-- unverified, so it enters the status index only once reviewed, and only claims with a
-- figure and no source enter the unsourced one. (Queries repeat the index's WHERE terms
-- so that SQLite uses it.)
CREATE INDEX claims_reviewed ON claims (status) WHERE status <> 'unverified';
CREATE INDEX claims_unsourced ON claims (worthiness DESC, document_id, start)
    WHERE sourced = 0 AND has_figure = 1;

-- The figures and dates a claim is made of.
CREATE TABLE claim_components (
    claim_id   INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, mention_id)
) WITHOUT ROWID;
-- No index by mention: every query goes from a claim to its components, and mentions
-- are never deleted (the one case where foreign keys would look children up by it).

-- Claim → source links, with the attribution that makes the link.
CREATE TABLE claim_sources (
    claim_id                INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id               INTEGER REFERENCES sources(id),
    attribution_mention_id  INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, attribution_mention_id)
) WITHOUT ROWID;
CREATE INDEX claim_sources_source ON claim_sources (source_id);

-- Competing claims ("600,000 in the census" against "closer to 2 million").
CREATE TABLE claim_links (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    other_id   INTEGER NOT NULL REFERENCES claims(id),
    relation   TEXT    NOT NULL DEFAULT 'contests',
    reason     TEXT,
    created_at TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX claim_links_claim ON claim_links (claim_id);
CREATE INDEX claim_links_other ON claim_links (other_id);

-- The append-only review log: every status change, flag, unflag and note. `claim_text`
-- and `claim_values` (a JSON array of strings, one per component: its kind, text and
-- normalised value) are the claim as the entry saw it: what a verdict was given for
-- (version 3; NULL in older entries whose text could not be recovered).
CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims(id),
    at          TEXT    NOT NULL,
    reviewer    TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action = 'review' OR action = 'flag'
                    OR action = 'unflag' OR action = 'note' OR action = 'reanchor'
                    OR action = 'orphan' OR action = 'import'),
    from_status TEXT,
    to_status   TEXT,
    note        TEXT,
    evidence    TEXT    NOT NULL DEFAULT '[]',
    against_id  INTEGER REFERENCES claims(id),
    claim_text   TEXT,
    claim_values TEXT
);
CREATE INDEX review_log_claim ON review_log (claim_id, id);
-- Deleting a claim (a fresh duplicate merged into a re-anchored one) checks these
-- references; without an index each check scans the whole log.
CREATE INDEX review_log_against ON review_log (against_id);

CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

-- The check-worthiness features of claims (version 7), each [name, weight] pair once
-- (the weight NULL where a list of before version 5 named the feature only): a model
-- has about fifty, and every claim fires a few (see src/store/features.rs).
CREATE TABLE features (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    weight REAL,
    UNIQUE (name, weight)
);

-- The claim index (version 4). `claim_text`: the full text of every claim for BM25
-- search (FTS5, rowid = claims.id; contentless: the text stays in `claims`).
CREATE VIRTUAL TABLE claim_text USING fts5(text, content = '', contentless_delete = 1,
    detail = none);

-- The quantity keys of a claim's figures (src/matching.rs): what each measures, its
-- unit, time and value, as a JSON array of the key's fields in order (version 5; a
-- JSON object before). `claim_key_terms` finds the claims whose figures
-- measure something named by a word, in a unit: one row per word of a key's subject
-- (rows of a deleted claim are harmless: candidates are read through `claims`).
CREATE TABLE claim_keys (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    PRIMARY KEY (claim_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE claim_key_terms (
    term     TEXT    NOT NULL,
    unit     TEXT    NOT NULL,
    claim_id INTEGER NOT NULL,
    PRIMARY KEY (term, unit, claim_id)
) WITHOUT ROWID;

-- Relations found between claims of different articles: `claim_id` the claim matched
-- when it was stored, `other_id` a stored one. Suggestions only: nothing is flagged or
-- rated because of them.
CREATE TABLE claim_relations (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    relation TEXT    NOT NULL CHECK (relation = 'repeat' OR relation = 'conflict'
                OR relation = 'related'),
    reason   TEXT    NOT NULL,
    score    REAL    NOT NULL,
    found_at TEXT    NOT NULL,
    PRIMARY KEY (claim_id, other_id)
) WITHOUT ROWID;
CREATE INDEX claim_relations_other ON claim_relations (other_id);

-- Fact-checks from elsewhere (version 6): schema.org ClaimReview imported with `import
-- --claimreview`, one row per reviewed claim. The same review imported again (the same
-- url and claim, or the same publisher and claim) updates its row. `publisher_key` is
-- the publisher's name in lower case ('' when none is given).
CREATE TABLE fact_checks (
    id            INTEGER PRIMARY KEY,
    claim         TEXT    NOT NULL,
    rating        TEXT,
    rating_value  REAL,
    best_rating   REAL,
    worst_rating  REAL,
    publisher     TEXT,
    publisher_key TEXT    NOT NULL DEFAULT '',
    publisher_url TEXT,
    url           TEXT,
    headline      TEXT,
    review_date   TEXT,
    claim_date    TEXT,
    claimant      TEXT,
    imported_at   TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX fact_checks_claim ON fact_checks (claim);

-- The fact-checks' claim index, as the claims' (claim_text, claim_keys, claim_key_terms):
-- FTS5 over their claims (rowid = fact_checks.id), their quantity keys, and the words of
-- what each figure measures, by unit.
CREATE VIRTUAL TABLE fact_check_text USING fts5(text, content = '', contentless_delete = 1,
    detail = none);
CREATE TABLE fact_check_keys (
    fact_check_id INTEGER NOT NULL REFERENCES fact_checks(id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    key           TEXT    NOT NULL,
    PRIMARY KEY (fact_check_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE fact_check_terms (
    term          TEXT    NOT NULL,
    unit          TEXT    NOT NULL,
    fact_check_id INTEGER NOT NULL,
    PRIMARY KEY (term, unit, fact_check_id)
) WITHOUT ROWID;

-- Relations of stored claims to fact-checks, found as between claims: suggestions, never
-- a rating.
CREATE TABLE fact_check_relations (
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    fact_check_id INTEGER NOT NULL REFERENCES fact_checks(id) ON DELETE CASCADE,
    relation      TEXT    NOT NULL CHECK (relation = 'repeat' OR relation = 'conflict'
                    OR relation = 'related'),
    reason        TEXT    NOT NULL,
    score         REAL    NOT NULL,
    found_at      TEXT    NOT NULL,
    PRIMARY KEY (claim_id, fact_check_id)
) WITHOUT ROWID;
CREATE INDEX fact_check_relations_fact_check ON fact_check_relations (fact_check_id);
