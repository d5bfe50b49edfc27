import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import PostgresNIO
import Testing
@testable import DictionaryQueues

/// The embedding queue on PostgreSQL (`PostgresEmbeddingQueue` over `PostgresQueueEngine`): one open item per entry,
/// concurrent claims on separate connections take disjoint items (`FOR UPDATE SKIP LOCKED`) so nothing is done
/// twice, a dead worker's items come back when its lease expires, failures retry with backoff and then move to the
/// dead-letter queue with their whole row, and only the lease holder completes an item.
@Suite("Embedding queue on PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresEmbeddingQueueTests {
    /// `count` entries e0…e(count-1) in a fresh migrated schema; `body` gets a pool of 6 connections.
    static func withEntries(_ count: Int, _ body: (PostgresSession, [String]) async throws -> Void) async throws {
        try await PostgresTestDatabase.with { database in
            let ids = (0..<count).map { String(format: "00000000-0000-4000-8000-%012d", $0) }
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
                var statement = PostgresStatement()
                let sql = """
                    INSERT INTO dictionary.dictionary_entries (id, term, normalized_term, folded_term, type)
                    SELECT id, 'e' || n, 'e' || n, 'e' || n, 'general' FROM unnest(\(statement.bind(ids))::text[]) WITH ORDINALITY AS x(id, n)
                    """
                try await session.query(statement.query(sql))
            }
            let pool = try await PostgresSession.pooled(to: database.location, schema: "dictionary", maximumConnections: 6)
            do {
                try await body(pool, ids)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }

    @Test("Six workers claiming at once take every item exactly once")
    func concurrentClaimsAreDisjoint() async throws {
        try await Self.withEntries(300) { pool, ids in
            let queue = PostgresEmbeddingQueue(session: pool)
            #expect(try await queue.enqueue(ids.map { ($0, .missing) }, model: "m") == 300)
            #expect(try await queue.enqueue(ids.prefix(10).map { ($0, .stale) }, model: "m") == 0, "one open item per entry")
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let items = try await queue.claim(owner: "worker-\(worker)", limit: 7, leaseDuration: 60, model: "m")
                            if items.isEmpty { return mine }
                            try await pool.transaction { session in
                                for item in items { try await queue.engine.complete(session, itemID: item.id, owner: "worker-\(worker)") }
                            }
                            mine += items.map(\.entryID)
                        }
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let all = claimed.flatMap { $0 }
            #expect(all.count == 300 && Set(all) == Set(ids), "every item once: \(all.count) claims, \(Set(all).count) distinct")
            #expect(claimed.filter { !$0.isEmpty }.count > 1, "the work was shared")
            let counts = try await queue.statusCounts()
            #expect(counts.completed == 300 && counts.pending == 0 && counts.processing == 0)
        }
    }

    @Test("A dead worker's items come back when the lease expires; after the last attempt they are dead-lettered")
    func expiredLeasesComeBackThenDeadLetter() async throws {
        try await Self.withEntries(3) { pool, ids in
            let clock = FakeClock()
            let queue = PostgresEmbeddingQueue(session: pool, policy: RetryPolicy(maxAttempts: 2), clock: clock)
            try await queue.enqueue(ids.map { ($0, .missing) }, model: "m")
            let first = try await queue.claim(owner: "crashed", limit: 3, leaseDuration: 30, model: "m")
            #expect(first.count == 3 && first.allSatisfy { $0.attempts == 1 })
            #expect(try await queue.claim(owner: "other", limit: 3, leaseDuration: 30, model: "m").isEmpty, "leased items are not claimable")
            clock.advance(by: 31)
            let second = try await queue.claim(owner: "other", limit: 3, leaseDuration: 30, model: "m")
            #expect(second.map(\.id).sorted() == first.map(\.id).sorted() && second.allSatisfy { $0.attempts == 2 })
            // The crashed worker cannot complete what it lost.
            await #expect(throws: QueueError.leaseLost(queue: .embedding, itemID: first[0].id, owner: "crashed")) {
                try await pool.transaction { try await queue.engine.complete($0, itemID: first[0].id, owner: "crashed") }
            }
            clock.advance(by: 31)
            // The second lease expired too, after the last attempt: dead letters with the whole row as payload.
            #expect(try await queue.claim(owner: "third", limit: 3, leaseDuration: 30, model: "m").isEmpty)
            let letters = try await pool.execute("SELECT original_id, queue_name, attempts, payload ->> 'entry_id', payload ->> 'status' FROM dead_letter_queue ORDER BY original_id")
                .map { try $0.decode((String, String, Int, String, String).self) }
            #expect(letters.map(\.0) == first.map(\.id).sorted())
            #expect(letters.allSatisfy { $0.1 == "embedding" && $0.2 == 2 && $0.4 == "processing" })
            #expect(Set(letters.map(\.3)) == Set(ids))
            let history = try await pool.execute("SELECT action, count(*) FROM recovery_history GROUP BY action ORDER BY action")
                .map { try $0.decode((String, Int).self) }
            #expect(history.map { "\($0.0) \($0.1)" } == ["moved_to_dlq 3", "recovered 3"])
            #expect(try await queue.statusCounts().pending == 0)
        }
    }

    @Test("Completing a batch completes all of its items or none: one lost lease rolls the batch back")
    func batchCompletionIsAllOrNothing() async throws {
        try await Self.withEntries(3) { pool, ids in
            let clock = FakeClock()
            let queue = PostgresEmbeddingQueue(session: pool, clock: clock)
            try await queue.enqueue(ids.map { ($0, .missing) }, model: "m")
            let items = try await queue.claim(owner: "w", limit: 3, leaseDuration: 30, model: "m")
            clock.advance(by: 31)
            let stolen = try await queue.claim(owner: "thief", limit: 1, leaseDuration: 30, model: "m")
            #expect(stolen.count == 1)
            // The expired leases were reaped by the thief's claim: "w" holds none of its items any more.
            await #expect(throws: QueueError.leaseLost(queue: .embedding, itemID: items[0].id, owner: "w")) {
                try await pool.transaction { try await queue.engine.complete($0, itemIDs: items.map(\.id), owner: "w") }
            }
            #expect(try await queue.statusCounts().completed == 0, "nothing completed when one item was lost")
        }
    }

    @Test("A failure retries after its backoff, then dead-letters; release gives the attempt back")
    func failuresRetryThenDeadLetter() async throws {
        try await Self.withEntries(2) { pool, ids in
            let clock = FakeClock()
            let queue = PostgresEmbeddingQueue(session: pool, policy: RetryPolicy(maxAttempts: 2, base: .seconds(5)), clock: clock)
            try await queue.enqueue(ids.map { ($0, .missing) }, model: "m")
            let items = try await queue.claim(owner: "w", limit: 2, leaseDuration: 60, model: "m")
            let retryable = ClassifiedFailure(message: "model crashed", type: .apiError, isRetryable: true)
            let outcome = try await pool.transaction { try await queue.engine.fail($0, itemID: items[0].id, owner: "w", failure: retryable) }
            guard case .retryScheduled(let at) = outcome else { Issue.record("expected a retry, got \(outcome)"); return }
            #expect(at > clock.now())
            try await pool.transaction { try await queue.engine.release($0, itemID: items[1].id, owner: "w", refundAttempt: true) }
            // Only the released item is claimable now; its attempt was given back.
            let now = try await queue.claim(owner: "w", limit: 2, leaseDuration: 60, model: "m")
            #expect(now.map(\.id) == [items[1].id] && now[0].attempts == 1)
            clock.set(at.addingTimeInterval(1))
            let retried = try await queue.claim(owner: "w", limit: 2, leaseDuration: 60, model: "m")
            #expect(retried.map(\.id) == [items[0].id] && retried[0].attempts == 2)
            let last = try await pool.transaction { try await queue.engine.fail($0, itemID: items[0].id, owner: "w", failure: retryable) }
            guard case .deadLettered = last else { Issue.record("expected a dead letter after the last attempt, got \(last)"); return }
            #expect(try await pool.execute("SELECT count(*) FROM embedding_queue WHERE id = '\(items[0].id)'").first?.decode(Int.self) == 0)
            #expect(try await pool.execute("SELECT failure_reason FROM dead_letter_queue").first?.decode(String.self) == "model crashed")
        }
    }
}
