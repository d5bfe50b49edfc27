package import DictPostgres
import DictionaryCore
import PostgresNIO

/// `FeedbackStore` on PostgreSQL's `dictionary` schema: the same rows as on SQLite. The entry is locked
/// (`FOR KEY SHARE`) for the transaction, so it cannot be deleted between the check and the inserts.
package struct PostgresFeedbackStore: FeedbackStore {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    package func insert(_ feedback: FeedbackService.Feedback, id: String, createdAt: String, queueEnhancement: Bool) async throws {
        try await session.transaction { session in
            var check = PostgresStatement()
            let checkSQL = "SELECT 1 FROM dictionary_entries WHERE id = \(check.bind(feedback.entryID)) FOR KEY SHARE"
            guard try await !session.query(check.query(checkSQL)).isEmpty else {
                throw FeedbackService.FeedbackError.entryNotFound(id: feedback.entryID)
            }
            var insert = PostgresStatement()
            let insertSQL = """
                INSERT INTO user_feedback (id, entry_id, user_id, rating, helpful, feedback_text, feedback_type, created_at)
                VALUES (\(insert.bind(id)), \(insert.bind(feedback.entryID)), \(insert.bind(feedback.userID)),
                    \(insert.bind(feedback.rating))::bigint, \(insert.bind(feedback.helpful.map { $0 ? 1 : 0 }))::bigint,
                    \(insert.bind(feedback.text)), \(insert.bind(feedback.type?.rawValue)), \(insert.bind(createdAt)))
                """
            try await session.query(insert.query(insertSQL))
            if queueEnhancement {
                var queue = PostgresStatement()
                let queueSQL = """
                    INSERT INTO enhancement_queue (id, entry_id, priority, reason, created_at)
                    VALUES (\(queue.bind(RandomRowID.make())), \(queue.bind(feedback.entryID)), 8, 'user_feedback', \(queue.bind(createdAt)))
                    ON CONFLICT DO NOTHING
                    """
                try await session.query(queue.query(queueSQL))
            }
        }
    }
}
