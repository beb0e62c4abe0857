-- Cooperation Desk team database (PostgreSQL), schema version 11: the schema of SQLite migrations
-- 0001 to 0011 in one baseline, with the grants, triggers and functions that let the server enforce
-- the roles (docs/design/team-mode.md). Runs in the schema `coopdesk`, created by the runner, with
-- the group roles coopdesk_reader, coopdesk_officer and coopdesk_director already present.
-- Released migrations are never edited (a test pins their SHA-256); change the schema with a new file
-- numbered like the SQLite one of the same change.
--
-- Dialect: the same columns as SQLite, in the same order, with SQLite's types mapped: INTEGER → bigint
-- (SQLite integers are 64-bit), TEXT → text, BLOB → bytea, INTEGER PRIMARY KEY → an identity column.
-- JSON stays text, checked by coopdesk_json_valid; COLLATE NOCASE indexes become lower() indexes.

-- json_valid() of SQLite: whether a text parses as JSON (a cast error is caught, not raised).
CREATE FUNCTION coopdesk_json_valid(doc text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    PERFORM doc::json;
    RETURN true;
EXCEPTION WHEN others THEN
    RETURN false;
END $$;

-- json_type(doc) = 'array' of SQLite, for a text already known to be JSON.
CREATE FUNCTION coopdesk_json_is_array(doc text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT json_typeof(doc::json) = 'array' $$;

CREATE TABLE organisations (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    name_zh       text,
    name_zh_hant  text,
    name_pinyin   text,
    aliases       text NOT NULL DEFAULT '[]'
                  CHECK (coopdesk_json_valid(aliases) AND coopdesk_json_is_array(aliases)),
    country       text,
    kind          text,
    parent_id     text REFERENCES organisations(id) ON DELETE SET NULL,
    search_text   text NOT NULL DEFAULT '',
    created_at    text NOT NULL,
    updated_at    text NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_parent ON organisations(parent_id);
CREATE INDEX organisations_name ON organisations(lower(name));

CREATE TABLE facilities (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    name_zh      text,
    country      text NOT NULL,
    city         text,
    kind         text NOT NULL,
    operator     text,
    operator_zh  text,
    notes        text,
    source       text,
    builtin      bigint NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    search_text  text NOT NULL DEFAULT '',
    created_at   text NOT NULL,
    updated_at   text NOT NULL
);
CREATE INDEX facilities_name ON facilities(lower(name));

CREATE TABLE cases (
    id           text PRIMARY KEY,
    title        text NOT NULL,
    summary      text NOT NULL DEFAULT '',
    status       text NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'in_review', 'approved', 'approved_with_conditions', 'declined', 'withdrawn')),
    home         text CHECK (home IS NULL OR coopdesk_json_valid(home)),
    facility_id  text REFERENCES facilities(id) ON DELETE RESTRICT,
    fields       text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(fields)),
    activities   text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(activities)),
    items        text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(items)),
    data         text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(data)),
    people       text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(people)),
    funding      text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(funding)),
    agreements   text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(agreements)),
    answers      text NOT NULL DEFAULT '{}' CHECK (coopdesk_json_valid(answers)),
    start_date   text,
    end_date     text,
    notes        text NOT NULL DEFAULT '',
    extensions   text NOT NULL DEFAULT '{}' CHECK (coopdesk_json_valid(extensions)),
    search_text  text NOT NULL DEFAULT '',
    created_at   text NOT NULL,
    updated_at   text NOT NULL,
    -- 0002
    partner_names text NOT NULL DEFAULT '[]' CHECK (coopdesk_json_valid(partner_names)),
    facility_name text NOT NULL DEFAULT '',
    -- 0003
    template_id      text,
    template_version text,
    overall_level    text CHECK (overall_level IS NULL OR overall_level IN ('low', 'medium', 'high', 'critical')),
    -- 0005
    actions      text NOT NULL DEFAULT '[]'
                 CHECK (coopdesk_json_valid(actions) AND coopdesk_json_is_array(actions)),
    -- 0008
    open_key_questions bigint CHECK (open_key_questions IS NULL OR open_key_questions >= 0)
);
CREATE INDEX cases_updated ON cases(updated_at);
CREATE INDEX cases_status ON cases(status, updated_at);
CREATE INDEX cases_title ON cases(lower(title));

