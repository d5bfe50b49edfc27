-- Export bookkeeping and the enhancement queue (entries to improve: low score, user feedback, ...).

CREATE TABLE export_history (
    id TEXT PRIMARY KEY NOT NULL,
    export_type TEXT NOT NULL CHECK (export_type IN ('full', 'filtered', 'custom')),
    format TEXT NOT NULL CHECK (format IN ('json', 'csv', 'sqlite')),
    filters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters)),
    total_entries INTEGER NOT NULL CHECK (total_entries >= 0),
    file_size_bytes INTEGER,
    storage_url TEXT,
    requested_by TEXT,
    download_count INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_export_history_created ON export_history (created_at);

CREATE TABLE enhancement_queue (
    id TEXT PRIMARY KEY NOT NULL,
    entry_id TEXT NOT NULL REFERENCES dictionary_entries (id) ON DELETE CASCADE,
    priority INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    reason TEXT NOT NULL CHECK (reason IN ('low_score', 'high_usage', 'user_request', 'user_feedback', 'scheduled', 'new_entry')),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at TEXT,
    completed_at TEXT,
    error_message TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_enhancement_queue_status ON enhancement_queue (status, priority DESC, created_at);
-- One open enhancement request per entry.
CREATE UNIQUE INDEX idx_enhancement_queue_open ON enhancement_queue (entry_id) WHERE status IN ('pending', 'processing');
