-- Progress history of goals. Goals themselves are sync_data rows of entity_type 'goal' (schema spec);
-- goal_id is that row's entity_id, scoped by user_id.
CREATE TABLE goal_progress (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    goal_id TEXT NOT NULL CHECK (length(goal_id) > 0),
    value REAL NOT NULL CHECK (value = value AND abs(value) < 1e15),
    notes TEXT,
    session_id TEXT,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_goal_progress_goal ON goal_progress (user_id, goal_id);
CREATE INDEX idx_goal_progress_recorded ON goal_progress (recorded_at);
