-- Collections become one model: curated collections are copied into user_collections as platform
-- collections owned by 'system', with their members in collection_members.
ALTER TABLE user_collections ADD COLUMN owner_type TEXT NOT NULL DEFAULT 'user' CHECK (owner_type IN ('user', 'admin', 'teacher'));
ALTER TABLE user_collections ADD COLUMN shared_with TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(shared_with) AND json_type(shared_with) = 'array');
ALTER TABLE user_collections ADD COLUMN featured_at TEXT;
ALTER TABLE user_collections ADD COLUMN featured_by TEXT;
ALTER TABLE collections ADD COLUMN featured_order INTEGER;
ALTER TABLE collections ADD COLUMN created_by TEXT;

UPDATE user_collections SET owner_type = 'admin' WHERE user_id = 'system';

CREATE INDEX idx_user_collections_featured ON user_collections (featured_at) WHERE featured_at IS NOT NULL;

-- Who changed a collection's visibility, from what to what.
CREATE TABLE collection_visibility_log (
    id TEXT PRIMARY KEY NOT NULL,
    collection_id TEXT NOT NULL REFERENCES user_collections (id) ON DELETE CASCADE,
    changed_by TEXT NOT NULL,
    old_visibility TEXT NOT NULL CHECK (old_visibility IN ('private', 'public', 'shared')),
    new_visibility TEXT NOT NULL CHECK (new_visibility IN ('private', 'public', 'shared')),
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_collection_visibility_log_collection ON collection_visibility_log (collection_id, changed_at);

INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type,
                              score_ids, featured_at, created_at, updated_at)
SELECT id, 'system', name, slug, description, 'public', 'platform', 'admin', score_ids,
       CASE WHEN is_featured = 1 THEN created_at END, created_at, updated_at
FROM collections
WHERE NOT EXISTS (SELECT 1 FROM user_collections AS uc WHERE uc.user_id = 'system' AND uc.slug = collections.slug);

-- Members: only ids that exist in scores (the JSON arrays were never checked).
INSERT OR IGNORE INTO collection_members (id, collection_id, score_id, display_order)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
             substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       c.id, j.value, j.key
FROM collections AS c, json_each(c.score_ids) AS j
WHERE j.value IN (SELECT id FROM scores);

-- The copied JSON arrays are rewritten from the members, so unknown ids do not survive in one place only.
UPDATE user_collections
SET score_ids = (SELECT json_group_array(score_id)
                 FROM (SELECT score_id FROM collection_members AS m
                       WHERE m.collection_id = user_collections.id ORDER BY m.display_order, m.score_id))
WHERE id IN (SELECT id FROM collections);
