-- Action plan: each case carries its actions (conditions of approval and follow-ups with owner, due
-- date and status) as a JSON array, written whole with the case like its answers. The case list counts
-- a case's overdue actions from it with SQLite's JSON functions.

ALTER TABLE cases ADD COLUMN actions TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(actions) AND json_type(actions) = 'array');
