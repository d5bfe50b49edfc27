-- Duplicate prevention and incremental sync:
--  * idempotency_keys: a replayed push returns its stored response;
--  * sync_data.seq: per-user, strictly increasing change number, taken by every insert, update and
--    soft delete, so "changes since T" (seq > T ORDER BY seq) returns each change exactly once;
--  * device bookkeeping and a checksum index for de-duplication.
ALTER TABLE sync_data ADD COLUMN device_id TEXT;
ALTER TABLE sync_data ADD COLUMN seq INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0);

-- Number existing rows per user in update order, then remember each user's last number.
UPDATE sync_data
SET seq = (SELECT count(*) FROM sync_data AS earlier
           WHERE earlier.user_id = sync_data.user_id
             AND (earlier.updated_at < sync_data.updated_at
                  OR (earlier.updated_at = sync_data.updated_at AND earlier.id <= sync_data.id)));

INSERT INTO sync_metadata (user_id, last_seq)
SELECT user_id, max(seq) FROM sync_data GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET last_seq = excluded.last_seq;

CREATE UNIQUE INDEX idx_sync_data_user_seq ON sync_data (user_id, seq);
CREATE INDEX idx_sync_data_user_type_checksum ON sync_data (user_id, entity_type, checksum);

ALTER TABLE sync_metadata ADD COLUMN last_device_id TEXT;
ALTER TABLE sync_metadata ADD COLUMN sync_conflict_count INTEGER NOT NULL DEFAULT 0 CHECK (sync_conflict_count >= 0);

CREATE TABLE idempotency_keys (
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
    response TEXT NOT NULL CHECK (json_valid(response)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at TEXT NOT NULL,
    PRIMARY KEY (key, user_id)
);

CREATE INDEX idx_idempotency_keys_expires ON idempotency_keys (expires_at);

-- Expired keys go whenever a new key is stored. Every timestamp has the same text format, so text
-- comparison orders correctly (the original compared ISO text with datetime('now') text).
CREATE TRIGGER idempotency_keys_purge_expired AFTER INSERT ON idempotency_keys
BEGIN
    DELETE FROM idempotency_keys WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;

-- One row per pushed change set, for auditing duplicates and conflicts.
CREATE TABLE sync_events (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id TEXT,
    idempotency_key TEXT,
    changes_applied INTEGER NOT NULL DEFAULT 0 CHECK (changes_applied >= 0),
    duplicates_prevented INTEGER NOT NULL DEFAULT 0 CHECK (duplicates_prevented >= 0),
    conflicts INTEGER NOT NULL DEFAULT 0 CHECK (conflicts >= 0),
    from_seq INTEGER NOT NULL CHECK (from_seq >= 0),
    to_seq INTEGER NOT NULL CHECK (to_seq >= from_seq),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_sync_events_user ON sync_events (user_id, created_at);

CREATE VIEW duplicate_detection_stats AS
SELECT user_id,
       count(*) AS pushes,
       sum(changes_applied) AS changes_applied,
       sum(duplicates_prevented) AS duplicates_prevented,
       sum(conflicts) AS conflicts,
       max(created_at) AS last_push_at
FROM sync_events
GROUP BY user_id;
