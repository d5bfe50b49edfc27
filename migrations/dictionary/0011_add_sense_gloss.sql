-- The gloss of the sense each vector embeds, copied from the entry's definition when the vector is written, beside
-- its part of speech and frequency (0009): ranking reads it for every semantic candidate, and extracting it from
-- the definition JSON per candidate was 40 % of that read on WordNet. The entry's concise (else detailed) text when
-- the definition has no such sense; NULL only for rows written by tools that bypass dict.
ALTER TABLE term_embeddings ADD COLUMN gloss TEXT;

-- The same expression as SenseAttributes' gloss assignment, for the vectors written before this migration.
UPDATE term_embeddings SET
    gloss = coalesce(json_extract(e.definition, '$.senses[' || term_embeddings.chunk || '].gloss'),
                     json_extract(e.definition, '$.concise'), json_extract(e.definition, '$.detailed'), '')
FROM dictionary_entries e WHERE e.id = term_embeddings.entry_id;
