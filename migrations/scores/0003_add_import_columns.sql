-- Columns filled by the importers (IMSLP, uploads, AI extraction).
ALTER TABLE scores ADD COLUMN created_by TEXT;
ALTER TABLE scores ADD COLUMN subtitle TEXT;
ALTER TABLE scores ADD COLUMN year INTEGER CHECK (year IS NULL OR year BETWEEN 1000 AND 2100);
ALTER TABLE scores ADD COLUMN description TEXT;
ALTER TABLE scores ADD COLUMN file_name TEXT;
ALTER TABLE scores ADD COLUMN source_url TEXT;
ALTER TABLE scores ADD COLUMN imported_at TEXT;
ALTER TABLE scores ADD COLUMN ai_metadata TEXT CHECK (ai_metadata IS NULL OR json_valid(ai_metadata));

CREATE INDEX idx_scores_created_by ON scores (created_by);
CREATE INDEX idx_scores_imported_at ON scores (imported_at);

-- Every score has exactly one analytics row, so counters can be bumped with a plain upsert.
INSERT INTO score_analytics (score_id)
SELECT id FROM scores WHERE id NOT IN (SELECT score_id FROM score_analytics);
