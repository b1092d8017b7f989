-- Migration 5 → 6: the tables it adds, as schema.sql defined them at version 6.
-- Frozen: later versions never change what this step does.

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
