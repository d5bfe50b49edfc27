-- Six curated collections (empty until scores are imported). Ids are fixed so later migrations can refer to them.
INSERT INTO collections (id, name, slug, description, instrument, difficulty, is_featured, display_order) VALUES
    ('5c0e7d1a-0001-4a00-8000-000000000001', 'Piano for Beginners', 'piano-beginner', 'First pieces for the piano', 'PIANO', 'BEGINNER', 1, 1),
    ('5c0e7d1a-0001-4a00-8000-000000000002', 'Classical Piano', 'piano-classical', 'Classical-period piano repertoire', 'PIANO', NULL, 1, 2),
    ('5c0e7d1a-0001-4a00-8000-000000000003', 'Romantic Piano', 'piano-romantic', 'Romantic-period piano repertoire', 'PIANO', NULL, 1, 3),
    ('5c0e7d1a-0001-4a00-8000-000000000004', 'Guitar for Beginners', 'guitar-beginner', 'First pieces for the classical guitar', 'GUITAR', 'BEGINNER', 1, 4),
    ('5c0e7d1a-0001-4a00-8000-000000000005', 'Guitar Studies', 'guitar-studies', 'Etudes and studies for the guitar', 'GUITAR', NULL, 0, 5),
    ('5c0e7d1a-0001-4a00-8000-000000000006', 'Sight Reading', 'sight-reading', 'Short pieces for sight-reading practice', 'BOTH', NULL, 0, 6);
