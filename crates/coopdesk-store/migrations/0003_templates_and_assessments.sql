-- Schema version 3: checklist templates, the template version each case is assessed with, level
-- overrides with their justification, and each case's latest overall level for the case list.

CREATE TABLE templates (
    id          TEXT NOT NULL,
    version     TEXT NOT NULL,
    title       TEXT NOT NULL,
    -- The template's TOML text, kept so that a case pinned to an old version still shows its questions.
    source      TEXT NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    imported_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

-- Small key/value settings of the database (e.g. the template new cases are assessed with).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The template a case is assessed with is pinned on its first assessment and only changes when a
-- person moves the case to another version. overall_level is a cache of the latest assessment.
ALTER TABLE cases ADD COLUMN template_id TEXT;
ALTER TABLE cases ADD COLUMN template_version TEXT;
ALTER TABLE cases ADD COLUMN overall_level TEXT
    CHECK (overall_level IS NULL OR overall_level IN ('low', 'medium', 'high', 'critical'));

CREATE TABLE level_overrides (
    case_id       TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    topic         TEXT NOT NULL CHECK (topic IN ('reciprocity', 'integrity', 'ip', 'dual_use')),
    level         TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high', 'critical')),
    justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
    set_by        TEXT NOT NULL CHECK (length(trim(set_by)) > 0),
    set_at        TEXT NOT NULL,
    PRIMARY KEY (case_id, topic)
);
