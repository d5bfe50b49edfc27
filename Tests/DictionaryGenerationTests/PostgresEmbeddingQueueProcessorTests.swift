import DictEmbedding
import DictMigrations
import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// `dict embed --database`'s worker (`PostgresEmbeddingQueueProcessor`): entries queued by one scan, embedded with
/// their items completed in the same transaction and their tokens metered; a failing embedder's items retried with
/// backoff, a refused budget's items handed back for the next day with their attempt refunded.
@Suite("Embedding queue processor on PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresEmbeddingQueueProcessorTests {
    /// A throwing embedder, for the failure path.
    struct BrokenEmbedder: Embedder {
        let modelName = "fake-embedder"
        let dimension = 4
        func embed(_ texts: [String]) throws -> [[Float]] { throw EmbeddingError.countMismatch(expected: texts.count, found: 0) }
        func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
    }

    /// Five entries in a fresh schema; `body` gets the session and a processor factory over `clock`.
    static func withEntries(_ body: (PostgresSession, (any Embedder, TokenBudget) -> PostgresEmbeddingQueueProcessor, FakeClock) async throws -> Void) async throws {
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            try await session.execute("""
                INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, type, definition)
                SELECT '00000000-0000-4000-8000-00000000000' || n, 'term ' || n, 'term ' || n, 'term ' || n, 'general',
                       jsonb_build_object('concise', 'meaning number ' || n, 'detailed', 'a longer text ' || n)
                FROM generate_series(1, 5) AS n
                """)
            let clock = FakeClock()
            try await body(session, { embedder, budget in
                PostgresEmbeddingQueueProcessor(
                    queue: PostgresEmbeddingQueue(session: session, policy: RetryPolicy(maxAttempts: 2), clock: clock),
                    store: PostgresEmbeddingStore(session: session), ledger: PostgresTokenLedger(session: session, budget: budget, clock: clock),
                    embedder: embedder, batchSize: 2, leaseDuration: 60)
            }, clock)
        }
    }

    static func itemStates(_ session: PostgresSession) async throws -> [String] {
        try await session.execute("SELECT status, attempts, retry_after IS NOT NULL FROM embedding_queue ORDER BY entry_id")
            .map { let (status, attempts, waits) = try $0.decode((String, Int, Bool).self); return "\(status) \(attempts)\(waits ? " waits" : "")" }
    }

    @Test("Queued entries are embedded in batches, their items completed and their tokens metered; a second scan finds nothing")
    func embedsAndCompletes() async throws {
        try await Self.withEntries { session, processor, _ in
            let worker = processor(FakeEmbedder(), TokenBudget(perModel: ["fake-embedder": .unlimited]))
            let queued = try await worker.queueWork()
            #expect(queued.missing == 5 && queued.stale == 0 && queued.unreadable.isEmpty)
            var batches = 0
            let report = try await worker.run(owner: "w", limit: 5) { _ in batches += 1 }
            #expect(report.embedded == 5 && report.vectorsWritten == 5 && report.tokensUsed > 0 && batches == 3)
            #expect(try await Self.itemStates(session) == Array(repeating: "completed 1", count: 5))
            let used = try await session.execute("SELECT sum(tokens_used)::bigint FROM ai_token_usage").first?.decode(Int.self)
            #expect(used == report.tokensUsed)
            #expect(try await worker.queueWork().missing == 0)
            // An edited definition makes its vector stale: queued again.
            try await session.execute("UPDATE dictionary_entries SET definition = '{\"concise\": \"changed\"}' WHERE term = 'term 3'")
            #expect(try await worker.queueWork().stale == 1)
        }
    }

    @Test("Pipelined: two batches embedded at once write the same vectors as one after another, reports in claim order")
    func pipelinedRunMatchesSequential() async throws {
        var sequential: [String] = []
        for inFlight in [1, 2, 3] {
            try await Self.withEntries { session, processor, _ in
                let worker = processor(FakeEmbedder(), TokenBudget(perModel: ["fake-embedder": .unlimited]))
                _ = try await worker.queueWork()
                var claimedPerBatch: [Int] = []
                let report = try await worker.run(owner: "w", limit: 5, batchesInFlight: inFlight) { claimedPerBatch.append($0.claimed) }
                #expect(report.embedded == 5 && report.vectorsWritten == 5 && report.claimed == 5, "\(inFlight) in flight")
                #expect(claimedPerBatch == [2, 2, 1], "\(inFlight) in flight")
                #expect(try await Self.itemStates(session) == Array(repeating: "completed 1", count: 5))
                let vectors = try await session.execute("SELECT entry_id || ':' || chunk || ':' || md5(embedding) FROM term_embeddings ORDER BY 1")
                    .map { try $0.decode(String.self) }
                #expect(vectors.count == 5)
                if sequential.isEmpty { sequential = vectors } else { #expect(vectors == sequential, "\(inFlight) in flight") }
            }
        }
    }

    @Test("A failing embedder's items retry after a backoff; a refused budget hands the batch back with its attempt")
    func failuresAndBudget() async throws {
        try await Self.withEntries { session, processor, clock in
            let broken = processor(BrokenEmbedder(), TokenBudget(perModel: ["fake-embedder": .unlimited]))
            _ = try await broken.queueWork()
            let failed = try await broken.runOnce(owner: "w", limit: 5)
            #expect(failed.claimed == 2 && failed.retriesScheduled == 2 && failed.embedded == 0 && failed.errors.count == 2)
            let reserved = try await session.execute("SELECT coalesce(sum(tokens_reserved), 0)::bigint, coalesce(sum(tokens_used), 0)::bigint FROM ai_token_usage")
                .first?.decode((Int, Int).self)
            #expect(reserved.map { "\($0.0) \($0.1)" } == "0 0", "the failed batch's reservation was released")
            let starved = processor(FakeEmbedder(), TokenBudget(perModel: ["fake-embedder": .tokens(1)]))
            let refused = try await starved.run(owner: "w", limit: 5)
            #expect(refused.budgetExhausted && refused.embedded == 0)
            // Two items wait for their retry, two for the next day's budget (attempt refunded), one was never claimed.
            #expect(try await Self.itemStates(session).sorted() == ["pending 0", "pending 0 waits", "pending 0 waits", "pending 1 waits", "pending 1 waits"])
            clock.set(FailureClassifier.nextUTCMidnight(after: clock.now()).addingTimeInterval(1))
            let next = try await processor(FakeEmbedder(), TokenBudget(perModel: ["fake-embedder": .unlimited])).run(owner: "w", limit: 5)
            #expect(next.embedded == 5)
        }
    }
}
