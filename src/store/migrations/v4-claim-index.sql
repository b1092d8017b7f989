-- Migration 3 → 4: the tables it adds, as schema.sql defined them at version 4.
-- Frozen: later versions never change what this step does.

-- The claim index (version 4). `claim_text`: the full text of every claim for BM25
-- search (FTS5, rowid = claims.id; contentless: the text stays in `claims`).
CREATE VIRTUAL TABLE claim_text USING fts5(text, content = '', contentless_delete = 1,
    detail = none);

-- The quantity keys of a claim's figures (src/matching.rs): what each measures, its
-- unit, time and value, as JSON. `claim_key_terms` finds the claims whose figures
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
