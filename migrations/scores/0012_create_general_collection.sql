-- The platform's "general" collection (owner 'system') holding every public score.
INSERT INTO user_collections (id, user_id, name, slug, description, visibility, collection_type, score_ids)
VALUES ('5c0e7d1a-0012-4a00-8000-000000000001', 'system', 'General Collection', 'general',
        'Every score in the public catalogue', 'public', 'platform',
        (SELECT json_group_array(id) FROM (SELECT id FROM scores WHERE visibility = 'public' ORDER BY created_at, id)));

INSERT INTO collection_members (id, collection_id, score_id, display_order)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
             substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       '5c0e7d1a-0012-4a00-8000-000000000001', value, key
FROM json_each((SELECT score_ids FROM user_collections WHERE id = '5c0e7d1a-0012-4a00-8000-000000000001'));
