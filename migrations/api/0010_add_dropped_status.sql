-- dict:foreign-keys-off
-- Repertoire statuses become planned / learning / polished / dropped: 'working' folds into 'learning',
-- 'performance_ready' into 'polished'. SQLite cannot alter a CHECK, so the table is rebuilt.
CREATE TABLE user_repertoire_new (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score_id TEXT NOT NULL CHECK (length(score_id) > 0),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'learning', 'polished', 'dropped')),
    difficulty_rating INTEGER CHECK (difficulty_rating IS NULL OR difficulty_rating BETWEEN 1 AND 5),
    personal_notes TEXT,
    reference_links TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reference_links) AND json_type(reference_links) = 'array'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (user_id, score_id)
);

INSERT INTO user_repertoire_new (id, user_id, score_id, status, difficulty_rating, personal_notes,
                                 reference_links, created_at, updated_at)
SELECT id, user_id, score_id,
       CASE status WHEN 'working' THEN 'learning' WHEN 'performance_ready' THEN 'polished' ELSE status END,
       difficulty_rating, personal_notes, reference_links, created_at, updated_at
FROM user_repertoire;

DROP TABLE user_repertoire;
ALTER TABLE user_repertoire_new RENAME TO user_repertoire;
CREATE INDEX idx_user_repertoire_status ON user_repertoire (user_id, status);
