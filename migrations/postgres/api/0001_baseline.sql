-- PostgreSQL baseline of the API service: the schema of migrations/api/0001–0010 after its last file, built
-- directly. The runner applies it inside one transaction after `SET LOCAL search_path TO <service>, public`, so
-- nothing here names a schema. Where PostgreSQL differs from SQLite and why: migrations/postgres/README.md.
--
-- JSON columns are jsonb. SQLite's `json_valid(col) AND json_type(col) = 'object'` becomes
-- `jsonb_typeof(col) = 'object'`; a bare `json_valid(col)` becomes `jsonb_typeof(col) IS NOT NULL`, true for every
-- jsonb value (the type itself refuses invalid JSON), kept so each SQLite CHECK has its counterpart.

-- SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now'): ISO-8601 UTC with milliseconds (truncated) and Z.
-- VOLATILE: the clock moves.
CREATE FUNCTION dict_now_iso() RETURNS text
    LANGUAGE sql VOLATILE PARALLEL SAFE
    RETURN to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- updated_at follows every change the application did not stamp itself. SQLite does it with an AFTER UPDATE trigger
-- `WHEN NEW.updated_at = OLD.updated_at` that updates the row again; here a BEFORE UPDATE trigger with the same WHEN
-- stamps the row being written.
CREATE FUNCTION dict_touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    NEW.updated_at := dict_now_iso();
    RETURN NEW;
END;
$$;

CREATE TABLE users (
    id text PRIMARY KEY NOT NULL,
    -- Stored lowercased by the application; the lower(email) index below also refuses case variants.
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND strpos(email, '@') > 1),
    display_name text,
    auth_provider text NOT NULL DEFAULT 'magic_link' CHECK (auth_provider IN ('magic_link', 'google')),
    google_id text CHECK (google_id IS NULL OR length(google_id) > 0),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0002
    primary_instrument text CHECK (primary_instrument IS NULL OR primary_instrument IN ('piano', 'guitar', 'both')),
    has_cloud_storage bigint NOT NULL DEFAULT 1 CHECK (has_cloud_storage IN (0, 1)),
    -- 0003
    last_login_at text,
    login_count bigint NOT NULL DEFAULT 0 CHECK (login_count >= 0),
    -- 0005
    role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'teacher', 'admin'))
);

-- SQLite: UNIQUE (email COLLATE NOCASE).
CREATE UNIQUE INDEX idx_users_email ON users (lower(email));
CREATE UNIQUE INDEX idx_users_google_id ON users (google_id) WHERE google_id IS NOT NULL;
CREATE INDEX idx_users_role ON users (role) WHERE role <> 'user';

CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON users
    FOR EACH ROW WHEN (NEW.updated_at = OLD.updated_at) EXECUTE FUNCTION dict_touch_updated_at();

-- The universal sync table. seq: per-user, strictly increasing change number taken by every insert, update and
-- soft delete, so "changes since T" (seq > T ORDER BY seq) returns each change exactly once.
CREATE TABLE sync_data (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entity_type text NOT NULL CHECK (entity_type IN (
        'logbook_entry', 'goal', 'user_preferences', 'practice_plan', 'plan_occurrence', 'plan_template')),
    entity_id text NOT NULL CHECK (length(entity_id) > 0),
    data jsonb NOT NULL CHECK (jsonb_typeof(data) IS NOT NULL),
    checksum text NOT NULL CHECK (length(checksum) = 64),
    version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at text,
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0008_duplicate_prevention
    device_id text,
    seq bigint NOT NULL DEFAULT 0 CHECK (seq >= 0),
    UNIQUE (user_id, entity_type, entity_id)
);

CREATE INDEX idx_sync_data_user_type ON sync_data (user_id, entity_type);
CREATE INDEX idx_sync_data_user_type_updated ON sync_data (user_id, entity_type, updated_at);
CREATE UNIQUE INDEX idx_sync_data_user_seq ON sync_data (user_id, seq);
CREATE INDEX idx_sync_data_user_type_checksum ON sync_data (user_id, entity_type, checksum);

-- Per-user sync state, with the last sequence number handed out to the user.
CREATE TABLE sync_metadata (
    user_id text PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_sync_token text,
    last_sync_time text,
    device_count bigint NOT NULL DEFAULT 1 CHECK (device_count >= 0),
    last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0008_duplicate_prevention
    last_device_id text,
    sync_conflict_count bigint NOT NULL DEFAULT 0 CHECK (sync_conflict_count >= 0)
);

