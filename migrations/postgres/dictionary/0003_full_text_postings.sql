-- BM25 needs, for every document matching a query, each query word's column-weighted frequency there (term 10,
-- synonyms 4, definition 1 per position, as SQLite's FTS5 weights its columns) and the document's length (its
-- positions). Reading them out of each matching tsvector cost 300-400 ms for a description matching 7,000 WordNet
-- entries; a posting per (lexeme, document) carrying both, read along its key, costs about 20 ms.
-- PostgreSQL-only (FTS5 keeps its own). Both tables are written by the entries' full-text triggers below.

-- A tsvector's length: its positions (a lexeme stored without positions counts once).
CREATE FUNCTION dict_tsvector_length(document tsvector) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (SELECT coalesce(sum(coalesce(cardinality(u.positions), 1)), 0)::integer FROM unnest(document) AS u);

-- A lexeme's column-weighted frequency from its positions' weights (A term 10, B synonyms 4, else 1). One
-- expression of built-ins, so the planner inlines it (a subquery per lexeme cost 7 s of a WordNet import).
CREATE FUNCTION dict_lexeme_frequency(weights text[]) RETURNS real
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (cardinality(weights) + 9 * cardinality(array_positions(weights, 'A'))
            + 3 * cardinality(array_positions(weights, 'B')))::real;

ALTER TABLE dictionary_fts ADD COLUMN length integer;
UPDATE dictionary_fts SET length = dict_tsvector_length(document);
ALTER TABLE dictionary_fts ALTER COLUMN length SET NOT NULL;
ALTER TABLE dictionary_fts ADD CONSTRAINT dictionary_fts_length_check CHECK (length >= 0);

-- One row per lexeme of each document; the key leads with the lexeme (COLLATE "C": a prefix is a key range) and
-- carries the frequency and the document's length, so a query reads postings without visiting the table. No foreign
-- key: its check per posting cost 15 s of a WordNet import (2.4 million postings); the triggers below keep the
-- postings exactly those of the stored documents (a test compares them with a recomputation).
CREATE TABLE dictionary_fts_postings (
    lexeme text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    frequency real NOT NULL CHECK (frequency >= 0),
    length integer NOT NULL CHECK (length >= 0),
    PRIMARY KEY (lexeme, seq) INCLUDE (frequency, length)
);
CREATE INDEX idx_dictionary_fts_postings_seq ON dictionary_fts_postings (seq);

INSERT INTO dictionary_fts_postings (lexeme, seq, frequency, length)
SELECT u.lexeme, f.seq, dict_lexeme_frequency(u.weights), f.length FROM dictionary_fts AS f, unnest(f.document) AS u;

-- The entries' full-text triggers write the documents, their lengths and their postings (replacing the old ones).
CREATE OR REPLACE FUNCTION dictionary_fts_insert_rows() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    -- New entries have new seqs: no document or posting of theirs exists yet.
    INSERT INTO dictionary_fts (seq, document, length)
    SELECT d.seq, d.document, dict_tsvector_length(d.document)
    FROM dictionary_fts_documents(ARRAY(SELECT i.seq FROM inserted_entries AS i)) AS d
    ON CONFLICT (seq) DO UPDATE SET document = EXCLUDED.document, length = EXCLUDED.length;
    INSERT INTO dictionary_fts_postings (lexeme, seq, frequency, length)
    SELECT u.lexeme, f.seq, dict_lexeme_frequency(u.weights), f.length
    FROM dictionary_fts AS f JOIN inserted_entries AS i ON i.seq = f.seq, unnest(f.document) AS u;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION dictionary_fts_update_row() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    DELETE FROM dictionary_fts_postings WHERE seq = NEW.seq;
    INSERT INTO dictionary_fts (seq, document, length)
    SELECT d.seq, d.document, dict_tsvector_length(d.document) FROM dictionary_fts_documents(ARRAY[NEW.seq]) AS d
    ON CONFLICT (seq) DO UPDATE SET document = EXCLUDED.document, length = EXCLUDED.length;
    INSERT INTO dictionary_fts_postings (lexeme, seq, frequency, length)
    SELECT u.lexeme, f.seq, dict_lexeme_frequency(u.weights), f.length FROM dictionary_fts AS f, unnest(f.document) AS u
    WHERE f.seq = NEW.seq;
    RETURN NULL;
END;
$$;

-- A document deleted (with its entry, by the cascade) takes its postings along.
CREATE FUNCTION dictionary_fts_delete_postings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    DELETE FROM dictionary_fts_postings AS p USING deleted_documents AS d WHERE p.seq = d.seq;
    RETURN NULL;
END;
$$;

CREATE TRIGGER dictionary_fts_delete AFTER DELETE ON dictionary_fts
    REFERENCING OLD TABLE AS deleted_documents
    FOR EACH STATEMENT EXECUTE FUNCTION dictionary_fts_delete_postings();
