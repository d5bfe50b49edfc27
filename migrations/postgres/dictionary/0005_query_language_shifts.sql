-- How a query in another language differs from the same query in English (SQLite's 0013_add_query_language_shifts;
-- docs/search.md, "Language shift"): written by `dict embed`, read with the vector index.
CREATE TABLE query_language_shifts (
    model text NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    lang text NOT NULL CHECK (lang IN ('es', 'fr', 'de', 'zh-CN', 'zh-TW')),
    dimension bigint NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
    pair_count bigint NOT NULL CHECK (pair_count >= 1),
    shift bytea NOT NULL CHECK (octet_length(shift) = 4 * dimension),
    computed_at text NOT NULL DEFAULT dict_now_iso(),
    PRIMARY KEY (model, lang)
);
