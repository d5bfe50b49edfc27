package import DictStore
package import DictionaryCore
package import Foundation
import GRDB

/// The token ledger: daily totals per (UTC date, model) in `ai_token_usage`, one `ai_model_usage` row per model
/// call, and budget enforcement by reservation. `reserve` checks `used + reserved + request ≤ limit` and books the
/// reservation in one `BEGIN IMMEDIATE` transaction, so concurrent workers (threads or processes) can never
/// overshoot as long as each reservation covers its call's worst case (callers reserve prompt + `max_tokens`, see
/// `DefinitionGenerator.tokenCeiling`); `settle` swaps the reservation for the real count.
///
/// A reservation never settled (its worker was killed, or hung past `ttl`) may still have been spent: the call can
/// have finished a moment before the crash. So it is never simply released: it is **booked as used at its full
/// size** (the loss is bounded by that worst case, and counted in `AbandonedReservations`), and a late `settle`
/// corrects the day's total to the real count. This happens when its lifetime ends, or at once when its holder is a
/// `host:pid` on this host whose process no longer exists, so a killed worker does not hold the budget until expiry.
package struct TokenLedger: Sendable {
    /// The dictionary database.
    package let database: StoreDatabase
    /// Daily limits.
    package let budget: TokenBudget
    /// Prices for `ai_model_usage.cost_usd`.
    package let prices: TokenPriceTable
    /// The source of "now" (UTC day boundaries, reservation expiry).
    package let clock: any WallClock

    /// Creates a value from its parts.
    package init(
        database: StoreDatabase, budget: TokenBudget = TokenBudget(), prices: TokenPriceTable = TokenPriceTable(),
        clock: any WallClock = SystemWallClock()
    ) {
        self.database = database
        self.budget = budget
        self.prices = prices
        self.clock = clock
    }

    /// Sets aside `tokens` of `model`'s budget for today until settled or until `ttl` seconds pass; throws
    /// `TokenLedgerError.budgetExceeded` when that would pass the model's limit.
    package func reserve(model: String, tokens: Int, holder: String? = nil, ttl: TimeInterval = 600) throws -> TokenReservation {
        guard tokens > 0 else { throw TokenLedgerError.invalidTokenCount(tokens) }
        guard ttl.isFinite, ttl > 0 else { throw TokenLedgerError.invalidTTL(ttl) }
        return try database.write { db in
            let now = clock.now()
            try bookAbandoned(db, now: now)
            let date = Timestamp.day(now)
            let row = try Row.fetchOne(
                db, sql: "SELECT tokens_used, tokens_reserved FROM ai_token_usage WHERE date = ? AND model = ?",
                arguments: [date, model]
            )
            let used: Int = row?["tokens_used"] ?? 0
            let reserved: Int = row?["tokens_reserved"] ?? 0
            if case .tokens(let limit) = budget.limit(for: model), used + reserved + tokens > limit {
                throw TokenLedgerError.budgetExceeded(
                    model: model, date: date, limit: limit, used: used, reserved: reserved, requested: tokens
                )
            }
            let nowText = Timestamp.format(now)
            try db.execute(
                sql: """
                    INSERT INTO ai_token_usage (date, model, tokens_used, tokens_reserved, terms_processed, created_at, updated_at)
                    VALUES (?, ?, 0, ?, 0, ?, ?)
                    ON CONFLICT (date, model) DO UPDATE SET
                        tokens_reserved = tokens_reserved + excluded.tokens_reserved, updated_at = excluded.updated_at
                    """,
                arguments: [date, model, tokens, nowText, nowText]
            )
            let reservation = TokenReservation(
                id: RandomRowID.make(), date: date, model: model, tokens: tokens,
                expiresAt: Timestamp.format(now.addingTimeInterval(ttl))
            )
            try db.execute(
                sql: """
                    INSERT INTO ai_token_reservations (id, date, model, tokens, holder, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [reservation.id, date, model, tokens, holder, nowText, reservation.expiresAt]
            )
            return reservation
        }
    }

    /// Replaces the reservation by the real count: `tokens_used += actualTokens`, `terms_processed += terms`, and the
    /// reservation's tokens leave `tokens_reserved`. Books to the reservation's day. If the reservation was already
    /// booked as abandoned (at its full size), only the difference is booked, so the day ends with the real count.
    /// Settle each reservation exactly once.
    package func settle(_ reservation: TokenReservation, actualTokens: Int, termsProcessed: Int = 0) throws {
        guard actualTokens >= 0 else { throw TokenLedgerError.invalidTokenCount(actualTokens) }
        guard termsProcessed >= 0 else { throw TokenLedgerError.invalidTokenCount(termsProcessed) }
        try database.write { db in
            let held = try Int.fetchOne(
                db, sql: "SELECT tokens FROM ai_token_reservations WHERE id = ?", arguments: [reservation.id]
            )
            try db.execute(sql: "DELETE FROM ai_token_reservations WHERE id = ?", arguments: [reservation.id])
            // No row: it was booked as abandoned at `reservation.tokens`; correct that booking to the real count.
            let used = held == nil ? actualTokens - reservation.tokens : actualTokens
            try book(db, date: reservation.date, model: reservation.model, used: used,
                     releasing: held ?? 0, terms: termsProcessed)
        }
    }

    /// Gives the reservation back without using any tokens (the work did not happen).
    package func release(_ reservation: TokenReservation) throws {
        try settle(reservation, actualTokens: 0)
    }

    /// Books `tokens` of `model` for today without a reservation (work that was already done, e.g. a local model
    /// whose count is only known afterwards).
    package func meter(model: String, tokens: Int, termsProcessed: Int = 0) throws {
        guard tokens >= 0, termsProcessed >= 0 else { throw TokenLedgerError.invalidTokenCount(min(tokens, termsProcessed)) }
        try database.write { db in
            try book(db, date: Timestamp.day(clock.now()), model: model, used: tokens, releasing: 0, terms: termsProcessed)
        }
    }

    /// Books every abandoned reservation (lifetime over, or its holder process gone) as used at its full size;
    /// `reserve` and `purge` do this too. Returns what was booked, for reporting.
    @discardableResult
    package func bookAbandonedReservations() throws -> AbandonedReservations {
        try database.write { db in try bookAbandoned(db, now: clock.now()) }
    }

    /// Writes one `ai_model_usage` row with its cost from the price table.
    package func record(_ call: ModelCall) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO ai_model_usage (id, model_name, model_provider, operation_type, prompt_tokens,
                        completion_tokens, total_tokens, cost_usd, latency_ms, success, error_message, entry_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    RandomRowID.make(), call.model, call.provider.rawValue, call.operation.rawValue,
                    call.promptTokens, call.completionTokens, call.totalTokens,
                    prices.cost(model: call.model, totalTokens: call.totalTokens), call.latencyMilliseconds,
                    call.success, call.errorMessage.map { String($0.prefix(1_000)) }, call.entryID,
                    Timestamp.format(clock.now()),
                ]
            )
        }
    }

    // MARK: - Reports

    /// `ai_token_usage` rows of the last `days` UTC days (today included), newest first.
    package func usage(days: Int = 7) throws -> [DailyTokenUsage] {
        let since = Timestamp.day(clock.now().addingTimeInterval(-Double(max(0, days - 1)) * 86_400))
        return try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM ai_token_usage WHERE date >= ? ORDER BY date DESC, model", arguments: [since]
            ).map { row in
                DailyTokenUsage(date: row["date"], model: row["model"], tokensUsed: row["tokens_used"],
                                tokensReserved: row["tokens_reserved"], termsProcessed: row["terms_processed"])
            }
        }
    }

    /// The `ai_cost_summary` view for the last `days` UTC days, newest first.
    package func costSummary(days: Int = 7) throws -> [CostSummary] {
        let since = Timestamp.day(clock.now().addingTimeInterval(-Double(max(0, days - 1)) * 86_400))
        return try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM ai_cost_summary WHERE date >= ? ORDER BY date DESC, model_name, operation_type",
                arguments: [since]
            ).map { row in
                CostSummary(
                    date: row["date"], provider: row["model_provider"], model: row["model_name"],
                    operation: row["operation_type"], requests: row["request_count"], totalTokens: row["total_tokens"] ?? 0,
                    totalCostUSD: row["total_cost"] ?? 0, averageLatencyMilliseconds: row["avg_latency"] ?? 0,
                    successRatePercent: row["success_rate"] ?? 0
                )
            }
        }
    }

    /// Today's used, reserved and remaining tokens for `model`. Expired reservations not yet booked count as used,
    /// as they will be.
    package func status(model: String) throws -> BudgetStatus {
        let now = clock.now()
        let date = Timestamp.day(now)
        return try database.read { db in
            let booked = try Int.fetchOne(
                db, sql: "SELECT tokens_used FROM ai_token_usage WHERE date = ? AND model = ?", arguments: [date, model]
            ) ?? 0
            let expired = try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(tokens), 0) FROM ai_token_reservations WHERE date = ? AND model = ? AND expires_at <= ?",
                arguments: [date, model, Timestamp.format(now)]
            ) ?? 0
            let used = booked + expired
            let reserved = try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(tokens), 0) FROM ai_token_reservations WHERE date = ? AND model = ? AND expires_at > ?",
                arguments: [date, model, Timestamp.format(now)]
            ) ?? 0
            return BudgetStatus(date: date, model: model, budget: budget, used: used, reserved: reserved)
        }
    }

    /// Deletes `ai_token_usage` days before `cutoff` that no reservation references, after booking abandoned
    /// reservations.
    @discardableResult
    package func purge(before cutoff: Date) throws -> Int {
        try database.write { db in
            try bookAbandoned(db, now: clock.now())
            try db.execute(
                sql: """
                    DELETE FROM ai_token_usage WHERE date < ?
                    AND NOT EXISTS (SELECT 1 FROM ai_token_reservations r WHERE r.date = ai_token_usage.date AND r.model = ai_token_usage.model)
                    """,
                arguments: [Timestamp.day(cutoff)]
            )
            return db.changesCount
        }
    }

    // MARK: - Internals

    /// Adds `used` (negative for a correction, never taking the day below 0) and `terms`, and takes `releasing` off
    /// the day's reserved tokens.
    private func book(_ db: Database, date: String, model: String, used: Int, releasing: Int, terms: Int) throws {
        let now = Timestamp.format(clock.now())
        try db.execute(
            sql: """
                INSERT INTO ai_token_usage (date, model, tokens_used, tokens_reserved, terms_processed, created_at, updated_at)
                VALUES (?1, ?2, max(0, ?3), 0, ?4, ?5, ?5)
                ON CONFLICT (date, model) DO UPDATE SET
                    tokens_used = max(0, tokens_used + ?3),
                    tokens_reserved = max(0, tokens_reserved - ?6),
                    terms_processed = terms_processed + excluded.terms_processed,
                    updated_at = excluded.updated_at
                """,
            arguments: [date, model, used, terms, now, releasing]
        )
    }

    /// Books abandoned reservations (expired, or held by a dead process on this host) as used at their full size
    /// and deletes them. Caller is in a write transaction.
    @discardableResult
    private func bookAbandoned(_ db: Database, now: Date) throws -> AbandonedReservations {
        let nowText = Timestamp.format(now)
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, date, model, tokens, holder, expires_at <= ? AS expired FROM ai_token_reservations", arguments: [nowText])
        var abandoned = AbandonedReservations()
        for row in rows {
            let expired: Bool = row["expired"]
            guard expired || ReservationHolder.isDeadProcessOnThisHost(row["holder"]) else { continue }
            let tokens: Int = row["tokens"]
            try db.execute(sql: "DELETE FROM ai_token_reservations WHERE id = ?", arguments: [row["id"] as String])
            try book(db, date: row["date"], model: row["model"], used: tokens, releasing: tokens, terms: 0)
            abandoned.count += 1
            abandoned.tokens += tokens
        }
        return abandoned
    }
}
