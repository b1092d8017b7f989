-- Migration 1 → 2: the tables it rebuilds as schema.sql defined them at version 2,
-- with their indexes and triggers. Frozen: later versions never change what this step does.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    source_key   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    previous_id  INTEGER REFERENCES documents(id),
    is_current   INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    content_hash TEXT    NOT NULL,
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
    text         TEXT    NOT NULL,
    char_len     INTEGER NOT NULL,
    ingested_at  TEXT    NOT NULL,
    UNIQUE (source_key, version)
);

CREATE INDEX documents_hash ON documents (content_hash);

CREATE INDEX documents_current ON documents (source_key, is_current);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id),
    ordinal     INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind = 'figure' OR kind = 'date' OR kind = 'attribution'),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    byte_start  INTEGER NOT NULL,
    byte_end    INTEGER NOT NULL,
    text        TEXT    NOT NULL,
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
    text          TEXT    NOT NULL,
    claim_type    TEXT    NOT NULL CHECK (claim_type = 'statistic' OR claim_type = 'quote'
                    OR claim_type = 'attribution' OR claim_type = 'event'
                    OR claim_type = 'comparison' OR claim_type = 'prediction'),
    worthiness    REAL    NOT NULL DEFAULT 0,
    features      TEXT    NOT NULL DEFAULT '[]',
    sourced       INTEGER NOT NULL DEFAULT 0 CHECK (sourced IN (0, 1)),
    has_figure    INTEGER NOT NULL DEFAULT 0 CHECK (has_figure IN (0, 1)),
    status        TEXT    NOT NULL DEFAULT 'unverified' CHECK (status = 'unverified'
                    OR status = 'in_review' OR status = 'verified' OR status = 'false'
                    OR status = 'misleading' OR status = 'contested' OR status = 'unverifiable'),
    anchor_state  TEXT    NOT NULL DEFAULT 'anchored' CHECK (anchor_state IN ('anchored', 'orphan')),
    -- The quote context (W3C TextQuoteSelector prefix/suffix) of an orphan, whose text
    -- is no longer in its document; NULL while the claim is anchored.
    quote_prefix  TEXT,
    quote_suffix  TEXT,
    earliest_date TEXT,
    latest_date   TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX claims_document ON claims (document_id);

CREATE INDEX claims_reviewed ON claims (status) WHERE status <> 'unverified';

CREATE INDEX claims_unsourced ON claims (worthiness DESC, document_id, start)
    WHERE sourced = 0 AND has_figure = 1;

CREATE TABLE claim_components (
    claim_id   INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, mention_id)
) WITHOUT ROWID;

CREATE TABLE claim_sources (
    claim_id                INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id               INTEGER REFERENCES sources(id),
    attribution_mention_id  INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, attribution_mention_id)
) WITHOUT ROWID;

CREATE INDEX claim_sources_source ON claim_sources (source_id);

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
    against_id  INTEGER REFERENCES claims(id)
);

CREATE INDEX review_log_claim ON review_log (claim_id, id);

CREATE INDEX review_log_against ON review_log (against_id);

CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    byte_start  INTEGER NOT NULL,
    byte_end    INTEGER NOT NULL
);
