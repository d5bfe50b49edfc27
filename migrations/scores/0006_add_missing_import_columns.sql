-- Import fields the listing filters use (duration, grade), missing from the first import migration.
ALTER TABLE scores ADD COLUMN duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds > 0);
ALTER TABLE scores ADD COLUMN grade_level TEXT;
CREATE INDEX idx_scores_grade_level ON scores (grade_level);
