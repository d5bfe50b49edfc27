package import DictPostgres
import PostgresNIO

/// What `dict queue status --database` shows, read from PostgreSQL's `dictionary` schema: the counts of
/// `SeedQueue.statusCounts`, `EmbeddingQueue.statusCounts`, `ManualReviewQueue.count` and `DeadLetterQueue.count`,
/// and `SeedQueue.items` in the same order.
package struct PostgresQueueStatus: Sendable {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    /// The seed and embedding queues' counts.
    package func counts() async throws -> (seed: QueueStatusCounts, embedding: QueueStatusCounts) {
        (try await PostgresQueueEngine(queue: .seed).statusCounts(session), try await PostgresQueueEngine(queue: .embedding).statusCounts(session))
    }

    /// Pending manual reviews and dead letters.
    package func waiting() async throws -> (pendingReviews: Int, deadLetters: Int) {
        let row = try await session.execute("""
            SELECT (SELECT count(*) FROM manual_review_queue WHERE status = 'pending'), (SELECT count(*) FROM dead_letter_queue)
            """).first
        return try row?.decode((Int, Int).self) ?? (0, 0)
    }

    /// The first `limit` seed items: in progress, then pending, then the rest; by priority, then age.
    package func seedItems(limit: Int) async throws -> [SeedQueueItem] {
        var statement = PostgresStatement()
        let sql = """
            SELECT id, term, normalized_term, languages::text, completed_languages::text, priority, status, attempts, error_message,
                error_type, retry_after, lease_owner, created_at FROM seed_queue
            ORDER BY CASE status WHEN 'processing' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, priority DESC, created_at, id
            LIMIT \(statement.bind(max(0, limit)))
            """
        return try await session.query(statement.query(sql)).map { row in
            let columns = row.makeRandomAccess()
            return try SeedQueueItem(
                id: columns[0].decode(String.self), term: columns[1].decode(String.self), normalizedTerm: columns[2].decode(String.self),
                languagesJSON: columns[3].decode(String.self), completedLanguagesJSON: columns[4].decode(String.self),
                priority: columns[5].decode(Int.self), status: columns[6].decode(String.self), attempts: columns[7].decode(Int.self),
                errorMessage: columns[8].decode(String?.self), errorType: columns[9].decode(String?.self),
                retryAfter: columns[10].decode(String?.self), leaseOwner: columns[11].decode(String?.self),
                createdAt: columns[12].decode(String.self))
        }
    }
}
