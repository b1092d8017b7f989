-- Migration 8 → 9: the tables it rebuilds as schema.sql defined them at version 9,
-- with their indexes and triggers. Frozen: later versions never change what this step does.

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
