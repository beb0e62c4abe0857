-- Workshops (as SQLite's 0012_workshops.sql): each case carries the workshops held on its checklist as a
-- JSON array, written whole with the case.

ALTER TABLE cases ADD COLUMN workshops text NOT NULL DEFAULT '[]'
    CHECK (coopdesk_json_valid(workshops) AND coopdesk_json_is_array(workshops));
