-- Migration 6 → 7: the tables it rebuilds as schema.sql defined them at version 7,
-- with their indexes and triggers. Frozen: later versions never change what this step does.

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    sentence_id   INTEGER REFERENCES sentences(id),
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    byte_start    INTEGER NOT NULL,
    byte_end      INTEGER NOT NULL,
    text          TEXT,
    claim_type    TEXT    NOT NULL CHECK (claim_type = 'statistic' OR claim_type = 'quote'
                    OR claim_type = 'attribution' OR claim_type = 'event'
                    OR claim_type = 'comparison' OR claim_type = 'prediction'),
    worthiness    REAL    NOT NULL DEFAULT 0,
    features      TEXT,
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
    created_at    TEXT,
    updated_at    TEXT
);

CREATE INDEX claims_document ON claims (document_id);

CREATE INDEX claims_reviewed ON claims (status) WHERE status <> 'unverified';

CREATE INDEX claims_unsourced ON claims (worthiness DESC, document_id, start)
    WHERE sourced = 0 AND has_figure = 1;
