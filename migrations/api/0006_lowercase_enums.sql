-- Enum values inside synced JSON are lowercase from now on. The table enums above were created
-- lowercase, so only stored rows need folding (see 0007); this file adds the index the fold and the
-- per-type reads use, ordered by update time ("Performance: updated_at for sync" in the schema spec).
CREATE INDEX idx_sync_data_user_type_updated ON sync_data (user_id, entity_type, updated_at);
