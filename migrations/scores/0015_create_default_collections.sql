-- Default platform collections by level (empty until an admin fills them).
INSERT OR IGNORE INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, owner_type, is_default)
VALUES
    ('5c0e7d1a-0015-4a00-8000-000000000001', 'system', 'Piano: Intermediate', 'piano-intermediate', 'Intermediate piano repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000002', 'system', 'Piano: Advanced', 'piano-advanced', 'Advanced piano repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000003', 'system', 'Guitar: Intermediate', 'guitar-intermediate', 'Intermediate guitar repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000004', 'system', 'Guitar: Advanced', 'guitar-advanced', 'Advanced guitar repertoire', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000005', 'system', 'Baroque Masters', 'baroque-masters', 'Baroque keyboard and lute music', 'public', 'platform', 'admin', 1),
    ('5c0e7d1a-0015-4a00-8000-000000000006', 'system', 'Etudes', 'etudes', 'Technical studies for both instruments', 'public', 'platform', 'admin', 1);