CREATE TABLE case_partners (
    case_id   text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position  bigint NOT NULL,
    org_id    text NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    role      text NOT NULL
              CHECK (role IN ('lead', 'co_applicant', 'host', 'user', 'funder', 'subcontractor', 'other')),
    PRIMARY KEY (case_id, position)
);
CREATE INDEX case_partners_org ON case_partners(org_id);

-- 0003
CREATE TABLE templates (
    id          text NOT NULL,
    version     text NOT NULL,
    title       text NOT NULL,
    source      text NOT NULL,
    builtin     bigint NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    imported_at text NOT NULL,
    PRIMARY KEY (id, version)
);

-- Also holds the schema version here (key `schema_version`); SQLite keeps it in PRAGMA user_version.
CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE level_overrides (
    case_id       text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    topic         text NOT NULL CHECK (topic IN ('reciprocity', 'integrity', 'ip', 'dual_use')),
    level         text NOT NULL CHECK (level IN ('low', 'medium', 'high', 'critical')),
    justification text NOT NULL CHECK (length(trim(justification)) > 0),
    set_by        text NOT NULL CHECK (length(trim(set_by)) > 0),
    set_at        text NOT NULL,
    PRIMARY KEY (case_id, topic)
);

-- 0004, with 0008 (repairs) and 0010 (formats, published)
CREATE TABLE list_snapshots (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    list_name    text NOT NULL CHECK (length(list_name) BETWEEN 1 AND 64),
    format       text NOT NULL CHECK (format IN ('csl', 'ftm', 'csv', 'eu_fsf', 'uk', 'un')),
    file_name    text NOT NULL,
    sha256       text NOT NULL CHECK (length(sha256) = 64),
    imported_at  text NOT NULL,
    entry_count  bigint NOT NULL CHECK (entry_count >= 0),
    skipped      bigint NOT NULL CHECK (skipped >= 0),
    builtin      bigint NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    previous_id  bigint REFERENCES list_snapshots(id),
    added        bigint NOT NULL CHECK (added >= 0),
    removed      bigint NOT NULL CHECK (removed >= 0),
    changed      bigint NOT NULL CHECK (changed >= 0),
    repairs      bigint NOT NULL DEFAULT 0 CHECK (repairs >= 0),
    published    text CHECK (published IS NULL OR published ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    UNIQUE (list_name, sha256)
);
CREATE INDEX list_snapshots_by_list ON list_snapshots(list_name, id);

CREATE TABLE list_entry_bodies (
    hash   text PRIMARY KEY CHECK (length(hash) = 64),
    entry  text NOT NULL CHECK (coopdesk_json_valid(entry))
);

CREATE TABLE list_entries (
    snapshot_id  bigint NOT NULL REFERENCES list_snapshots(id) ON DELETE CASCADE,
    entity_id    text NOT NULL,
    position     bigint NOT NULL,
    entry_hash   text NOT NULL REFERENCES list_entry_bodies(hash),
    PRIMARY KEY (snapshot_id, entity_id)
);

CREATE TABLE hit_reviews (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    org_id       text NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    list_name    text NOT NULL,
    entity_id    text NOT NULL,
    decision     text NOT NULL CHECK (decision IN ('confirmed', 'false_positive')),
    reviewed_by  text NOT NULL CHECK (length(trim(reviewed_by)) > 0),
    reviewed_at  text NOT NULL,
    note         text,
    snapshot_id  bigint NOT NULL REFERENCES list_snapshots(id),
    entry_hash   text NOT NULL CHECK (length(entry_hash) = 64),
    names_hash   text NOT NULL CHECK (length(names_hash) = 64)
);
CREATE INDEX hit_reviews_by_hit ON hit_reviews(org_id, list_name, entity_id, id);

-- 0006
CREATE TABLE case_revisions (
    case_id   text NOT NULL,
    revision  bigint NOT NULL CHECK (revision >= 1),
    at        text NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    status    text NOT NULL,
    digest    text NOT NULL,
    document  text NOT NULL CHECK (coopdesk_json_valid(document)),
    PRIMARY KEY (case_id, revision)
);

CREATE TABLE audit_log (
    seq       bigint PRIMARY KEY,
    at        text NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    subject   text NOT NULL,
    digest    text NOT NULL,
    prev_hash text NOT NULL,
    hash      text NOT NULL
);

CREATE TABLE case_transitions (
    case_id         text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    seq             bigint NOT NULL CHECK (seq >= 1),
    revision        bigint NOT NULL,
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    decided_by      text NOT NULL CHECK (length(trim(decided_by)) > 0),
    role            text,
    comment         text,
    at              text NOT NULL,
    audit_hash      text NOT NULL,
    assessment      text CHECK (assessment IS NULL OR coopdesk_json_valid(assessment)),
    briefing_sha256 text,
    briefing_lang   text,
    briefing        bytea,
    -- 0008
    justification   text,
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_transitions_briefing ON case_transitions(briefing_sha256);

-- 0007
CREATE TABLE received_bundles (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    case_id         text NOT NULL REFERENCES cases(id),
    received_at     text NOT NULL,
    file_name       text NOT NULL,
    file_sha256     text NOT NULL,
    exported_at     text NOT NULL,
    exported_by     text NOT NULL,
    source_case_id  text NOT NULL,
    source_revision bigint,
    how             text NOT NULL CHECK (how IN ('new', 'replace', 'copy')),
    evidence        text NOT NULL CHECK (coopdesk_json_valid(evidence))
);
CREATE INDEX received_bundles_by_case ON received_bundles (case_id, id);

-- 0011
CREATE TABLE list_indexes (
    snapshot_id  bigint PRIMARY KEY REFERENCES list_snapshots(id) ON DELETE CASCADE,
    matcher      text NOT NULL CHECK (length(matcher) = 64),
    built_at     text NOT NULL,
    bytes        bytea NOT NULL
);

------------------------------------------------------------------------------------------------------
-- What the server enforces. Tables belong to the login that ran `team init`; the group roles get
-- only what their work needs. coopdesk_officer is a member of coopdesk_reader and coopdesk_director of
-- coopdesk_officer (granted by the runner), so each role has the rights of the one below.
------------------------------------------------------------------------------------------------------

REVOKE ALL ON ALL TABLES IN SCHEMA coopdesk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA coopdesk FROM PUBLIC;
GRANT USAGE ON SCHEMA coopdesk TO coopdesk_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA coopdesk TO coopdesk_reader;
GRANT EXECUTE ON FUNCTION coopdesk_json_valid(text), coopdesk_json_is_array(text) TO coopdesk_reader;

-- Officers create, edit, assess, screen and import. Revisions and hit reviews are history: insert
-- only. Cases are never deleted by an officer (a decided case must not disappear).
GRANT INSERT, UPDATE, DELETE ON organisations, facilities, case_partners, templates, level_overrides,
    list_snapshots, list_entry_bodies, list_entries, list_indexes TO coopdesk_officer;
GRANT INSERT, UPDATE ON cases TO coopdesk_officer;
GRANT INSERT ON case_revisions, hit_reviews, received_bundles, case_transitions TO coopdesk_officer;
-- The approved briefing is attached to its decision once written.
GRANT UPDATE (briefing_sha256, briefing_lang, briefing) ON case_transitions TO coopdesk_officer;
GRANT INSERT, UPDATE ON settings TO coopdesk_officer;

-- Settings the app writes (e.g. the default template) are the officers'; the schema version and the
-- audit chain's head are not: only the owner and audit functions (running as the owner) change them.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_read ON settings FOR SELECT TO coopdesk_reader USING (true);
CREATE POLICY settings_insert ON settings FOR INSERT TO coopdesk_officer
    WITH CHECK (key NOT IN ('schema_version', 'audit.head'));
CREATE POLICY settings_update ON settings FOR UPDATE TO coopdesk_officer
    USING (key NOT IN ('schema_version', 'audit.head'))
    WITH CHECK (key NOT IN ('schema_version', 'audit.head'));

-- Decisions: moving a case into or out of approved, approved_with_conditions or declined (a decision,
-- or the reopening of a decided case), and the lifecycle step that records it, need coopdesk_director.
-- current_user, not session_user: a director who has SET ROLE coopdesk_officer acts as an officer.
CREATE FUNCTION coopdesk_is_decided(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT status IN ('approved', 'approved_with_conditions', 'declined') $$;
GRANT EXECUTE ON FUNCTION coopdesk_is_decided(text) TO coopdesk_reader;

CREATE FUNCTION coopdesk_guard_case_decision() RETURNS trigger
    LANGUAGE plpgsql SET search_path = coopdesk, pg_temp AS $$
BEGIN
    IF (TG_OP = 'INSERT' AND coopdesk_is_decided(NEW.status))
       OR (TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status
           AND (coopdesk_is_decided(NEW.status) OR coopdesk_is_decided(OLD.status))) THEN
        IF NOT pg_has_role(current_user, 'coopdesk_director', 'MEMBER') THEN
            RAISE EXCEPTION 'only a director (coopdesk_director) can decide case % or reopen it; % is not one',
                NEW.id, current_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_decision_by_director BEFORE INSERT OR UPDATE OF status ON cases
    FOR EACH ROW EXECUTE FUNCTION coopdesk_guard_case_decision();

CREATE FUNCTION coopdesk_guard_transition() RETURNS trigger
    LANGUAGE plpgsql SET search_path = coopdesk, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF (coopdesk_is_decided(NEW.to_status) OR coopdesk_is_decided(NEW.from_status))
           AND NOT pg_has_role(current_user, 'coopdesk_director', 'MEMBER') THEN
            RAISE EXCEPTION 'only a director (coopdesk_director) can record a decision on case % or reopen it; % is not one',
                NEW.case_id, current_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    -- UPDATE: only attaching the approved briefing, once.
    IF (NEW.case_id, NEW.seq, NEW.revision, NEW.from_status, NEW.to_status, NEW.decided_by, NEW.role,
        NEW.comment, NEW.at, NEW.audit_hash, NEW.assessment, NEW.justification)
       IS DISTINCT FROM
       (OLD.case_id, OLD.seq, OLD.revision, OLD.from_status, OLD.to_status, OLD.decided_by, OLD.role,
        OLD.comment, OLD.at, OLD.audit_hash, OLD.assessment, OLD.justification) THEN
        RAISE EXCEPTION 'a recorded lifecycle step is not changed (case %, step %)', OLD.case_id, OLD.seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.briefing_sha256 IS NOT NULL
       AND (NEW.briefing_sha256, NEW.briefing_lang, NEW.briefing)
           IS DISTINCT FROM (OLD.briefing_sha256, OLD.briefing_lang, OLD.briefing) THEN
        RAISE EXCEPTION 'the approved briefing of case % is kept as written', OLD.case_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER case_transitions_guard BEFORE INSERT OR UPDATE ON case_transitions
    FOR EACH ROW EXECUTE FUNCTION coopdesk_guard_transition();

-- The audit log is append-only for every role, the owner included: no grant but SELECT, and triggers
-- that refuse UPDATE, DELETE and TRUNCATE whoever asks. Entries are added only by coopdesk_audit_append,
-- which runs as the owner, takes the actor from the login (session_user), and computes the hash chain
-- exactly as coopdesk_core::audit::entry_hash does, so `audit verify` checks it like SQLite's.
CREATE FUNCTION coopdesk_audit_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION coopdesk_audit_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION coopdesk_audit_refuse();

-- One field of entry_hash's text: its length in bytes, a colon, the field, a newline.
CREATE FUNCTION coopdesk_audit_field(f text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT octet_length(convert_to(f, 'UTF8')) || ':' || f || E'\n' $$;

CREATE FUNCTION coopdesk_audit_append(p_at text, p_action text, p_subject text, p_digest text)
    RETURNS TABLE (seq bigint, actor text, prev_hash text, hash text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = coopdesk, pg_temp AS $$
DECLARE
    v_seq  bigint;
    v_prev text;
    v_hash text;
    v_actor text := session_user;
BEGIN
    -- One appender at a time, so two transactions never take the same sequence number.
    LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;
    SELECT a.seq + 1, a.hash INTO v_seq, v_prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    IF v_seq IS NULL THEN
        v_seq := 1;
        v_prev := repeat('0', 64);
    END IF;
    v_hash := encode(sha256(convert_to(
        coopdesk_audit_field(v_seq::text) || coopdesk_audit_field(p_at) || coopdesk_audit_field(v_actor)
        || coopdesk_audit_field(p_action) || coopdesk_audit_field(p_subject)
        || coopdesk_audit_field(p_digest) || coopdesk_audit_field(v_prev), 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor, action, subject, digest, prev_hash, hash)
        VALUES (v_seq, p_at, v_actor, p_action, p_subject, p_digest, v_prev, v_hash);
    INSERT INTO settings (key, value) VALUES ('audit.head', v_seq || ' ' || v_hash)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    RETURN QUERY SELECT v_seq, v_actor, v_prev, v_hash;
END $$;
REVOKE ALL ON FUNCTION coopdesk_audit_append(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION coopdesk_audit_append(text, text, text, text) TO coopdesk_officer;
