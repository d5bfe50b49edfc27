-- Scores service: canonical score metadata, versions (formats), curated collections, analytics counters.
-- Enum spellings follow the schema spec (instrument, difficulty and style period are uppercase there).

CREATE TABLE scores (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    composer TEXT,
    opus TEXT,
    instrument TEXT NOT NULL CHECK (instrument IN ('PIANO', 'GUITAR', 'BOTH')),
    difficulty TEXT CHECK (difficulty IS NULL OR difficulty IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    difficulty_level INTEGER CHECK (difficulty_level IS NULL OR difficulty_level BETWEEN 1 AND 10),
    style_period TEXT CHECK (style_period IS NULL OR style_period IN ('BAROQUE', 'CLASSICAL', 'ROMANTIC', 'MODERN', 'CONTEMPORARY')),
    source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('imslp', 'upload', 'generated', 'manual')),
    key_signature TEXT,
    time_signature TEXT,
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_scores_composer ON scores (composer);
CREATE INDEX idx_scores_instrument ON scores (instrument);
CREATE INDEX idx_scores_difficulty ON scores (difficulty);
CREATE INDEX idx_scores_style_period ON scores (style_period);

CREATE TABLE score_versions (
    id TEXT PRIMARY KEY NOT NULL,
    score_id TEXT NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    format TEXT NOT NULL CHECK (format IN ('pdf', 'musicxml', 'vexflow', 'image', 'abc')),
    r2_key TEXT NOT NULL,
    file_size INTEGER CHECK (file_size IS NULL OR file_size >= 0),
    processing_status TEXT NOT NULL DEFAULT 'pending'
        CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_score_versions_score ON score_versions (score_id);

CREATE TABLE collections (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    slug TEXT NOT NULL UNIQUE,
    description TEXT,
    instrument TEXT CHECK (instrument IS NULL OR instrument IN ('PIANO', 'GUITAR', 'BOTH')),
    difficulty TEXT CHECK (difficulty IS NULL OR difficulty IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    score_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(score_ids) AND json_type(score_ids) = 'array'),
    is_featured INTEGER NOT NULL DEFAULT 0 CHECK (is_featured IN (0, 1)),
    display_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE score_analytics (
    score_id TEXT PRIMARY KEY NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    view_count INTEGER NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    download_count INTEGER NOT NULL DEFAULT 0 CHECK (download_count >= 0),
    render_count INTEGER NOT NULL DEFAULT 0 CHECK (render_count >= 0),
    last_viewed_at TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- updated_at follows every change the application did not stamp itself (recursive_triggers is off,
-- so the trigger's own UPDATE does not fire it again).
CREATE TRIGGER scores_touch_updated_at AFTER UPDATE ON scores
WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE scores SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER collections_touch_updated_at AFTER UPDATE ON collections
WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE collections SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
