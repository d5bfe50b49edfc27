-- Search analytics and the aggregate tables that report on it.

CREATE TABLE search_analytics (
    id TEXT PRIMARY KEY NOT NULL,
    term TEXT NOT NULL,
    normalized_term TEXT NOT NULL,
    search_type TEXT NOT NULL DEFAULT 'exact' CHECK (search_type IN ('exact', 'prefix', 'lexical', 'semantic', 'hybrid')),
    result_count INTEGER NOT NULL DEFAULT 0 CHECK (result_count >= 0),
    found INTEGER NOT NULL CHECK (found IN (0, 1)),
    entry_id TEXT,
    response_time_ms REAL NOT NULL CHECK (response_time_ms >= 0),
    searched_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_session_id TEXT,
    user_id TEXT,
    search_source TEXT NOT NULL DEFAULT 'api' CHECK (search_source IN ('web', 'api', 'mobile', 'extension', 'cli')),
    -- Requested languages (comma-separated codes, NULL = all) and the language of the first result.
    search_lang TEXT,
    result_lang TEXT
);
CREATE INDEX idx_search_analytics_normalized ON search_analytics (normalized_term);
CREATE INDEX idx_search_analytics_searched_at ON search_analytics (searched_at);
CREATE INDEX idx_search_analytics_found ON search_analytics (found, searched_at);
CREATE INDEX idx_search_analytics_type ON search_analytics (search_type, searched_at);
CREATE INDEX idx_search_analytics_user ON search_analytics (user_id);

CREATE TABLE daily_statistics (
    date TEXT PRIMARY KEY NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    total_searches INTEGER NOT NULL DEFAULT 0,
    successful_searches INTEGER NOT NULL DEFAULT 0,
    new_entries_created INTEGER NOT NULL DEFAULT 0,
    entries_enhanced INTEGER NOT NULL DEFAULT 0,
    unique_users INTEGER NOT NULL DEFAULT 0,
    api_calls INTEGER NOT NULL DEFAULT 0,
    ai_tokens_used INTEGER NOT NULL DEFAULT 0,
    ai_cost_usd REAL NOT NULL DEFAULT 0,
    avg_response_time_ms REAL,
    cache_hit_rate REAL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE cache_metrics (
    id TEXT PRIMARY KEY NOT NULL,
    cache_key TEXT NOT NULL,
    cache_type TEXT NOT NULL CHECK (cache_type IN ('kv', 'edge', 'd1', 'memory')),
    operation TEXT NOT NULL CHECK (operation IN ('hit', 'miss', 'set', 'delete', 'expire')),
    size_bytes INTEGER,
    ttl_seconds INTEGER,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_cache_metrics_created ON cache_metrics (created_at);

-- Last 30 days per normalized term. Timestamps are all ISO-8601 'Z' text, so the string comparison is correct.
CREATE VIEW popular_searches AS
SELECT normalized_term,
       count(*) AS search_count,
       sum(found) AS found_count,
       avg(response_time_ms) AS avg_response_time,
       max(searched_at) AS last_searched
FROM search_analytics
WHERE searched_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
GROUP BY normalized_term
ORDER BY search_count DESC
LIMIT 100;
