-- Schema version 2: a denormalised partner summary (a JSON array of display names) on each case, so the case list renders 10 000 rows
-- without joining the registries per row.

ALTER TABLE cases ADD COLUMN partner_names TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partner_names));
ALTER TABLE cases ADD COLUMN facility_name TEXT NOT NULL DEFAULT '';

UPDATE cases SET
    partner_names = COALESCE((
        SELECT json_group_array(o.name)
        FROM (SELECT cp.org_id FROM case_partners cp WHERE cp.case_id = cases.id ORDER BY cp.position) AS p
        JOIN organisations o ON o.id = p.org_id
    ), '[]'),
    facility_name = COALESCE((SELECT f.name FROM facilities f WHERE f.id = cases.facility_id), '');
