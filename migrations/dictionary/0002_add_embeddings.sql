-- Embedding vectors: little-endian float32 BLOBs of exactly 4 x dimension bytes, no header.
-- An entry may own one vector per sense (chunk 0, 1, ...) for each model.

CREATE TABLE term_embeddings (
    -- Internal row id (the vector index's row order); entries are addressed by entry_id. AUTOINCREMENT keeps ids
    -- growing, so a process can pick up other processes' new or rewritten vectors from a high-water mark.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL REFERENCES dictionary_entries (id) ON DELETE CASCADE,
    model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 65536),
    chunk INTEGER NOT NULL DEFAULT 0 CHECK (chunk >= 0),
    embedding BLOB NOT NULL CHECK (typeof(embedding) = 'blob' AND length(embedding) = 4 * dimension),
    -- SHA-256 of the text that was embedded: a changed definition makes the vector stale.
    source_hash TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (entry_id, model, chunk)
);
CREATE INDEX idx_term_embeddings_model ON term_embeddings (model, id);
