-- Which embedding model semantic search uses in this data directory (docs/search.md, "The semantic model"):
-- search embeds the query with this model and searches only its vectors, so two models' vectors are never mixed in
-- one index. One row at most. Written by `dict embed --model NAME` when every entry has that model's vectors; a
-- directory without a row uses the only model that has vectors (all-MiniLM-L6-v2 when none has).
CREATE TABLE semantic_model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
    dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
    chosen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
