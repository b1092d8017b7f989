-- Migration 6 → 7: the tables it adds, as schema.sql defined them at version 7.
-- Frozen: later versions never change what this step does.

-- The check-worthiness features of claims (version 7), each [name, weight] pair once
-- (the weight NULL where a list of before version 5 named the feature only): a model
-- has about fifty, and every claim fires a few (see src/store/features.rs).
CREATE TABLE features (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    weight REAL,
    UNIQUE (name, weight)
);
