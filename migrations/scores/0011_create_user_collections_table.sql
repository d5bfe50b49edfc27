-- Collections created by users, and the membership table kept in step with their JSON score_ids.
CREATE TABLE user_collections (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL CHECK (length(user_id) > 0),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    slug TEXT NOT NULL CHECK (length(slug) > 0),
    description TEXT,
    visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public', 'shared')),
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    collection_type TEXT NOT NULL DEFAULT 'personal' CHECK (collection_type IN ('personal', 'professional', 'platform')),
    score_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(score_ids) AND json_type(score_ids) = 'array'),
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (user_id, slug)
);

CREATE INDEX idx_user_collections_visibility ON user_collections (visibility);

CREATE TABLE collection_members (
    id TEXT PRIMARY KEY NOT NULL,
    collection_id TEXT NOT NULL REFERENCES user_collections (id) ON DELETE CASCADE,
    score_id TEXT NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    display_order INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (collection_id, score_id)
);

CREATE INDEX idx_collection_members_score ON collection_members (score_id);

CREATE TRIGGER user_collections_touch_updated_at AFTER UPDATE ON user_collections
WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE user_collections SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
