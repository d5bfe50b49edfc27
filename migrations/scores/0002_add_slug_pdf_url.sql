-- URL slug per score (backfilled with the id so it is never NULL for old rows) and a direct PDF URL.
ALTER TABLE scores ADD COLUMN slug TEXT;
ALTER TABLE scores ADD COLUMN pdf_url TEXT;
UPDATE scores SET slug = id WHERE slug IS NULL;
CREATE UNIQUE INDEX idx_scores_slug ON scores (slug);
