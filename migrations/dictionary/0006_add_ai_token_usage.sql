-- Daily token ledger per model. One row per (UTC date, model), updated with INSERT ... ON CONFLICT DO UPDATE.
-- tokens_reserved holds estimates of work in flight, so concurrent workers cannot overshoot a budget.

CREATE TABLE ai_token_usage (
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    model TEXT NOT NULL,
    tokens_used INTEGER NOT NULL DEFAULT 0 CHECK (tokens_used >= 0),
    tokens_reserved INTEGER NOT NULL DEFAULT 0 CHECK (tokens_reserved >= 0),
    terms_processed INTEGER NOT NULL DEFAULT 0 CHECK (terms_processed >= 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (date, model)
);

-- Open reservations: settled (deleted) when the work reports its real count; expired ones are released.
CREATE TABLE ai_token_reservations (
    id TEXT PRIMARY KEY NOT NULL,
    date TEXT NOT NULL,
    model TEXT NOT NULL,
    tokens INTEGER NOT NULL CHECK (tokens > 0),
    holder TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at TEXT NOT NULL,
    FOREIGN KEY (date, model) REFERENCES ai_token_usage (date, model)
);
CREATE INDEX idx_ai_token_reservations_expiry ON ai_token_reservations (expires_at);
