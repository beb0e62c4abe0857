-- Revisions of every case and a hash-chained, append-only audit log.
--
-- case_revisions keeps every saved state of a case (its model as JSON, without timestamps), so an auditor
-- can see years later what a decision was based on. audit_log records every change as an entry whose hash
-- covers the previous entry's hash: editing, inserting or deleting an entry breaks the chain, and the
-- head (sequence number and hash) is also kept in `settings` so that cutting entries off the end shows too.

CREATE TABLE case_revisions (
    case_id   TEXT NOT NULL,
    revision  INTEGER NOT NULL CHECK (revision >= 1),
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    status    TEXT NOT NULL,
    -- SHA-256 (hex) of `document`: the digest the audit entry of this revision records.
    digest    TEXT NOT NULL,
    document  TEXT NOT NULL CHECK (json_valid(document)),
    PRIMARY KEY (case_id, revision)
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    digest    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The program never updates or deletes entries; the triggers make an accidental attempt fail loudly.
-- (Someone with the file can drop them; the hash chain is what detects tampering.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Every lifecycle step of a case. A decision (approve or decline) is a sign-off: it records who (name
-- and role), why, the revision decided on, the assessment as it stood (frozen, as JSON) and, once
-- written, the SHA-256 and bytes of the approved briefing, so that `coopdesk verify` can recognise it.
CREATE TABLE case_transitions (
    case_id         TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    revision        INTEGER NOT NULL,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    decided_by      TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
    role            TEXT,
    comment         TEXT,
    at              TEXT NOT NULL,
    audit_hash      TEXT NOT NULL,
    assessment      TEXT CHECK (assessment IS NULL OR json_valid(assessment)),
    briefing_sha256 TEXT,
    briefing_lang   TEXT,
    briefing        BLOB,
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_transitions_briefing ON case_transitions(briefing_sha256);
