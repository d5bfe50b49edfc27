-- One row per rendered page of a score (images of PDF pages or uploaded photos).
CREATE TABLE score_pages (
    id TEXT PRIMARY KEY NOT NULL,
    score_id TEXT NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    page_number INTEGER NOT NULL CHECK (page_number >= 1),
    image_url TEXT,
    thumbnail_url TEXT,
    r2_key TEXT,
    width INTEGER CHECK (width IS NULL OR width > 0),
    height INTEGER CHECK (height IS NULL OR height > 0),
    file_size INTEGER CHECK (file_size IS NULL OR file_size >= 0),
    mime_type TEXT CHECK (mime_type IS NULL OR mime_type IN ('image/png', 'image/jpeg', 'image/jpg')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (score_id, page_number)
);
