-- Schema version 13: co-publication checks of a case's partner, the co-authorships with listed
-- institutions they found, and reviewers' decisions on those co-authorships.
--
-- A check is stored whole: which files were read (name as given, SHA-256 of the bytes, format), what was
-- counted, and which list snapshots the affiliations were screened against, so that an auditor can see
-- later what a finding rested on. The newest check of a case is the one that counts; older ones stay as
-- history. Plain SQL only (no JSON functions, no SQLite-only types) so the tables port as they are.
CREATE TABLE publication_checks (
    id                          INTEGER PRIMARY KEY,
    case_id                     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    checked_at                  TEXT NOT NULL,
    checked_by                  TEXT NOT NULL CHECK (length(trim(checked_by)) > 0),
    works                       INTEGER NOT NULL CHECK (works >= 0),
    works_without_affiliations  INTEGER NOT NULL CHECK (works_without_affiliations >= 0),
    affiliations                INTEGER NOT NULL CHECK (affiliations >= 0),
    threshold                   REAL NOT NULL,
    -- The list snapshots screened against, one "name (snapshot date)" label a line.
    lists                       TEXT NOT NULL
);
CREATE INDEX publication_checks_by_case ON publication_checks(case_id, id);

-- The files of a check, in the order given.
CREATE TABLE publication_check_files (
    check_id   INTEGER NOT NULL REFERENCES publication_checks(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    format     TEXT NOT NULL CHECK (format IN ('ris', 'bibtex', 'csl_json', 'openalex')),
    works      INTEGER NOT NULL CHECK (works >= 0),
    PRIMARY KEY (check_id, position)
);

-- The co-authorships a check found, in report order. `coauthorship_key` fingerprints what a reviewer
-- judges (the work, the author, the affiliation as written, and the listed entity on its list), so that
-- a decision carries over to the same co-authorship found again by a later check, and lapses when any
-- of these changes.
CREATE TABLE coauthorships (
    check_id          INTEGER NOT NULL REFERENCES publication_checks(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL CHECK (position >= 0),
    coauthorship_key  TEXT NOT NULL CHECK (length(coauthorship_key) = 64),
    work              TEXT NOT NULL,
    work_id           TEXT NOT NULL,
    doi               TEXT,
    year              INTEGER,
    author            TEXT,
    affiliation       TEXT NOT NULL,
    screened          TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    entity_id         TEXT NOT NULL,
    entity_name       TEXT NOT NULL,
    list_codes        TEXT NOT NULL,
    list_name         TEXT NOT NULL,
    score             REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    matched           TEXT NOT NULL,
    why               TEXT NOT NULL,
    partner_hit       INTEGER NOT NULL CHECK (partner_hit IN (0, 1)),
    PRIMARY KEY (check_id, position)
);
CREATE INDEX coauthorships_by_key ON coauthorships(coauthorship_key);

-- Reviewers' decisions on co-authorships, with the vocabulary of hit reviews. Append-only: the newest
-- row per (case_id, coauthorship_key) is the current decision, older rows are its history.
CREATE TABLE coauthorship_reviews (
    id                INTEGER PRIMARY KEY,
    case_id           TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    coauthorship_key  TEXT NOT NULL CHECK (length(coauthorship_key) = 64),
    decision          TEXT NOT NULL CHECK (decision IN ('confirmed', 'false_positive')),
    reviewed_by       TEXT NOT NULL CHECK (length(trim(reviewed_by)) > 0),
    reviewed_at       TEXT NOT NULL,
    note              TEXT
);
CREATE INDEX coauthorship_reviews_by_key ON coauthorship_reviews(case_id, coauthorship_key, id);
