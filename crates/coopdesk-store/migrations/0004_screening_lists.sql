-- Schema version 4: restriction-list snapshots with their provenance, the entries of every snapshot (so
-- that screening works offline, without the original file), and reviewers' decisions on screening hits.

-- One imported list file. A list (`list_name`: bundled, us_csl, opensanctions, …) has a history of
-- snapshots; screening uses the newest of each list. The same file (same SHA-256) is stored once per list.
CREATE TABLE list_snapshots (
    id           INTEGER PRIMARY KEY,
    list_name    TEXT NOT NULL CHECK (length(list_name) BETWEEN 1 AND 64),
    format       TEXT NOT NULL CHECK (format IN ('csl', 'ftm', 'csv')),
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    imported_at  TEXT NOT NULL,
    entry_count  INTEGER NOT NULL CHECK (entry_count >= 0),
    -- Valid rows that are not organisations (persons, vessels, aircraft …), left out on purpose.
    skipped      INTEGER NOT NULL CHECK (skipped >= 0),
    builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    -- The snapshot of the same list this one replaced, and how many entries differ from it; the ids
    -- are recomputed from the stored entries when asked for.
    previous_id  INTEGER REFERENCES list_snapshots(id),
    added        INTEGER NOT NULL CHECK (added >= 0),
    removed      INTEGER NOT NULL CHECK (removed >= 0),
    changed      INTEGER NOT NULL CHECK (changed >= 0),
    UNIQUE (list_name, sha256)
);
CREATE INDEX list_snapshots_by_list ON list_snapshots(list_name, id);

-- What a list says about one entity (a ListEntry as JSON), stored once per distinct content: a monthly
-- list that changes a few entries adds only those. `hash` is the entry's fingerprint (SHA-256 of the JSON).
CREATE TABLE list_entry_bodies (
    hash   TEXT PRIMARY KEY CHECK (length(hash) = 64),
    entry  TEXT NOT NULL CHECK (json_valid(entry))
) WITHOUT ROWID;

-- The entries of each snapshot, in file order.
CREATE TABLE list_entries (
    snapshot_id  INTEGER NOT NULL REFERENCES list_snapshots(id) ON DELETE CASCADE,
    entity_id    TEXT NOT NULL,
    position     INTEGER NOT NULL,
    entry_hash   TEXT NOT NULL REFERENCES list_entry_bodies(hash),
    PRIMARY KEY (snapshot_id, entity_id)
) WITHOUT ROWID;

-- Reviewers' decisions on hits (an entity of a list matching a partner organisation). Append-only: the
-- newest row per (org_id, list_name, entity_id) is the current decision, older rows are its history. A
-- decision holds only while its basis is unchanged: the list entry (entry_hash) and the organisation's
-- names with its parents' (names_hash); otherwise the hit counts as unreviewed again.
CREATE TABLE hit_reviews (
    id           INTEGER PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    list_name    TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('confirmed', 'false_positive')),
    reviewed_by  TEXT NOT NULL CHECK (length(trim(reviewed_by)) > 0),
    reviewed_at  TEXT NOT NULL,
    note         TEXT,
    snapshot_id  INTEGER NOT NULL REFERENCES list_snapshots(id),
    entry_hash   TEXT NOT NULL CHECK (length(entry_hash) = 64),
    names_hash   TEXT NOT NULL CHECK (length(names_hash) = 64)
);
CREATE INDEX hit_reviews_by_hit ON hit_reviews(org_id, list_name, entity_id, id);
