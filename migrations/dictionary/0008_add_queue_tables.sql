-- Work queues: the seed queue (terms to generate), the embedding queue (entries whose vectors are missing or
-- stale), manual review, dead letters and the recovery history. Claims are leased: a worker that dies leaves
-- items whose lease expires and which return to 'pending'.

CREATE TABLE seed_queue (
    id TEXT PRIMARY KEY NOT NULL,
    term TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 200),
    normalized_term TEXT NOT NULL,
    -- JSON array of language codes still to generate, and of those already done (partial progress).
    languages TEXT NOT NULL CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    completed_languages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(completed_languages)),
    -- Sorted, comma-joined requested languages: the idempotency key together with normalized_term.
    languages_key TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at TEXT,
    completed_at TEXT,
    error_message TEXT,
    error_type TEXT,
    category TEXT,
    source TEXT NOT NULL DEFAULT 'manual',
    related_terms TEXT CHECK (related_terms IS NULL OR json_valid(related_terms)),
    retry_after TEXT,
    lease_owner TEXT,
    lease_expires_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_seed_queue_claim ON seed_queue (status, priority DESC, created_at);
CREATE INDEX idx_seed_queue_retry ON seed_queue (status, retry_after);
CREATE INDEX idx_seed_queue_lease ON seed_queue (status, lease_expires_at);
CREATE UNIQUE INDEX idx_seed_queue_open_item ON seed_queue (normalized_term, languages_key)
    WHERE status IN ('pending', 'processing');

CREATE TABLE embedding_queue (
    id TEXT PRIMARY KEY NOT NULL,
    entry_id TEXT NOT NULL REFERENCES dictionary_entries (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT 'missing' CHECK (reason IN ('missing', 'stale')),
    priority INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at TEXT,
    completed_at TEXT,
    error_message TEXT,
    error_type TEXT,
    retry_after TEXT,
    lease_owner TEXT,
    lease_expires_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_embedding_queue_claim ON embedding_queue (status, priority DESC, created_at);
CREATE UNIQUE INDEX idx_embedding_queue_open_item ON embedding_queue (entry_id, model)
    WHERE status IN ('pending', 'processing');

CREATE TABLE manual_review_queue (
    id TEXT PRIMARY KEY NOT NULL,
    term TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es', 'fr', 'de', 'zh-CN', 'zh-TW')),
    seed_item_id TEXT,
    generated_content TEXT NOT NULL CHECK (json_valid(generated_content)),
    quality_score REAL NOT NULL CHECK (quality_score BETWEEN 0 AND 100),
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'reviewing', 'approved', 'rejected')),
    reviewer_notes TEXT,
    reviewed_at TEXT,
    reviewed_by TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_manual_review_status ON manual_review_queue (status, created_at);
CREATE INDEX idx_manual_review_term ON manual_review_queue (term);

CREATE TABLE dead_letter_queue (
    id TEXT PRIMARY KEY NOT NULL,
    original_id TEXT NOT NULL UNIQUE,
    queue_name TEXT NOT NULL DEFAULT 'seed' CHECK (queue_name IN ('seed', 'embedding')),
    term TEXT,
    languages TEXT CHECK (languages IS NULL OR json_valid(languages)),
    -- The whole original queue row as JSON, so a retry restores it exactly.
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    priority INTEGER NOT NULL DEFAULT 5,
    failure_reason TEXT NOT NULL,
    error_type TEXT,
    failure_analysis TEXT CHECK (failure_analysis IS NULL OR json_valid(failure_analysis)),
    attempts INTEGER NOT NULL DEFAULT 0,
    original_created_at TEXT NOT NULL,
    moved_to_dlq_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_dead_letter_moved ON dead_letter_queue (moved_to_dlq_at);

CREATE TABLE recovery_history (
    id TEXT PRIMARY KEY NOT NULL,
    recovery_run_id TEXT,
    queue_name TEXT NOT NULL DEFAULT 'seed' CHECK (queue_name IN ('seed', 'embedding')),
    item_id TEXT NOT NULL,
    term TEXT,
    action TEXT NOT NULL CHECK (action IN ('retry_scheduled', 'moved_to_dlq', 'recovered')),
    error_type TEXT,
    details TEXT CHECK (details IS NULL OR json_valid(details)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_recovery_history_created ON recovery_history (created_at, action);
CREATE INDEX idx_recovery_history_item ON recovery_history (item_id);
