-- A user's repertoire (pieces from the scores service, referenced by id across databases, so no FK)
-- and their annotations on score pages.
CREATE TABLE user_repertoire (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score_id TEXT NOT NULL CHECK (length(score_id) > 0),
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'learning', 'working', 'polished', 'performance_ready')),
    difficulty_rating INTEGER CHECK (difficulty_rating IS NULL OR difficulty_rating BETWEEN 1 AND 5),
    personal_notes TEXT,
    reference_links TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reference_links) AND json_type(reference_links) = 'array'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (user_id, score_id)
);

CREATE INDEX idx_user_repertoire_status ON user_repertoire (user_id, status);

CREATE TABLE score_annotations (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score_id TEXT NOT NULL CHECK (length(score_id) > 0),
    page_number INTEGER NOT NULL CHECK (page_number >= 1),
    annotation_type TEXT NOT NULL CHECK (annotation_type IN ('highlight', 'text', 'drawing', 'measure_bracket')),
    annotation_data TEXT NOT NULL CHECK (json_valid(annotation_data) AND json_type(annotation_data) = 'object'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_score_annotations_user_score ON score_annotations (user_id, score_id);
CREATE INDEX idx_score_annotations_score_page ON score_annotations (score_id, page_number);
