-- A user's favourite scores (the original's later 0019, brought into the spec's 18 files; the original
-- 0016 lowercased the score enums, which the schema spec keeps uppercase).
CREATE TABLE user_score_favorites (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL CHECK (length(user_id) > 0),
    score_id TEXT NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (user_id, score_id)
);

CREATE INDEX idx_user_score_favorites_score ON user_score_favorites (score_id);
