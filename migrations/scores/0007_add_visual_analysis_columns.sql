-- Output of the visual (page-image) analysis of a score.
ALTER TABLE scores ADD COLUMN visual_analysis TEXT CHECK (visual_analysis IS NULL OR json_valid(visual_analysis));
ALTER TABLE scores ADD COLUMN visual_confidence REAL CHECK (visual_confidence IS NULL OR visual_confidence BETWEEN 0 AND 1);
