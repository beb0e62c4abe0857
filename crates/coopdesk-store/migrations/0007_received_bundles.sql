-- Cases taken over from another office's bundle (coopdesk.bundle/v1), with what came with them.
--
-- The receiving office assesses and screens a case again with its own template and lists; the
-- sender's assessment, screening and audit excerpt are kept here as evidence of what the case looked
-- like where it came from, and the row says which file it came in, how it was taken over (a new case,
-- replacing the local one, or as a copy under a new id) and when.

CREATE TABLE received_bundles (
    id              INTEGER PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases(id),
    received_at     TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    exported_at     TEXT NOT NULL,
    exported_by     TEXT NOT NULL,
    source_case_id  TEXT NOT NULL,
    source_revision INTEGER,
    how             TEXT NOT NULL CHECK (how IN ('new', 'replace', 'copy')),
    evidence        TEXT NOT NULL CHECK (json_valid(evidence))
);

CREATE INDEX received_bundles_by_case ON received_bundles (case_id, id);
