-- PostgreSQL baseline of the scores service: the schema and seed rows of migrations/scores/0001–0018 after its last
-- file, built directly. The runner applies it inside one transaction after `SET LOCAL search_path TO <service>,
-- public`, so nothing here names a schema. Where PostgreSQL differs from SQLite and why: migrations/postgres/README.md.
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

CREATE TABLE scores (
    id text PRIMARY KEY NOT NULL,
    title text NOT NULL CHECK (length(btrim(title, ' ')) > 0),
    composer text,
    opus text,
    instrument text NOT NULL CHECK (instrument IN ('PIANO', 'GUITAR', 'BOTH')),
    difficulty text CHECK (difficulty IS NULL OR difficulty IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    difficulty_level bigint CHECK (difficulty_level IS NULL OR difficulty_level BETWEEN 1 AND 10),
    style_period text CHECK (style_period IS NULL OR style_period IN ('BAROQUE', 'CLASSICAL', 'ROMANTIC', 'MODERN', 'CONTEMPORARY')),
    source text NOT NULL DEFAULT 'manual' CHECK (source IN ('imslp', 'upload', 'generated', 'manual')),
    key_signature text,
    time_signature text,
    tags jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(tags) = 'array'),
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0002
    slug text,
    pdf_url text,
    -- 0003
    created_by text,
    subtitle text,
    year bigint CHECK (year IS NULL OR year BETWEEN 1000 AND 2100),
    description text,
    file_name text,
    source_url text,
    imported_at text,
    ai_metadata jsonb CHECK (ai_metadata IS NULL OR jsonb_typeof(ai_metadata) IS NOT NULL),
    -- 0006
    duration_seconds bigint CHECK (duration_seconds IS NULL OR duration_seconds > 0),
    grade_level text,
    -- 0007
    visual_analysis jsonb CHECK (visual_analysis IS NULL OR jsonb_typeof(visual_analysis) IS NOT NULL),
    visual_confidence double precision CHECK (visual_confidence IS NULL OR visual_confidence BETWEEN 0 AND 1),
    -- 0009
    user_id text,
    visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public', 'unlisted')),
    source_type text CHECK (source_type IS NULL OR source_type IN ('pdf', 'image', 'multi-image')),
    page_count bigint CHECK (page_count IS NULL OR page_count >= 0),
    -- 0018: the deduplication key (composer + title + opus, ScoreNormalizer), unique where set.
    normalized_id text CHECK (normalized_id IS NULL OR length(normalized_id) > 0)
);

CREATE INDEX idx_scores_composer ON scores (composer);
CREATE INDEX idx_scores_instrument ON scores (instrument);
CREATE INDEX idx_scores_difficulty ON scores (difficulty);
CREATE INDEX idx_scores_style_period ON scores (style_period);
CREATE UNIQUE INDEX idx_scores_slug ON scores (slug);
CREATE INDEX idx_scores_created_by ON scores (created_by);
CREATE INDEX idx_scores_imported_at ON scores (imported_at);
CREATE INDEX idx_scores_grade_level ON scores (grade_level);
CREATE INDEX idx_scores_user_id ON scores (user_id);
CREATE INDEX idx_scores_visibility ON scores (visibility);
CREATE UNIQUE INDEX idx_scores_normalized_id ON scores (normalized_id) WHERE normalized_id IS NOT NULL;

CREATE TRIGGER scores_touch_updated_at BEFORE UPDATE ON scores
    FOR EACH ROW WHEN (NEW.updated_at = OLD.updated_at) EXECUTE FUNCTION dict_touch_updated_at();

CREATE TABLE score_versions (
    id text PRIMARY KEY NOT NULL,
    score_id text NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    format text NOT NULL CHECK (format IN ('pdf', 'musicxml', 'vexflow', 'image', 'abc')),
    r2_key text NOT NULL,
    file_size bigint CHECK (file_size IS NULL OR file_size >= 0),
    processing_status text NOT NULL DEFAULT 'pending'
        CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed')),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0004
    processing_error text,
    page_count bigint CHECK (page_count IS NULL OR page_count >= 0),
    updated_at text
);

CREATE INDEX idx_score_versions_score ON score_versions (score_id);
CREATE INDEX idx_score_versions_status ON score_versions (processing_status);
CREATE INDEX idx_score_versions_score_format ON score_versions (score_id, format);

CREATE TABLE collections (
    id text PRIMARY KEY NOT NULL,
    name text NOT NULL CHECK (length(btrim(name, ' ')) > 0),
    slug text NOT NULL UNIQUE,
    description text,
    instrument text CHECK (instrument IS NULL OR instrument IN ('PIANO', 'GUITAR', 'BOTH')),
    difficulty text CHECK (difficulty IS NULL OR difficulty IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    score_ids jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(score_ids) = 'array'),
    is_featured bigint NOT NULL DEFAULT 0 CHECK (is_featured IN (0, 1)),
    display_order bigint NOT NULL DEFAULT 0,
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0014
    featured_order bigint,
    created_by text
);

