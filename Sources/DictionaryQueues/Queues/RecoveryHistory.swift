import DictStore
import DictionaryCore
import Foundation
import GRDB

/// What happened to an item on its way through failure handling; the raw value is `recovery_history.action`.
package enum RecoveryAction: String, Sendable, Codable, CaseIterable {
    /// The item failed and will be claimable again at its `retry_after`.
    case retryScheduled = "retry_scheduled"
    /// The item left its queue for the dead-letter queue.
    case movedToDLQ = "moved_to_dlq"
    /// The item came back: an expired lease returned it to `pending`, or a dead letter was re-queued.
    case recovered
}

/// Writes `recovery_history` rows: one for every scheduled retry, dead-lettering and recovery, always inside the
/// transaction that made the change, so the history never disagrees with the queues.
enum RecoveryHistory {
    static func record(
        _ db: Database, queue: QueueName, itemID: String, term: String?, action: RecoveryAction,
        errorType: QueueErrorType?, details: [String: Any], at now: Date
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO recovery_history (id, queue_name, item_id, term, action, error_type, details, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                RandomRowID.make(), queue.rawValue, itemID, term, action.rawValue, errorType?.rawValue,
                JSONText.encode(details), Timestamp.format(now),
            ]
        )
    }
}
