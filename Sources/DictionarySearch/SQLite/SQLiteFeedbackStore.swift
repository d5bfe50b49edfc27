package import DictStore
import DictionaryCore
import GRDB

/// `FeedbackStore` on the SQLite dictionary database.
package struct SQLiteFeedbackStore: FeedbackStore {
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    package func insert(_ feedback: FeedbackService.Feedback, id: String, createdAt: String, queueEnhancement: Bool) throws {
        try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM dictionary_entries WHERE id = ?", arguments: [feedback.entryID]) != nil else {
                throw FeedbackService.FeedbackError.entryNotFound(id: feedback.entryID)
            }
            try db.execute(sql: """
                INSERT INTO user_feedback (id, entry_id, user_id, rating, helpful, feedback_text, feedback_type, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, feedback.entryID, feedback.userID, feedback.rating, feedback.helpful.map { $0 ? 1 : 0 },
                                 feedback.text, feedback.type?.rawValue, createdAt])
            if queueEnhancement {
                try db.execute(sql: """
                    INSERT INTO enhancement_queue (id, entry_id, priority, reason, created_at)
                    VALUES (?, ?, 8, 'user_feedback', ?) ON CONFLICT DO NOTHING
                    """, arguments: [RandomRowID.make(), feedback.entryID, createdAt])
            }
        }
    }
}
