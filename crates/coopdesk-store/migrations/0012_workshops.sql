-- Workshops: each case carries the workshops held on its checklist (participants, times, the answers
-- before and after, comments, disagreements) as a JSON array, written whole with the case like its
-- answers and actions, so they travel in its file and in bundles.

ALTER TABLE cases ADD COLUMN workshops TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(workshops) AND json_type(workshops) = 'array');
