-- Full-text index over term, synonyms and definition text (FTS5, BM25), kept in step by triggers.
-- rowid = dictionary_entries.seq. unicode61 with remove_diacritics 2 lets "fur elise" match "für".

CREATE VIRTUAL TABLE dictionary_fts USING fts5(
    term,
    synonyms,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER dictionary_fts_insert AFTER INSERT ON dictionary_entries BEGIN
    INSERT INTO dictionary_fts (rowid, term, synonyms, body) VALUES (
        new.seq,
        new.term,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(new.metadata, '$.synonyms') WHERE type = 'text'), ''),
        trim(coalesce(json_extract(new.definition, '$.concise'), '') || ' ' ||
             coalesce(json_extract(new.definition, '$.detailed'), '') || ' ' ||
             coalesce((SELECT group_concat(json_extract(value, '$.gloss'), ' ') FROM json_each(new.definition, '$.senses')), ''))
    );
END;

CREATE TRIGGER dictionary_fts_delete AFTER DELETE ON dictionary_entries BEGIN
    DELETE FROM dictionary_fts WHERE rowid = old.seq;
END;

CREATE TRIGGER dictionary_fts_update AFTER UPDATE OF term, metadata, definition ON dictionary_entries BEGIN
    DELETE FROM dictionary_fts WHERE rowid = old.seq;
    INSERT INTO dictionary_fts (rowid, term, synonyms, body) VALUES (
        new.seq,
        new.term,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(new.metadata, '$.synonyms') WHERE type = 'text'), ''),
        trim(coalesce(json_extract(new.definition, '$.concise'), '') || ' ' ||
             coalesce(json_extract(new.definition, '$.detailed'), '') || ' ' ||
             coalesce((SELECT group_concat(json_extract(value, '$.gloss'), ' ') FROM json_each(new.definition, '$.senses')), ''))
    );
END;
