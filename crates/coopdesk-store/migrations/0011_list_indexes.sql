-- Schema version 11: the prepared screening index of a list snapshot, kept with it.
--
-- Screening needs every listed name normalised, romanised and indexed; doing that again in every process
-- took most of a `coopdesk screen` run for a large list (0.4 s at 20 000 entries). The index is written
-- with its snapshot, in the import's transaction, and read back in milliseconds. It is a cache of what the
-- entries already say: `matcher` names the code and data that prepared it (coopdesk_screen::matcher_version),
-- and an index of another matcher, or one that does not read back intact (it is checksummed), is built
-- again from the entries and replaced, never used. Only the newest snapshot of each list keeps one.
CREATE TABLE list_indexes (
    snapshot_id  INTEGER PRIMARY KEY REFERENCES list_snapshots(id) ON DELETE CASCADE,
    matcher      TEXT NOT NULL CHECK (length(matcher) = 64),
    built_at     TEXT NOT NULL,
    bytes        BLOB NOT NULL
);
