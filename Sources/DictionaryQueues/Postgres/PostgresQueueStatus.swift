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
        try await PostgresSeedQueue(session: session).items(limit: limit)
    }
}
