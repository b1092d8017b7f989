-- Migration 2 → 3: the tables it rebuilds as schema.sql defined them at version 3,
-- with their indexes and triggers. Frozen: later versions never change what this step does.

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
                    OR status = 'misleading' OR status = 'contested' OR status = 'unverifiable'
                    OR status = 'needs_recheck'),
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

CREATE INDEX review_log_against ON review_log (against_id);

CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;

CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
    SELECT RAISE(ABORT, 'review_log is append-only');
END;
