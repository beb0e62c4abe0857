-- Schema version 10: the EU, UK and UN list formats, and the publication date a list file states.
--
-- `format` admitted only csl, ftm and csv. SQLite cannot change a CHECK constraint in place, so the
-- table is rebuilt the way the SQLite documentation describes (ALTER TABLE, "Making Other Kinds Of
-- Table Schema Changes"): new table, copy, drop, rename, index. The migration runs with foreign keys
-- off (see migrate.rs), so dropping the old table neither cascades into list_entries nor trips the
-- references of hit_reviews; every reference is checked before the transaction commits.
--
-- `published` is the date the file says it was published or generated (the EU file's generationDate,
-- the UN file's dateGenerated, the UK files' "Last Updated" / "Report Date" line), as YYYY-MM-DD;
-- NULL for formats without one and for every snapshot stored before this version.
CREATE TABLE list_snapshots_v10 (
    id           INTEGER PRIMARY KEY,
    list_name    TEXT NOT NULL CHECK (length(list_name) BETWEEN 1 AND 64),
    format       TEXT NOT NULL CHECK (format IN ('csl', 'ftm', 'csv', 'eu_fsf', 'uk', 'un')),
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    imported_at  TEXT NOT NULL,
    entry_count  INTEGER NOT NULL CHECK (entry_count >= 0),
    skipped      INTEGER NOT NULL CHECK (skipped >= 0),
    builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    previous_id  INTEGER REFERENCES list_snapshots(id),
    added        INTEGER NOT NULL CHECK (added >= 0),
    removed      INTEGER NOT NULL CHECK (removed >= 0),
    changed      INTEGER NOT NULL CHECK (changed >= 0),
    repairs      INTEGER NOT NULL DEFAULT 0 CHECK (repairs >= 0),
    published    TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    UNIQUE (list_name, sha256)
);
INSERT INTO list_snapshots_v10 (id, list_name, format, file_name, sha256, imported_at, entry_count,
        skipped, builtin, previous_id, added, removed, changed, repairs)
    SELECT id, list_name, format, file_name, sha256, imported_at, entry_count, skipped, builtin,
           previous_id, added, removed, changed, repairs
    FROM list_snapshots;
DROP TABLE list_snapshots;
ALTER TABLE list_snapshots_v10 RENAME TO list_snapshots;
CREATE INDEX list_snapshots_by_list ON list_snapshots(list_name, id);
