-- The deduplication key (composer + title + opus, see ScoreNormalizer in the ScoresService module).
-- Unique where set, so the database itself refuses a second copy of the same work; rows from before
-- this migration keep NULL until the application backfills them.
ALTER TABLE scores ADD COLUMN normalized_id TEXT CHECK (normalized_id IS NULL OR length(normalized_id) > 0);
CREATE UNIQUE INDEX idx_scores_normalized_id ON scores (normalized_id) WHERE normalized_id IS NOT NULL;