-- A replayed push returns its stored response.
CREATE TABLE idempotency_keys (
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_hash text NOT NULL CHECK (length(request_hash) = 64),
    response jsonb NOT NULL CHECK (jsonb_typeof(response) IS NOT NULL),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    expires_at text NOT NULL,
    PRIMARY KEY (key, user_id)
);

CREATE INDEX idx_idempotency_keys_expires ON idempotency_keys (expires_at);

-- Expired keys go whenever a new key is stored. Every timestamp has the same text format, so text comparison
-- orders correctly.
CREATE FUNCTION idempotency_keys_purge_expired() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    DELETE FROM idempotency_keys WHERE expires_at <= dict_now_iso();
    RETURN NULL;
END;
$$;

CREATE TRIGGER idempotency_keys_purge_expired AFTER INSERT ON idempotency_keys
    FOR EACH ROW EXECUTE FUNCTION idempotency_keys_purge_expired();

-- One row per pushed change set, for auditing duplicates and conflicts.
CREATE TABLE sync_events (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id text,
    idempotency_key text,
    changes_applied bigint NOT NULL DEFAULT 0 CHECK (changes_applied >= 0),
    duplicates_prevented bigint NOT NULL DEFAULT 0 CHECK (duplicates_prevented >= 0),
    conflicts bigint NOT NULL DEFAULT 0 CHECK (conflicts >= 0),
    from_seq bigint NOT NULL CHECK (from_seq >= 0),
    to_seq bigint NOT NULL CHECK (to_seq >= from_seq),
    created_at text NOT NULL DEFAULT dict_now_iso()
);

CREATE INDEX idx_sync_events_user ON sync_events (user_id, created_at);

-- Sums are cast to the integer type SQLite returns (PostgreSQL's sum(bigint) is numeric).
CREATE VIEW duplicate_detection_stats AS
SELECT user_id,
       count(*) AS pushes,
       sum(changes_applied)::bigint AS changes_applied,
       sum(duplicates_prevented)::bigint AS duplicates_prevented,
       sum(conflicts)::bigint AS conflicts,
       max(created_at) AS last_push_at
FROM sync_events
GROUP BY user_id;

-- A user's repertoire (pieces of the scores service, referenced across databases, so no FK).
CREATE TABLE user_repertoire (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score_id text NOT NULL CHECK (length(score_id) > 0),
    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'learning', 'polished', 'dropped')),
    difficulty_rating bigint CHECK (difficulty_rating IS NULL OR difficulty_rating BETWEEN 1 AND 5),
    personal_notes text,
    reference_links jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(reference_links) = 'array'),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    UNIQUE (user_id, score_id)
);

CREATE INDEX idx_user_repertoire_status ON user_repertoire (user_id, status);

-- A user's annotations on score pages.
CREATE TABLE score_annotations (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score_id text NOT NULL CHECK (length(score_id) > 0),
    page_number bigint NOT NULL CHECK (page_number >= 1),
    annotation_type text NOT NULL CHECK (annotation_type IN ('highlight', 'text', 'drawing', 'measure_bracket')),
    annotation_data jsonb NOT NULL CHECK (jsonb_typeof(annotation_data) = 'object'),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso()
);

CREATE INDEX idx_score_annotations_user_score ON score_annotations (user_id, score_id);
CREATE INDEX idx_score_annotations_score_page ON score_annotations (score_id, page_number);

-- Progress history of goals (goal_id: the entity_id of the user's 'goal' sync_data row, no FK).
CREATE TABLE goal_progress (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    goal_id text NOT NULL CHECK (length(goal_id) > 0),
    -- A finite number. SQLite's `value = value` refuses NaN there; PostgreSQL orders NaN equal to itself (and above
    -- every number), so NaN is refused by name, and ±Infinity by abs() as in SQLite.
    value double precision NOT NULL CHECK (value <> 'NaN'::double precision AND abs(value) < 1e15),
    notes text,
    session_id text,
    recorded_at text NOT NULL DEFAULT dict_now_iso()
);

CREATE INDEX idx_goal_progress_goal ON goal_progress (user_id, goal_id);
CREATE INDEX idx_goal_progress_recorded ON goal_progress (recorded_at);
