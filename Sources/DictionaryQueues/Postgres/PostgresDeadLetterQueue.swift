package import DictPostgres
import DictStore
package import DictionaryCore
package import Foundation
import PostgresNIO

/// `DeadLetterQueue` on PostgreSQL's `dictionary` schema: reading, re-queueing and purging dead letters of every queue.
package struct PostgresDeadLetterQueue: Sendable {
    package let session: PostgresSession
    package let policy: RetryPolicy
    package let clock: any WallClock

    package init(session: PostgresSession, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.session = session
        self.policy = policy
        self.clock = clock
    }

    /// As `DeadLetterQueue.list`: newest first.
    package func list(limit: Int = 20, offset: Int = 0) async throws -> [DeadLetter] {
        var statement = PostgresStatement()
        let sql = """
            SELECT id, original_id, queue_name, term, languages::text, priority, failure_reason, error_type, failure_analysis::text,
                attempts, moved_to_dlq_at
            FROM dead_letter_queue ORDER BY moved_to_dlq_at DESC, id LIMIT \(statement.bind(max(0, limit))) OFFSET \(statement.bind(max(0, offset)))
            """
        return try await session.query(statement.query(sql)).map { row in
            let c = row.makeRandomAccess()
            return try DeadLetter(
                id: c[0].decode(String.self), originalID: c[1].decode(String.self), queueName: c[2].decode(String.self),
                term: c[3].decode(String?.self), languages: c[4].decode(String?.self), priority: c[5].decode(Int.self),
                failureReason: c[6].decode(String.self), errorType: c[7].decode(String?.self), failureAnalysis: c[8].decode(String?.self),
                attempts: c[9].decode(Int.self), movedAt: c[10].decode(String.self))
        }
    }

    /// As `DeadLetterQueue.count`.
    package func count() async throws -> Int {
        try await session.execute("SELECT count(*) FROM dead_letter_queue").first?.decode(Int.self) ?? 0
    }

    /// As `DeadLetterQueue.retry`: the item back in its queue exactly as it was, pending with zero attempts.
    @discardableResult
    package func retry(id: String) async throws -> String {
        try await session.transaction { session in
            var statement = PostgresStatement()
            let sql = "SELECT queue_name FROM dead_letter_queue WHERE id = \(statement.bind(id))"
            guard let name = try await session.query(statement.query(sql)).first?.decode(String.self) else {
                throw QueueError.deadLetterNotFound(id: id)
            }
            guard let queue = QueueName(rawValue: name) else { throw QueueError.corruptPayload(deadLetterID: id, reason: "unknown queue \(name)") }
            return try await PostgresQueueEngine(queue: queue, policy: policy, clock: clock).requeue(session, deadLetterID: id)
        }
    }

    /// As `DeadLetterQueue.purge`.
    @discardableResult
    package func purge(movedBefore cutoff: Date) async throws -> Int {
        var statement = PostgresStatement()
        let sql = "DELETE FROM dead_letter_queue WHERE moved_to_dlq_at < \(statement.bind(Timestamp.format(cutoff))) RETURNING 1"
        return try await session.query(statement.query(sql)).count
    }
}
