import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryQueues

@Suite struct TokensLedgerTests {
    @Test func defaultBudgetIsTheOriginalSeedingLimit() {
        #expect(TokenBudget.defaultDailyTokens == 4_500)
        #expect(TokenBudget().limit(for: "anything") == .tokens(4_500))
        #expect(TokenBudget.derivedLimit(freeTier: 20_000, share: 0.25, buffer: 0.2) == 4_000)
    }

    @Test(arguments: DatabaseKind.allCases)
    func reserveSettleAndRefuse(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let clock = FakeClock()
        let ledger = TokenLedger(database: database, budget: TokenBudget(defaultLimit: .tokens(1_000)), clock: clock)
        let first = try ledger.reserve(model: "m", tokens: 600, holder: "w1")
        #expect(try ledger.status(model: "m").remaining == 400)
        #expect(throws: TokenLedgerError.budgetExceeded(model: "m", date: "2026-01-15", limit: 1_000, used: 0, reserved: 600, requested: 401)) {
            try ledger.reserve(model: "m", tokens: 401)
        }
        let second = try ledger.reserve(model: "m", tokens: 400)
        try ledger.settle(first, actualTokens: 250, termsProcessed: 1)
        try ledger.release(second)
        let status = try ledger.status(model: "m")
        #expect(status.used == 250 && status.reserved == 0 && status.remaining == 750)
        let usage = try #require(try ledger.usage(days: 1).first)
        #expect(usage == DailyTokenUsage(date: "2026-01-15", model: "m", tokensUsed: 250, tokensReserved: 0, termsProcessed: 1))
        #expect(try TableRows.count(database, "ai_token_reservations") == 0)
        #expect(throws: TokenLedgerError.invalidTokenCount(0)) { try ledger.reserve(model: "m", tokens: 0) }
    }

    /// An unsettled reservation may have been spent (the call can finish a moment before its worker dies), so at
    /// the end of its lifetime it is booked as used at full size, and a late settlement corrects it to the real
    /// count. Budgets reset at UTC midnight.
    @Test func expiredReservationsAreBookedAtFullSizeAndCorrectedBySettlement() throws {
        let database = try Service.dictionary.openInMemory()
        let clock = FakeClock()
        let ledger = TokenLedger(database: database, budget: TokenBudget(defaultLimit: .tokens(200)), clock: clock)
        let crashed = try ledger.reserve(model: "m", tokens: 100, ttl: 30)
        clock.advance(by: 30)
        #expect(try ledger.status(model: "m").used == 100, "an expired reservation counts as used at once")
        let next = try ledger.reserve(model: "m", tokens: 100, ttl: 30)
        #expect(throws: (any Error).self) { try ledger.reserve(model: "m", tokens: 1) }
        #expect(try ledger.status(model: "m").reserved == 100)
        // The hung worker's late settlement books its real usage instead of the worst case.
        try ledger.settle(crashed, actualTokens: 10)
        try ledger.settle(next, actualTokens: 90)
        #expect(try ledger.status(model: "m").used == 100)
        _ = try ledger.reserve(model: "m", tokens: 100)
        clock.set(FailureClassifier.nextUTCMidnight(after: clock.now()))
        #expect(try ledger.status(model: "m").used == 0, "a new UTC day starts from zero")
        _ = try ledger.reserve(model: "m", tokens: 200)
    }

    /// A worker killed with -9 leaves its reservation behind; when its holder is a `host:pid` on this host whose
    /// process is gone, the next reservation books it at once (not after the 10-minute lifetime) and reports it.
    @Test func aKilledWorkersReservationIsBookedAtOnceAndReported() throws {
        let database = try Service.dictionary.openInMemory()
        let ledger = TokenLedger(database: database, budget: TokenBudget(defaultLimit: .tokens(1_000)), clock: FakeClock())
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = "\(ReservationHolder.currentProcess.split(separator: ":").dropLast().joined(separator: ":")):\(finished.processIdentifier)"
        _ = try ledger.reserve(model: "m", tokens: 400, holder: "\(dead)/item-1/en", ttl: 600)
        let alive = try ledger.reserve(model: "m", tokens: 300, holder: "\(ReservationHolder.currentProcess)/item-2/en", ttl: 600)
        let status = try ledger.status(model: "m")
        #expect(status.used == 400 && status.reserved == 300, "the dead worker's reservation was booked when the next one was made")
        #expect(try TableRows.count(database, "ai_token_reservations") == 1)
        #expect(try ledger.bookAbandonedReservations() == AbandonedReservations(), "the live worker's reservation stays")
        try ledger.settle(alive, actualTokens: 250)
        #expect(try ledger.status(model: "m").used == 650)

        _ = try ledger.reserve(model: "m", tokens: 100, holder: "\(dead)/item-3/en", ttl: 600)
        var abandoned = AbandonedReservations()
        abandoned.count = 1
        abandoned.tokens = 100
        #expect(try ledger.bookAbandonedReservations() == abandoned)
    }

    @Test func unlimitedModelsAreMeteredButNeverRefused() throws {
        let database = try Service.dictionary.openInMemory()
        let ledger = TokenLedger(
            database: database, budget: TokenBudget(defaultLimit: .tokens(10), perModel: ["local": .unlimited]), clock: FakeClock()
        )
        let reservation = try ledger.reserve(model: "local", tokens: 1_000_000)
        try ledger.settle(reservation, actualTokens: 999_999)
        try ledger.meter(model: "local", tokens: 1)
        let status = try ledger.status(model: "local")
        #expect(status.limit == nil && status.remaining == nil && status.used == 1_000_000)
    }

    @Test func modelCallsAreRecordedWithCostFromThePriceTable() throws {
        let database = try Service.dictionary.openInMemory()
        let ledger = TokenLedger(
            database: database, prices: TokenPriceTable(pricePerMillion: ["paid": 2.0]), clock: FakeClock()
        )
        try ledger.record(ModelCall(model: "paid", provider: .openai, operation: .generation, promptTokens: 300_000,
                                    completionTokens: 200_000, latencyMilliseconds: 120, success: true))
        try ledger.record(ModelCall(model: "paid", provider: .openai, operation: .generation, promptTokens: 0,
                                    completionTokens: 0, latencyMilliseconds: 80, success: false, errorMessage: "HTTP 500"))
        try ledger.record(ModelCall(model: "free", provider: .local, operation: .embedding, promptTokens: 50,
                                    completionTokens: 0, latencyMilliseconds: 3, success: true))
        let summary = try ledger.costSummary(days: 1)
        let paid = try #require(summary.first { $0.model == "paid" })
        #expect(paid.requests == 2 && paid.totalTokens == 500_000)
        #expect(abs(paid.totalCostUSD - 1.0) < 1e-9)
        #expect(paid.successRatePercent == 50)
        #expect(paid.averageLatencyMilliseconds == 100)
        #expect(summary.first { $0.model == "free" }?.totalCostUSD == 0)
        #expect(TokenPriceTable().cost(model: "@cf/meta/llama-3.1-8b-instruct", totalTokens: 1_000_000) == 0.04)
    }

    /// Four workers, each with its own connection to one WAL file, race to reserve; the ledger must never show
    /// used + reserved above the limit, and the final total must equal what the workers settled.
    @Test func fourConcurrentWorkersNeverExceedTheBudget() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF
        print("fourConcurrentWorkersNeverExceedTheBudget seed: \(seed)")
        let directory = try TemporaryDirectory()
        _ = try Service.dictionary.open(dataDirectory: directory.path)
        let limit = 4_500
        let settled = Locked<Int>(0)
        let refusals = Locked<Int>(0)
        let violations = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            do {
                let database = try Service.dictionary.open(dataDirectory: directory.path, migrate: false)
                let ledger = TokenLedger(database: database, budget: TokenBudget(defaultLimit: .tokens(limit)))
                var random = SeededGenerator(seed: seed &+ UInt64(worker))
                for _ in 0..<40 {
                    let request = Int.random(in: 1...400, using: &random)
                    do {
                        let reservation = try ledger.reserve(model: "seed-model", tokens: request, holder: "worker-\(worker)")
                        let status = try ledger.status(model: "seed-model")
                        if status.used + status.reserved > limit {
                            violations.update { $0.append("used \(status.used) + reserved \(status.reserved) > \(limit)") }
                        }
                        let actual = Int.random(in: 0...request, using: &random)
                        try ledger.settle(reservation, actualTokens: actual, termsProcessed: 1)
                        settled.update { $0 += actual }
                    } catch TokenLedgerError.budgetExceeded {
                        refusals.update { $0 += 1 }
                    }
                }
            } catch {
                violations.update { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(violations.value.isEmpty, "seed \(seed): \(violations.value.prefix(3))")
        #expect(refusals.value > 0, "the workers asked for far more than the limit, so some reservations must be refused")
        let database = try Service.dictionary.open(dataDirectory: directory.path, migrate: false)
        let status = try TokenLedger(database: database, budget: TokenBudget(defaultLimit: .tokens(limit))).status(model: "seed-model")
        #expect(status.used == settled.value)
        #expect(status.used <= limit)
        #expect(status.reserved == 0)
    }
}