CREATE TRIGGER collections_touch_updated_at BEFORE UPDATE ON collections
    FOR EACH ROW WHEN (NEW.updated_at = OLD.updated_at) EXECUTE FUNCTION dict_touch_updated_at();

-- Every score has exactly one analytics row, so counters can be bumped with a plain upsert.
CREATE TABLE score_analytics (
    score_id text PRIMARY KEY NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    view_count bigint NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    download_count bigint NOT NULL DEFAULT 0 CHECK (download_count >= 0),
    render_count bigint NOT NULL DEFAULT 0 CHECK (render_count >= 0),
    last_viewed_at text,
    updated_at text NOT NULL DEFAULT dict_now_iso()
);

-- One row per rendered page of a score (images of PDF pages or uploaded photos).
CREATE TABLE score_pages (
    id text PRIMARY KEY NOT NULL,
    score_id text NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    page_number bigint NOT NULL CHECK (page_number >= 1),
    image_url text,
    thumbnail_url text,
    r2_key text,
    width bigint CHECK (width IS NULL OR width > 0),
    height bigint CHECK (height IS NULL OR height > 0),
    file_size bigint CHECK (file_size IS NULL OR file_size >= 0),
    mime_type text CHECK (mime_type IS NULL OR mime_type IN ('image/png', 'image/jpeg', 'image/jpg')),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    UNIQUE (score_id, page_number)
);

-- Collections created by users, and platform collections (owner 'system', collection_type 'platform').
CREATE TABLE user_collections (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL CHECK (length(user_id) > 0),
    name text NOT NULL CHECK (length(btrim(name, ' ')) > 0),
    slug text NOT NULL CHECK (length(slug) > 0),
    description text,
    visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public', 'shared')),
    is_default bigint NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    collection_type text NOT NULL DEFAULT 'personal' CHECK (collection_type IN ('personal', 'professional', 'platform')),
    score_ids jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(score_ids) = 'array'),
    tags jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(tags) = 'array'),
    created_at text NOT NULL DEFAULT dict_now_iso(),
    updated_at text NOT NULL DEFAULT dict_now_iso(),
    -- 0014
    owner_type text NOT NULL DEFAULT 'user' CHECK (owner_type IN ('user', 'admin', 'teacher')),
    shared_with jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(shared_with) = 'array'),
    featured_at text,
    featured_by text,
    UNIQUE (user_id, slug)
);

CREATE INDEX idx_user_collections_visibility ON user_collections (visibility);
CREATE INDEX idx_user_collections_featured ON user_collections (featured_at) WHERE featured_at IS NOT NULL;

CREATE TRIGGER user_collections_touch_updated_at BEFORE UPDATE ON user_collections
    FOR EACH ROW WHEN (NEW.updated_at = OLD.updated_at) EXECUTE FUNCTION dict_touch_updated_at();

-- Members are the source of truth; the service rewrites user_collections.score_ids from them.
CREATE TABLE collection_members (
    id text PRIMARY KEY NOT NULL,
    collection_id text NOT NULL REFERENCES user_collections (id) ON DELETE CASCADE,
    score_id text NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    display_order bigint NOT NULL DEFAULT 0,
    added_at text NOT NULL DEFAULT dict_now_iso(),
    UNIQUE (collection_id, score_id)
);

CREATE INDEX idx_collection_members_score ON collection_members (score_id);

-- Who changed a collection's visibility, from what to what.
CREATE TABLE collection_visibility_log (
    id text PRIMARY KEY NOT NULL,
    collection_id text NOT NULL REFERENCES user_collections (id) ON DELETE CASCADE,
    changed_by text NOT NULL,
    old_visibility text NOT NULL CHECK (old_visibility IN ('private', 'public', 'shared')),
    new_visibility text NOT NULL CHECK (new_visibility IN ('private', 'public', 'shared')),
    changed_at text NOT NULL DEFAULT dict_now_iso()
);

CREATE INDEX idx_collection_visibility_log_collection ON collection_visibility_log (collection_id, changed_at);

-- A user's favourite scores.
CREATE TABLE user_score_favorites (
    id text PRIMARY KEY NOT NULL,
    user_id text NOT NULL CHECK (length(user_id) > 0),
    score_id text NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    created_at text NOT NULL DEFAULT dict_now_iso(),
    UNIQUE (user_id, score_id)
);

CREATE INDEX idx_user_score_favorites_score ON user_score_favorites (score_id);

