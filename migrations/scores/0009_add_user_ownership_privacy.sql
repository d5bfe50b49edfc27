-- Scores uploaded by users: owner, visibility, how the score was uploaded and its page count.
ALTER TABLE scores ADD COLUMN user_id TEXT;
ALTER TABLE scores ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private'
    CHECK (visibility IN ('private', 'public', 'unlisted'));
ALTER TABLE scores ADD COLUMN source_type TEXT CHECK (source_type IS NULL OR source_type IN ('pdf', 'image', 'multi-image'));
ALTER TABLE scores ADD COLUMN page_count INTEGER CHECK (page_count IS NULL OR page_count >= 0);

-- Scores without an owner are the platform's catalogue: public.
UPDATE scores SET visibility = 'public' WHERE user_id IS NULL;

CREATE INDEX idx_scores_user_id ON scores (user_id);
CREATE INDEX idx_scores_visibility ON scores (visibility);
