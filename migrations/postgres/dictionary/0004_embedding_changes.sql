-- The change sequence search replicas follow (issue 17): one row per (entry, model) whose vectors, or whose
-- attributes the vector index filters on (language, type, overall score), a committed transaction changed. A replica
-- loads a snapshot with the sequence's position read in the same transaction, then polls `seq > position` on its
-- own server (a standby replays this table like any other) and re-reads those entries' vectors.
--
-- Sequence numbers follow commit order: every writer takes one transaction-level advisory lock before it takes its
-- numbers and keeps it until commit, so a transaction with a lower number can never commit after a reader has
-- seen a higher one (with plain identity values it could, and a replica would skip its change for good). The lock
-- serializes transactions that write vectors; each holds it only from its first vector write to its commit.
--
-- PostgreSQL-only: a SQLite index follows other processes' writes by term_embeddings' AUTOINCREMENT row ids.

CREATE TABLE embedding_changes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id text NOT NULL,
    model text NOT NULL,
    changed_at text NOT NULL DEFAULT dict_now_iso()
);
CREATE INDEX idx_embedding_changes_model_seq ON embedding_changes (model, seq);

-- The advisory-lock key (the bytes of "dict.vec"), then the changed (entry, model) pairs of the statement. The
-- functions keep the migration's search_path, so a writer whose own path lacks the schema (psql) still records.
CREATE FUNCTION dict_record_embedding_changes() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7235423626994279779);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO embedding_changes (entry_id, model) SELECT DISTINCT entry_id, model FROM new_rows ORDER BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO embedding_changes (entry_id, model) SELECT DISTINCT entry_id, model FROM old_rows ORDER BY 1, 2;
    ELSE
        INSERT INTO embedding_changes (entry_id, model)
        SELECT entry_id, model FROM new_rows UNION SELECT entry_id, model FROM old_rows ORDER BY 1, 2;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER embedding_changes_insert AFTER INSERT ON term_embeddings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dict_record_embedding_changes();
CREATE TRIGGER embedding_changes_update AFTER UPDATE ON term_embeddings
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dict_record_embedding_changes();
CREATE TRIGGER embedding_changes_delete AFTER DELETE ON term_embeddings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dict_record_embedding_changes();

-- An entry's filter attributes changed: every model with vectors of the entry records it.
CREATE FUNCTION dict_record_entry_attribute_changes() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    AS $$
BEGIN
    IF (NEW.lang, NEW.type, NEW.overall_score) IS DISTINCT FROM (OLD.lang, OLD.type, OLD.overall_score)
       AND EXISTS (SELECT 1 FROM term_embeddings WHERE entry_id = NEW.id) THEN
        PERFORM pg_advisory_xact_lock(7235423626994279779);
        INSERT INTO embedding_changes (entry_id, model)
        SELECT DISTINCT NEW.id, model FROM term_embeddings WHERE entry_id = NEW.id ORDER BY 2;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER embedding_changes_entry_attributes AFTER UPDATE OF lang, type, overall_score ON dictionary_entries
    FOR EACH ROW EXECUTE FUNCTION dict_record_entry_attribute_changes();
