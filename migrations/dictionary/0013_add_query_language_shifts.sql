-- How a query in another language differs from the same query in English, per embedding model whose languages sit
-- apart in one space (multilingual-e5-small; docs/search.md, "Language shift"): `dict embed` embeds the concise
-- definitions of translated entries (`metadata.translation_of`) and of their English originals as queries, and
-- stores the mean difference per language; search subtracts it from a query stated (or, for Chinese, seen) to be in
-- that language. English is the reference and has no row. Replaced whole by each run that changes the dictionary.
CREATE TABLE query_language_shifts (
    model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    lang TEXT NOT NULL CHECK (lang IN ('es', 'fr', 'de', 'zh-CN', 'zh-TW')),
    dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
    pair_count INTEGER NOT NULL CHECK (pair_count >= 1),
    shift BLOB NOT NULL CHECK (length(shift) = 4 * dimension),
    computed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (model, lang)
);
