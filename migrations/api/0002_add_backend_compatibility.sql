-- Profile fields the older GraphQL backend kept on the user. The original also created legacy tables
-- (user_preferences, logbook_entries, goals, ...) that duplicate sync_data; the schema spec stores those
-- entities only in sync_data, so they are not created here.
ALTER TABLE users ADD COLUMN primary_instrument TEXT CHECK (primary_instrument IS NULL OR primary_instrument IN ('piano', 'guitar', 'both'));
ALTER TABLE users ADD COLUMN has_cloud_storage INTEGER NOT NULL DEFAULT 1 CHECK (has_cloud_storage IN (0, 1));
