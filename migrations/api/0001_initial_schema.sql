-- API service: users, the universal sync table and per-user sync state.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- Stored lowercased by the application; the NOCASE index below also refuses ASCII case variants.
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND instr(email, '@') > 1),
    display_name TEXT,
    auth_provider TEXT NOT NULL DEFAULT 'magic_link' CHECK (auth_provider IN ('magic_link', 'google')),
    google_id TEXT CHECK (google_id IS NULL OR length(google_id) > 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE UNIQUE INDEX idx_users_email ON users (email COLLATE NOCASE);
CREATE UNIQUE INDEX idx_users_google_id ON users (google_id) WHERE google_id IS NOT NULL;

CREATE TABLE sync_data (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entity_type TEXT NOT NULL CHECK (entity_type IN (
        'logbook_entry', 'goal', 'user_preferences', 'practice_plan', 'plan_occurrence', 'plan_template')),
    entity_id TEXT NOT NULL CHECK (length(entity_id) > 0),
    data TEXT NOT NULL CHECK (json_valid(data)),
    checksum TEXT NOT NULL CHECK (length(checksum) = 64),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (user_id, entity_type, entity_id)
);

CREATE INDEX idx_sync_data_user_type ON sync_data (user_id, entity_type);

CREATE TABLE sync_metadata (
    user_id TEXT PRIMARY KEY NOT NULL,
    last_sync_token TEXT,
    last_sync_time TEXT,
    device_count INTEGER NOT NULL DEFAULT 1 CHECK (device_count >= 0)
);

CREATE TRIGGER users_touch_updated_at AFTER UPDATE ON users
WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
