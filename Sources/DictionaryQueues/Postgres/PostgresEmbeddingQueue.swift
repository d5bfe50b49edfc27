package import DictPostgres
import DictStore
package import DictionaryCore
package import Foundation
import PostgresNIO

/// `EmbeddingQueue` on PostgreSQL's `dictionary` schema: one open item per (entry, model), claimed by workers through
/// `PostgresQueueEngine` (leases, `FOR UPDATE SKIP LOCKED`).
package struct PostgresEmbeddingQueue: Sendable {
    package let session: PostgresSession
    package let engine: PostgresQueueEngine

    package init(session: PostgresSession, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.session = session
        engine = PostgresQueueEngine(queue: .embedding, policy: policy, clock: clock)
    }

    /// Queues each of `entries` for `model` unless it has an open item, in one statement; returns how many were added.
    @discardableResult
    package func enqueue(_ entries: [(entryID: String, reason: EmbeddingReason)], model: String, priority: Int = 5) async throws -> Int {
        guard (1...10).contains(priority) else { throw QueueError.invalidPriority(priority) }
        guard !entries.isEmpty else { return 0 }
        var added = 0
        // Pieces of 10,000: two array parameters each, whatever the dictionary's size.
        for start in stride(from: 0, to: entries.count, by: 10_000) {
            let piece = entries[start..<min(entries.count, start + 10_000)]
            let now = Timestamp.format(engine.clock.now())
            var statement = PostgresStatement()
            let sql = """
                INSERT INTO embedding_queue (id, entry_id, model, reason, priority, status, created_at, updated_at)
                SELECT gen_random_uuid()::text, x.entry_id, \(statement.bind(model)), x.reason, \(statement.bind(priority)), 'pending',
                    \(statement.bind(now)), \(statement.bind(now))
                FROM unnest(\(statement.bind(piece.map(\.entryID)))::text[], \(statement.bind(piece.map(\.reason.rawValue)))::text[]) AS x(entry_id, reason)
                ON CONFLICT DO NOTHING RETURNING 1
                """
            added += try await session.query(statement.query(sql)).count
        }
        return added
    }

    /// `model`'s items waiting to be claimed and leased to a worker now.
    package func openCounts(model: String) async throws -> (pending: Int, processing: Int) {
        var statement = PostgresStatement()
        let sql = """
            SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'processing')
            FROM embedding_queue WHERE model = \(statement.bind(model)) AND status IN ('pending', 'processing')
            """
        let (pending, processing) = try await session.query(statement.query(sql)).first?.decode((Int, Int).self) ?? (0, 0)
        return (pending, processing)
    }

    /// Claims up to `limit` of `model`'s items for `owner` (expired leases reaped first), in claim order.
    package func claim(owner: String, limit: Int, leaseDuration: TimeInterval, model: String) async throws -> [EmbeddingQueueItem] {
        try await session.transaction { session in
            let ids = try await engine.claim(session, owner: owner, limit: limit, leaseDuration: leaseDuration, model: model)
            guard !ids.isEmpty else { return [] }
            var statement = PostgresStatement()
            let sql = "SELECT id, entry_id, model, reason, priority, attempts FROM embedding_queue WHERE id = ANY(\(statement.bind(ids)))"
            var byID: [String: EmbeddingQueueItem] = [:]
            for row in try await session.query(statement.query(sql)) {
                let (id, entryID, model, reasonText, priority, attempts) = try row.decode((String, String, String, String, Int, Int).self)
                guard let reason = EmbeddingReason(rawValue: reasonText) else {
                    throw QueueError.corruptRow(queue: .embedding, itemID: id, column: "reason", found: reasonText)
                }
                byID[id] = EmbeddingQueueItem(id: id, entryID: entryID, model: model, reason: reason, priority: priority, attempts: attempts)
            }
            return ids.compactMap { byID[$0] }
        }
    }

    /// How many items are in each state.
    package func statusCounts() async throws -> QueueStatusCounts {
        try await engine.statusCounts(session)
    }
}
