-- Schema version 2: a denormalised partner summary on each case, so the case list renders 10 000 rows
-- without joining the registries per row.

ALTER TABLE cases ADD COLUMN partner_names TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN facility_name TEXT NOT NULL DEFAULT '';

UPDATE cases SET
    partner_names = COALESCE((
        SELECT group_concat(o.name, '; ')
        FROM (SELECT cp.org_id FROM case_partners cp WHERE cp.case_id = cases.id ORDER BY cp.position) AS p
        JOIN organisations o ON o.id = p.org_id
    ), ''),
    facility_name = COALESCE((SELECT f.name FROM facilities f WHERE f.id = cases.facility_id), '');
