-- dict:foreign-keys-off
-- sync_metadata rebuilt: tied to its user (cascade), with the last sequence number handed out to the user,
-- so "changes since token T" has a per-user counter to read (see 0008_duplicate_prevention).
CREATE TABLE sync_metadata_new (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_sync_token TEXT,
    last_sync_time TEXT,
    device_count INTEGER NOT NULL DEFAULT 1 CHECK (device_count >= 0),
    last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Rows for users that no longer exist are dropped rather than carried over as orphans.
INSERT INTO sync_metadata_new (user_id, last_sync_token, last_sync_time, device_count)
SELECT user_id, last_sync_token, last_sync_time, device_count
FROM sync_metadata
WHERE user_id IN (SELECT id FROM users);

DROP TABLE sync_metadata;
ALTER TABLE sync_metadata_new RENAME TO sync_metadata;
