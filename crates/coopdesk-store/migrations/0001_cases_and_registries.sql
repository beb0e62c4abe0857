-- Cooperation Desk schema version 1: cases and the organisation and facility registries.
-- Released migrations are never edited (a test pins their SHA-256); change the schema with a new file.

CREATE TABLE organisations (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_zh       TEXT,
    name_zh_hant  TEXT,
    name_pinyin   TEXT,
    aliases       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
    country       TEXT,
    kind          TEXT,
    parent_id     TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    -- Lower-cased names in every script, joined by newlines: what the case list and pickers search.
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_parent ON organisations(parent_id);
CREATE INDEX organisations_name ON organisations(name COLLATE NOCASE);

CREATE TABLE facilities (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    name_zh      TEXT,
    country      TEXT NOT NULL,
    city         TEXT,
    kind         TEXT NOT NULL,
    operator     TEXT,
    operator_zh  TEXT,
    notes        TEXT,
    source       TEXT,
    builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    search_text  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX facilities_name ON facilities(name COLLATE NOCASE);

CREATE TABLE cases (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'in_review', 'approved', 'approved_with_conditions', 'declined', 'withdrawn')),
    home         TEXT CHECK (home IS NULL OR json_valid(home)),
    facility_id  TEXT REFERENCES facilities(id) ON DELETE RESTRICT,
    -- The list-valued parts of a case are JSON arrays: they are always read and written whole with
    -- their case, and later capabilities query them with SQLite's JSON functions.
    fields       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields)),
    activities   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(activities)),
    items        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(items)),
    data         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(data)),
    people       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(people)),
    funding      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(funding)),
    agreements   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agreements)),
    answers      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),
    start_date   TEXT,
    end_date     TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    extensions   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extensions)),
    -- Title, partner names in every script and facility names, lower-cased; kept current by the store.
    search_text  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX cases_updated ON cases(updated_at);
CREATE INDEX cases_status ON cases(status, updated_at);
CREATE INDEX cases_title ON cases(title COLLATE NOCASE);

CREATE TABLE case_partners (
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    org_id    TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    role      TEXT NOT NULL
              CHECK (role IN ('lead', 'co_applicant', 'host', 'user', 'funder', 'subcontractor', 'other')),
    PRIMARY KEY (case_id, position)
);
CREATE INDEX case_partners_org ON case_partners(org_id);
