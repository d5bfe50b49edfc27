-- Ranking data for search over a real-size dictionary (docs/search.md, "How a description is ranked"):
-- word frequencies (the prior that lifts everyday words), the part of speech of each sense vector (the query's
-- guessed part of speech favours it), and a trigram index over the folded term keys (substring and typo matching
-- without scanning every term).

-- Reference word frequencies on the Zipf scale (log10 of occurrences per billion words; 7 ≈ "the", 3 ≈ "crescendo"),
-- one row per language and lowercase word. Filled by `dict import frequencies` from the wordfreq lists.
CREATE TABLE word_frequencies (
    lang TEXT NOT NULL CHECK (lang IN ('en', 'es', 'fr', 'de', 'zh-CN', 'zh-TW')),
    word TEXT NOT NULL CHECK (length(word) BETWEEN 1 AND 200),
    zipf REAL NOT NULL CHECK (zipf BETWEEN 0 AND 10),
    PRIMARY KEY (lang, word)
) WITHOUT ROWID;

-- What the sense a vector embeds is, copied from the entry's definition when the vector is written (chunk n embeds
-- sense n), so the search index loads them without parsing JSON: its part of speech and its tagged-corpus
-- frequency (WordNet's SemCor count). NULL when the definition has no such sense or value.
ALTER TABLE term_embeddings ADD COLUMN part_of_speech TEXT
    CHECK (part_of_speech IS NULL OR part_of_speech IN ('noun', 'verb', 'adjective', 'adverb'));
ALTER TABLE term_embeddings ADD COLUMN sense_frequency INTEGER
    CHECK (sense_frequency IS NULL OR sense_frequency >= 0);

-- The same statement as SenseAttributes.fillSQL, for the vectors written before this migration.
UPDATE term_embeddings SET
    part_of_speech = CASE json_extract(e.definition, '$.senses[' || term_embeddings.chunk || '].pos')
        WHEN 'noun' THEN 'noun' WHEN 'verb' THEN 'verb' WHEN 'adjective' THEN 'adjective' WHEN 'adverb' THEN 'adverb' END,
    sense_frequency = CASE WHEN json_type(e.definition, '$.senses[' || term_embeddings.chunk || '].frequency') = 'integer'
        THEN max(0, json_extract(e.definition, '$.senses[' || term_embeddings.chunk || '].frequency')) END
FROM dictionary_entries e WHERE e.id = term_embeddings.entry_id;

-- Trigrams of the accent-folded term key (an external-content FTS5 index: no second copy of the text). Serves the
-- "contains" tier of lexical search and the candidates of typo matching; queries need at least three characters.
CREATE VIRTUAL TABLE dictionary_term_trigrams USING fts5(
    folded_term,
    content = 'dictionary_entries',
    content_rowid = 'seq',
    tokenize = 'trigram'
);
INSERT INTO dictionary_term_trigrams (dictionary_term_trigrams) VALUES ('rebuild');

CREATE TRIGGER dictionary_term_trigrams_insert AFTER INSERT ON dictionary_entries BEGIN
    INSERT INTO dictionary_term_trigrams (rowid, folded_term) VALUES (new.seq, new.folded_term);
END;

CREATE TRIGGER dictionary_term_trigrams_delete AFTER DELETE ON dictionary_entries BEGIN
    INSERT INTO dictionary_term_trigrams (dictionary_term_trigrams, rowid, folded_term) VALUES ('delete', old.seq, old.folded_term);
END;

CREATE TRIGGER dictionary_term_trigrams_update AFTER UPDATE OF folded_term ON dictionary_entries BEGIN
    INSERT INTO dictionary_term_trigrams (dictionary_term_trigrams, rowid, folded_term) VALUES ('delete', old.seq, old.folded_term);
    INSERT INTO dictionary_term_trigrams (rowid, folded_term) VALUES (new.seq, new.folded_term);
END;

