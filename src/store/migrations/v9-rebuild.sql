-- Migration 8 → 9: the tables it rebuilds as schema.sql defined them at version 9,
-- with their indexes and triggers. Frozen: later versions never change what this step does.

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

CREATE INDEX documents_hash ON documents (hash);

CREATE INDEX documents_path ON documents (path);

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

CREATE INDEX claims_reviewed ON claims (status) WHERE status <> 'unverified';

CREATE INDEX claims_unsourced ON claims (worthiness DESC, document_id, start)
    WHERE sourced = 0 AND has_figure = 1;

CREATE TABLE source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    alias     TEXT    NOT NULL,
    PRIMARY KEY (source_id, alias)
) WITHOUT ROWID;

CREATE INDEX source_aliases_alias ON source_aliases (alias);
