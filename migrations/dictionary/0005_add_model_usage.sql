-- One row per model call (remote generation or local embedding), with tokens, cost and latency.

CREATE TABLE ai_model_usage (
    id TEXT PRIMARY KEY NOT NULL,
    model_name TEXT NOT NULL,
    model_provider TEXT NOT NULL CHECK (model_provider IN ('cloudflare', 'openai', 'anthropic', 'google', 'local', 'other')),
    operation_type TEXT NOT NULL CHECK (operation_type IN ('generation', 'validation', 'enhancement', 'embedding')),
    prompt_tokens INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
    total_tokens INTEGER NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
    cost_usd REAL NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    latency_ms REAL NOT NULL DEFAULT 0 CHECK (latency_ms >= 0),
    success INTEGER NOT NULL CHECK (success IN (0, 1)),
    error_message TEXT,
    entry_id TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_ai_model_usage_created ON ai_model_usage (created_at);
CREATE INDEX idx_ai_model_usage_model ON ai_model_usage (model_name, created_at);

CREATE VIEW ai_cost_summary AS
SELECT substr(created_at, 1, 10) AS date,
       model_provider,
       model_name,
       operation_type,
       count(*) AS request_count,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS total_cost,
       avg(latency_ms) AS avg_latency,
       100.0 * sum(success) / count(*) AS success_rate
FROM ai_model_usage
GROUP BY 1, 2, 3, 4;
