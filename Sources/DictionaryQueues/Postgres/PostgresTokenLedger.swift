package import DictPostgres
import DictStore
package import DictionaryCore
package import Foundation
import PostgresNIO

/// `TokenLedger` on PostgreSQL's `dictionary` schema: the same tables, rules and answers. Where SQLite serializes
/// writers with `BEGIN IMMEDIATE`, here reservations (and every booking of abandoned ones: `reserve`, `purge`,
/// `bookAbandonedReservations`) take one transaction-level advisory lock, so they run one at a time and book rows in
/// one order (no deadlocks), and a reservation also locks its (day, model) row (`SELECT … FOR UPDATE`) between the
/// check and the booking, so a concurrent `settle` or `meter` cannot slip in between: workers on any host never pass
/// a limit. Every method is one transaction.
package struct PostgresTokenLedger: Sendable {
    /// The advisory-lock key of abandoned-reservation booking ("dict.tokens").
    static let bookingLock: Int64 = 0x6469_6374_746F_6B6E

    package let session: PostgresSession
    package let budget: TokenBudget
    package let prices: TokenPriceTable
    package let clock: any WallClock

    package init(
        session: PostgresSession, budget: TokenBudget = TokenBudget(), prices: TokenPriceTable = TokenPriceTable(),
        clock: any WallClock = SystemWallClock()
    ) {
        self.session = session
        self.budget = budget
        self.prices = prices
        self.clock = clock
    }

    /// As `TokenLedger.reserve`.
    package func reserve(model: String, tokens: Int, holder: String? = nil, ttl: TimeInterval = 600) async throws -> TokenReservation {
        guard tokens > 0 else { throw TokenLedgerError.invalidTokenCount(tokens) }
        guard ttl.isFinite, ttl > 0 else { throw TokenLedgerError.invalidTTL(ttl) }
        return try await session.transaction { session in
            let now = clock.now()
            try await bookAbandoned(session, now: now)
            let date = Timestamp.day(now), nowText = Timestamp.format(now)
            var ensure = PostgresStatement()
            let ensureSQL = """
                INSERT INTO ai_token_usage (date, model, tokens_used, tokens_reserved, terms_processed, created_at, updated_at)
                VALUES (\(ensure.bind(date)), \(ensure.bind(model)), 0, 0, 0, \(ensure.bind(nowText)), \(ensure.bind(nowText)))
                ON CONFLICT (date, model) DO NOTHING
                """
            try await session.query(ensure.query(ensureSQL))
            var lock = PostgresStatement()
            let lockSQL = "SELECT tokens_used, tokens_reserved FROM ai_token_usage WHERE date = \(lock.bind(date)) AND model = \(lock.bind(model)) FOR UPDATE"
            let (used, reserved) = try await session.query(lock.query(lockSQL)).first?.decode((Int, Int).self) ?? (0, 0)
            if case .tokens(let limit) = budget.limit(for: model), used + reserved + tokens > limit {
                throw TokenLedgerError.budgetExceeded(model: model, date: date, limit: limit, used: used, reserved: reserved, requested: tokens)
            }
            var book = PostgresStatement()
            let bookSQL = """
                UPDATE ai_token_usage SET tokens_reserved = tokens_reserved + \(book.bind(tokens)), updated_at = \(book.bind(nowText))
                WHERE date = \(book.bind(date)) AND model = \(book.bind(model))
                """
            try await session.query(book.query(bookSQL))
            let reservation = TokenReservation(
                id: RandomRowID.make(), date: date, model: model, tokens: tokens, expiresAt: Timestamp.format(now.addingTimeInterval(ttl)))
            var insert = PostgresStatement()
            let insertSQL = """
                INSERT INTO ai_token_reservations (id, date, model, tokens, holder, created_at, expires_at)
                VALUES (\(insert.bind(reservation.id)), \(insert.bind(date)), \(insert.bind(model)), \(insert.bind(tokens)),
                    \(insert.bind(holder)), \(insert.bind(nowText)), \(insert.bind(reservation.expiresAt)))
                """
            try await session.query(insert.query(insertSQL))
            return reservation
        }
    }

    /// As `TokenLedger.settle`: a reservation already booked as abandoned has its booking corrected to the real count.
    package func settle(_ reservation: TokenReservation, actualTokens: Int, termsProcessed: Int = 0) async throws {
        guard actualTokens >= 0 else { throw TokenLedgerError.invalidTokenCount(actualTokens) }
        guard termsProcessed >= 0 else { throw TokenLedgerError.invalidTokenCount(termsProcessed) }
        try await session.transaction { session in
            var delete = PostgresStatement()
            let deleteSQL = "DELETE FROM ai_token_reservations WHERE id = \(delete.bind(reservation.id)) RETURNING tokens"
            let held = try await session.query(delete.query(deleteSQL)).first?.decode(Int.self)
            let used = held == nil ? actualTokens - reservation.tokens : actualTokens
            try await book(session, date: reservation.date, model: reservation.model, used: used, releasing: held ?? 0, terms: termsProcessed)
        }
    }

    /// As `TokenLedger.release`.
    package func release(_ reservation: TokenReservation) async throws {
        try await settle(reservation, actualTokens: 0)
    }

    /// As `TokenLedger.meter`.
    package func meter(model: String, tokens: Int, termsProcessed: Int = 0) async throws {
        guard tokens >= 0, termsProcessed >= 0 else { throw TokenLedgerError.invalidTokenCount(min(tokens, termsProcessed)) }
        try await session.transaction { session in
            try await book(session, date: Timestamp.day(clock.now()), model: model, used: tokens, releasing: 0, terms: termsProcessed)
        }
    }

    /// As `TokenLedger.bookAbandonedReservations`.
    @discardableResult
    package func bookAbandonedReservations() async throws -> AbandonedReservations {
        try await session.transaction { session in try await bookAbandoned(session, now: clock.now()) }
    }

    /// As `TokenLedger.record`.
    package func record(_ call: ModelCall) async throws {
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO ai_model_usage (id, model_name, model_provider, operation_type, prompt_tokens, completion_tokens,
                total_tokens, cost_usd, latency_ms, success, error_message, entry_id, created_at)
            VALUES (\(statement.bind(RandomRowID.make())), \(statement.bind(call.model)), \(statement.bind(call.provider.rawValue)),
                \(statement.bind(call.operation.rawValue)), \(statement.bind(call.promptTokens)), \(statement.bind(call.completionTokens)),
                \(statement.bind(call.totalTokens)), \(statement.bind(prices.cost(model: call.model, totalTokens: call.totalTokens))),
                \(statement.bind(call.latencyMilliseconds)), \(statement.bind(call.success ? 1 : 0)),
                \(statement.bind(call.errorMessage.map { String($0.prefix(1_000)) })), \(statement.bind(call.entryID)),
                \(statement.bind(Timestamp.format(clock.now()))))
            """
        try await session.query(statement.query(sql))
    }

    /// As `TokenLedger.usage`.
    package func usage(days: Int = 7) async throws -> [DailyTokenUsage] {
        var statement = PostgresStatement()
        let sql = """
            SELECT date, model, tokens_used, tokens_reserved, terms_processed FROM ai_token_usage
            WHERE date >= \(statement.bind(Self.firstDay(of: days, now: clock.now()))) ORDER BY date DESC, model COLLATE "C"
            """
        return try await session.query(statement.query(sql)).map { row in
            let (date, model, used, reserved, terms) = try row.decode((String, String, Int, Int, Int).self)
            return DailyTokenUsage(date: date, model: model, tokensUsed: used, tokensReserved: reserved, termsProcessed: terms)
        }
    }

    /// As `TokenLedger.costSummary`: the `ai_cost_summary` view for the last `days` UTC days, newest first.
    package func costSummary(days: Int = 7) async throws -> [CostSummary] {
        var statement = PostgresStatement()
        let sql = """
            SELECT date, model_provider, model_name, operation_type, request_count, coalesce(total_tokens, 0)::bigint,
                coalesce(total_cost, 0)::float8, coalesce(avg_latency, 0)::float8, coalesce(success_rate, 0)::float8
            FROM ai_cost_summary WHERE date >= \(statement.bind(Self.firstDay(of: days, now: clock.now())))
            ORDER BY date DESC, model_name COLLATE "C", operation_type COLLATE "C"
            """
        return try await session.query(statement.query(sql)).map { row in
            let (date, provider, model, operation, requests, tokens, cost, latency, success) =
                try row.decode((String, String, String, String, Int, Int, Double, Double, Double).self)
            return CostSummary(date: date, provider: provider, model: model, operation: operation, requests: requests, totalTokens: tokens,
                               totalCostUSD: cost, averageLatencyMilliseconds: latency, successRatePercent: success)
        }
    }

    /// As `TokenLedger.status`: expired reservations not yet booked count as used.
    package func status(model: String) async throws -> BudgetStatus {
        let now = clock.now()
        let date = Timestamp.day(now), nowText = Timestamp.format(now)
        var statement = PostgresStatement()
        let (dateBind, modelBind, nowBind) = (statement.bind(date), statement.bind(model), statement.bind(nowText))
        let sql = """
            SELECT coalesce((SELECT tokens_used FROM ai_token_usage WHERE date = \(dateBind) AND model = \(modelBind)), 0)::bigint,
                coalesce(sum(tokens) FILTER (WHERE expires_at <= \(nowBind)), 0)::bigint,
                coalesce(sum(tokens) FILTER (WHERE expires_at > \(nowBind)), 0)::bigint
            FROM ai_token_reservations WHERE date = \(dateBind) AND model = \(modelBind)
            """
        let (booked, expired, reserved) = try await session.query(statement.query(sql)).first?.decode((Int, Int, Int).self) ?? (0, 0, 0)
        return BudgetStatus(date: date, model: model, budget: budget, used: booked + expired, reserved: reserved)
    }

    /// As `TokenLedger.purge`.
    @discardableResult
    package func purge(before cutoff: Date) async throws -> Int {
        try await session.transaction { session in
            try await bookAbandoned(session, now: clock.now())
            var statement = PostgresStatement()
            let sql = """
                DELETE FROM ai_token_usage u WHERE u.date < \(statement.bind(Timestamp.day(cutoff)))
                AND NOT EXISTS (SELECT 1 FROM ai_token_reservations r WHERE r.date = u.date AND r.model = u.model)
                RETURNING 1
                """
            return try await session.query(statement.query(sql)).count
        }
    }

    // MARK: - Internals

    /// The first UTC day of a report over the last `days` days (today included).
    static func firstDay(of days: Int, now: Date) -> String {
        Timestamp.day(now.addingTimeInterval(-Double(max(0, days - 1)) * 86_400))
    }

    /// As `TokenLedger`'s `book`: adds `used` (never taking the day below 0) and `terms`, takes `releasing` off the
    /// reserved tokens.
    private func book(_ session: PostgresSession, date: String, model: String, used: Int, releasing: Int, terms: Int) async throws {
        var statement = PostgresStatement()
        let (usedBind, now) = (statement.bind(used), statement.bind(Timestamp.format(clock.now())))
        let sql = """
            INSERT INTO ai_token_usage AS u (date, model, tokens_used, tokens_reserved, terms_processed, created_at, updated_at)
            VALUES (\(statement.bind(date)), \(statement.bind(model)), greatest(0, \(usedBind)::bigint), 0, \(statement.bind(terms)), \(now), \(now))
            ON CONFLICT (date, model) DO UPDATE SET
                tokens_used = greatest(0, u.tokens_used + \(usedBind)::bigint),
                tokens_reserved = greatest(0, u.tokens_reserved - \(statement.bind(releasing))::bigint),
                terms_processed = u.terms_processed + excluded.terms_processed,
                updated_at = excluded.updated_at
            """
        try await session.query(statement.query(sql))
    }

    /// Books abandoned reservations (expired, or held by a dead process on this host) as used at their full size and
    /// deletes them, under the booking lock; the bookings go to their days in (date, model) order.
    @discardableResult
    private func bookAbandoned(_ session: PostgresSession, now: Date) async throws -> AbandonedReservations {
        try await session.execute("SELECT pg_advisory_xact_lock(\(Self.bookingLock))")
        var candidates = PostgresStatement()
        let candidatesSQL = "SELECT id, holder, expires_at <= \(candidates.bind(Timestamp.format(now))) FROM ai_token_reservations"
        var abandonedIDs: [String] = []
        for row in try await session.query(candidates.query(candidatesSQL)) {
            let (id, holder, expired) = try row.decode((String, String?, Bool).self)
            if expired || ReservationHolder.isDeadProcessOnThisHost(holder) { abandonedIDs.append(id) }
        }
        var abandoned = AbandonedReservations()
        guard !abandonedIDs.isEmpty else { return abandoned }
        var delete = PostgresStatement()
        let deleteSQL = """
            WITH gone AS (DELETE FROM ai_token_reservations WHERE id = ANY(\(delete.bind(abandonedIDs))) RETURNING date, model, tokens)
            SELECT date, model, sum(tokens)::bigint, count(*) FROM gone GROUP BY date, model ORDER BY date, model COLLATE "C"
            """
        for row in try await session.query(delete.query(deleteSQL)) {
            let (date, model, tokens, count) = try row.decode((String, String, Int, Int).self)
            try await book(session, date: date, model: model, used: tokens, releasing: tokens, terms: 0)
            abandoned.count += count
            abandoned.tokens += tokens
        }
        return abandoned
    }
}
