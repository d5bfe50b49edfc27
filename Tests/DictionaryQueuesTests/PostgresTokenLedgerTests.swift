import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import PostgresNIO
import Testing
@testable import DictionaryQueues

/// The token ledger on PostgreSQL: one script of reservations, settlements, expiries, dead holders, meters and day
/// changes gives what it gives on SQLite, and concurrent workers on separate connections never pass a budget.
@Suite("Token ledger on PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresTokenLedgerTests {
    /// One ledger's operations as the script calls them; answers and errors are compared as text.
    struct Ledger: Sendable {
        var reserve: @Sendable (String, Int, String?, TimeInterval) async throws -> TokenReservation
        var settle: @Sendable (TokenReservation, Int, Int) async throws -> Void
        var meter: @Sendable (String, Int, Int) async throws -> Void
        var bookAbandoned: @Sendable () async throws -> AbandonedReservations
        var status: @Sendable (String) async throws -> BudgetStatus
        var usage: @Sendable (Int) async throws -> [DailyTokenUsage]
        var purge: @Sendable (Date) async throws -> Int

        init(_ ledger: TokenLedger) {
            reserve = { try ledger.reserve(model: $0, tokens: $1, holder: $2, ttl: $3) }
            settle = { try ledger.settle($0, actualTokens: $1, termsProcessed: $2) }
            meter = { try ledger.meter(model: $0, tokens: $1, termsProcessed: $2) }
            bookAbandoned = { try ledger.bookAbandonedReservations() }
            status = { try ledger.status(model: $0) }
            usage = { try ledger.usage(days: $0) }
            purge = { try ledger.purge(before: $0) }
        }

        init(_ ledger: PostgresTokenLedger) {
            reserve = { try await ledger.reserve(model: $0, tokens: $1, holder: $2, ttl: $3) }
            settle = { try await ledger.settle($0, actualTokens: $1, termsProcessed: $2) }
            meter = { try await ledger.meter(model: $0, tokens: $1, termsProcessed: $2) }
            bookAbandoned = { try await ledger.bookAbandonedReservations() }
            status = { try await ledger.status(model: $0) }
            usage = { try await ledger.usage(days: $0) }
            purge = { try await ledger.purge(before: $0) }
        }
    }

    static let budget = TokenBudget(defaultLimit: .tokens(1_000), perModel: ["free": .unlimited])

    /// Runs the script on `ledger` (its clock `clock`) and returns what each step answered.
    static func script(_ ledger: Ledger, clock: FakeClock) async -> [String] {
        var log: [String] = []
        func step(_ name: String, _ body: () async throws -> String) async {
            do { log.append("\(name): \(try await body())") } catch { log.append("\(name): error \(error)") }
        }
        // A holder on this host whose process is gone (pids never reach this value).
        let deadHolder = "\(ReservationHolder.hostName):99999999/item"
        var first: TokenReservation?, second: TokenReservation?
        await step("reserve 600") { first = try await ledger.reserve("m", 600, "w1", 600); return "\(first!.tokens) \(first!.date)" }
        await step("status") { "\(try await ledger.status("m"))" }
        await step("reserve 401") { "\(try await ledger.reserve("m", 401, nil, 600).tokens)" }
        await step("reserve 0") { "\(try await ledger.reserve("m", 0, nil, 600).tokens)" }
        await step("reserve 400 for 30 s") { second = try await ledger.reserve("m", 400, "w2", 30); return "\(second!.tokens)" }
        await step("settle 250") { try await ledger.settle(first!, 250, 1); return "ok" }
        clock.advance(by: 30)
        await step("status after expiry") { "\(try await ledger.status("m"))" }
        await step("book abandoned") { "\(try await ledger.bookAbandoned())" }
        await step("late settle 90") { try await ledger.settle(second!, 90, 1); return "ok" }
        await step("dead holder") { "\(try await ledger.reserve("m", 300, deadHolder, 600).tokens)" }
        await step("book dead holder") { "\(try await ledger.bookAbandoned())" }
        await step("meter free") { try await ledger.meter("free", 5_000, 3); return "ok" }
        await step("meter -1") { try await ledger.meter("free", -1, 0); return "ok" }
        await step("status free") { "\(try await ledger.status("free"))" }
        await step("usage") { "\(try await ledger.usage(1))" }
        clock.set(FailureClassifier.nextUTCMidnight(after: clock.now()))
        await step("new day") { "\(try await ledger.status("m"))" }
        await step("reserve 1000 on the new day") { "\(try await ledger.reserve("m", 1_000, nil, 600).tokens)" }
        await step("purge before today") { "\(try await ledger.purge(clock.now()))" }
        await step("usage after purge") { "\(try await ledger.usage(3))" }
        return log
    }

    @Test("One script answers alike on SQLite and PostgreSQL")
    func scriptAnswersAlike() async throws {
        let sqliteClock = FakeClock()
        let sqlite = TokenLedger(database: try Service.dictionary.openInMemory(), budget: Self.budget, clock: sqliteClock)
        let expected = await Self.script(Ledger(sqlite), clock: sqliteClock)
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let clock = FakeClock()
            let found = await Self.script(Ledger(PostgresTokenLedger(session: session, budget: Self.budget, clock: clock)), clock: clock)
            #expect(found.count == expected.count)
            for (step, (onPostgres, onSQLite)) in zip(found, expected).enumerated() {
                #expect(onPostgres == onSQLite, "step \(step)")
            }
        }
        // The script means what it says: refusals, the expiry booking, the dead holder and the purge all happened.
        #expect(expected.contains { $0.hasPrefix("reserve 401: error daily token budget exhausted for m on 2026-01-15: limit 1000, used 0, reserved 600") })
        #expect(expected.contains("book abandoned: AbandonedReservations(count: 1, tokens: 400)"))
        #expect(expected.contains("book dead holder: AbandonedReservations(count: 1, tokens: 300)"))
        #expect(expected.contains("purge before today: 2"))
    }

    @Test("Eight workers on their own connections reserve at once and never pass the budget")
    func concurrentWorkersNeverPassTheBudget() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            let pool = try await PostgresSession.pooled(to: database.location, schema: "dictionary", maximumConnections: 8)
            do {
                let ledger = PostgresTokenLedger(session: pool, budget: TokenBudget(defaultLimit: .tokens(10_000)))
                // 8 × 20 reservations of 100 tokens against 10,000, each spent in full: exactly 100 may be granted.
                let (granted, refused) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                    for worker in 0..<8 {
                        group.addTask {
                            var granted = 0, refused = 0
                            for _ in 0..<20 {
                                do {
                                    let reservation = try await ledger.reserve(model: "m", tokens: 100, holder: "worker-\(worker)")
                                    try await ledger.settle(reservation, actualTokens: 100, termsProcessed: 1)
                                    granted += 1
                                } catch TokenLedgerError.budgetExceeded {
                                    refused += 1
                                }
                            }
                            return (granted, refused)
                        }
                    }
                    return try await group.reduce(into: (0, 0)) { $0.0 += $1.0; $0.1 += $1.1 }
                }
                #expect(granted == 100 && refused == 60)
                let status = try await ledger.status(model: "m")
                #expect(status.used == 10_000 && status.reserved == 0 && status.remaining == 0)
                #expect(try await ledger.usage(days: 1).first?.termsProcessed == 100)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }
}
