-- Provisional assessments and the justification of a decision taken on one.
--
-- An unanswered key question no longer counts as risk: it makes the assessment provisional. The case
-- list and the dashboard show that beside the cached overall level, so the number of open key
-- questions is cached with it. NULL means the case was assessed before this rule (or never): on
-- opening, the app re-assesses every case that has a level but no count, so an upgraded database
-- shows current levels and marks.
ALTER TABLE cases ADD COLUMN open_key_questions INTEGER CHECK (open_key_questions IS NULL OR open_key_questions >= 0);

-- A decision on a provisional assessment needs a written justification; it is kept with the step
-- (and covered by the step's audit entry).
ALTER TABLE case_transitions ADD COLUMN justification TEXT;