-- Canonical composer spellings (alias → canonical name), read by the application's normalized-id rule. Aliases
-- are lowercase: SQLite's CHECK uses its lower(), which folds ASCII letters only, so the same check here folds
-- A–Z only (PostgreSQL's lower() would also refuse non-ASCII capitals, which SQLite accepts).
CREATE TABLE composer_aliases (
    alias text PRIMARY KEY NOT NULL
        CHECK (alias = translate(alias, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AND length(alias) > 0),
    canonical text NOT NULL CHECK (length(btrim(canonical, ' ')) > 0)
);

-- Seed rows, as the SQLite migrations leave them on an empty database.

-- 0005: six curated collections (ids fixed so later steps can refer to them).
INSERT INTO collections (id, name, slug, description, instrument, difficulty, is_featured, display_order) VALUES
    ('5c0e7d1a-0001-4a00-8000-000000000001', 'Piano for Beginners', 'piano-beginner', 'First pieces for the piano', 'PIANO', 'BEGINNER', 1, 1),
    ('5c0e7d1a-0001-4a00-8000-000000000002', 'Classical Piano', 'piano-classical', 'Classical-period piano repertoire', 'PIANO', NULL, 1, 2),
    ('5c0e7d1a-0001-4a00-8000-000000000003', 'Romantic Piano', 'piano-romantic', 'Romantic-period piano repertoire', 'PIANO', NULL, 1, 3),
    ('5c0e7d1a-0001-4a00-8000-000000000004', 'Guitar for Beginners', 'guitar-beginner', 'First pieces for the classical guitar', 'GUITAR', 'BEGINNER', 1, 4),
    ('5c0e7d1a-0001-4a00-8000-000000000005', 'Guitar Studies', 'guitar-studies', 'Etudes and studies for the guitar', 'GUITAR', NULL, 0, 5),
    ('5c0e7d1a-0001-4a00-8000-000000000006', 'Sight Reading', 'sight-reading', 'Short pieces for sight-reading practice', 'BOTH', NULL, 0, 6);

-- 0012 (owner_type from 0014): the platform's "general" collection, owner 'system', empty on a new database.
INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type, score_ids)
VALUES ('5c0e7d1a-0012-4a00-8000-000000000001', 'system', 'General Collection', 'general',
        'Every score in the public catalogue', 'public', 'platform', 'admin', '[]'::jsonb);

-- 0014: the curated collections copied as platform collections (featured ones featured since their creation).
INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type,
                              score_ids, featured_at, created_at, updated_at)
SELECT id, 'system', name, slug, description, 'public', 'platform', 'admin', score_ids,
       CASE WHEN is_featured = 1 THEN created_at END, created_at, updated_at
FROM collections
ORDER BY display_order;

-- 0015: default platform collections by level (empty until an admin fills them).
INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type, is_default)
VALUES
    ('5c0e7d1a-0015-4a00-8000-000000000001', 'system', 'Piano: Intermediate', 'piano-intermediate', 'Intermediate piano repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000002', 'system', 'Piano: Advanced', 'piano-advanced', 'Advanced piano repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000003', 'system', 'Guitar: Intermediate', 'guitar-intermediate', 'Intermediate guitar repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000004', 'system', 'Guitar: Advanced', 'guitar-advanced', 'Advanced guitar repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000005', 'system', 'Baroque Masters', 'baroque-masters', 'Baroque keyboard and lute music', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000006', 'system', 'Etudes', 'etudes', 'Technical studies for both instruments', 'public', 'platform', 'admin', 1);

-- 0017: canonical composer spellings.
INSERT INTO composer_aliases (alias, canonical) VALUES
    ('bach', 'Johann Sebastian Bach'),
    ('j s bach', 'Johann Sebastian Bach'),
    ('js bach', 'Johann Sebastian Bach'),
    ('johann sebastian bach', 'Johann Sebastian Bach'),
    ('barrios', 'Agustín Barrios Mangoré'),
    ('agustin barrios', 'Agustín Barrios Mangoré'),
    ('agustín barrios', 'Agustín Barrios Mangoré'),
    ('agustin barrios mangore', 'Agustín Barrios Mangoré'),
    ('agustín barrios mangoré', 'Agustín Barrios Mangoré'),
    ('hanon', 'Charles-Louis Hanon'),
    ('c l hanon', 'Charles-Louis Hanon'),
    ('charles-louis hanon', 'Charles-Louis Hanon'),
    ('czerny', 'Carl Czerny'),
    ('carl czerny', 'Carl Czerny'),
    ('aguado', 'Dionisio Aguado'),
    ('dionisio aguado', 'Dionisio Aguado'),
    ('sor', 'Fernando Sor'),
    ('fernando sor', 'Fernando Sor'),
    ('mozart', 'Wolfgang Amadeus Mozart'),
    ('w a mozart', 'Wolfgang Amadeus Mozart'),
    ('wolfgang amadeus mozart', 'Wolfgang Amadeus Mozart'),
    ('beethoven', 'Ludwig van Beethoven'),
    ('l van beethoven', 'Ludwig van Beethoven'),
    ('ludwig van beethoven', 'Ludwig van Beethoven'),
    ('chopin', 'Frédéric Chopin'),
    ('frederic chopin', 'Frédéric Chopin'),
    ('frédéric chopin', 'Frédéric Chopin'),
    ('tarrega', 'Francisco Tárrega'),
    ('tárrega', 'Francisco Tárrega'),
    ('francisco tarrega', 'Francisco Tárrega'),
    ('francisco tárrega', 'Francisco Tárrega');
