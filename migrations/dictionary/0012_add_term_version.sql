-- A counter bumped by every change to the entries' folded terms (an insert, a delete, an update of folded_term), so
-- a search service's in-memory copy of the term trigrams (typo matching) learns from one row read whether it is
-- still current, and falls back to the trigram index of 0009 until it has been rebuilt.
CREATE TABLE dictionary_term_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO dictionary_term_version (id, version) VALUES (1, 0);

CREATE TRIGGER dictionary_term_version_insert AFTER INSERT ON dictionary_entries BEGIN
    UPDATE dictionary_term_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER dictionary_term_version_delete AFTER DELETE ON dictionary_entries BEGIN
    UPDATE dictionary_term_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER dictionary_term_version_update AFTER UPDATE OF folded_term ON dictionary_entries BEGIN
    UPDATE dictionary_term_version SET version = version + 1 WHERE id = 1;
END;
