-- Rendering pipeline support: why a version failed, page count, and the indexes the render queue scans.
ALTER TABLE score_versions ADD COLUMN processing_error TEXT;
ALTER TABLE score_versions ADD COLUMN page_count INTEGER CHECK (page_count IS NULL OR page_count >= 0);
ALTER TABLE score_versions ADD COLUMN updated_at TEXT;
UPDATE score_versions SET updated_at = created_at WHERE updated_at IS NULL;

CREATE INDEX idx_score_versions_status ON score_versions (processing_status);
CREATE INDEX idx_score_versions_score_format ON score_versions (score_id, format);
