-- Migration 7 → 8: the tables it rebuilds as schema.sql defined them at version 8,
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
    text         BLOB    NOT NULL,
    char_len     INTEGER NOT NULL,
    ingested_at  TEXT    NOT NULL,
    UNIQUE (source_key, version)
);

CREATE INDEX documents_hash ON documents (content_hash);

CREATE INDEX documents_current ON documents (source_key, is_current);

CREATE INDEX documents_path ON documents (path);
