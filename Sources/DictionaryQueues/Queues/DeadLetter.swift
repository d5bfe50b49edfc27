import GRDB

/// One `dead_letter_queue` row (the payload itself stays in the database).
package struct DeadLetter: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    package var id: String
    /// The queue item's id; a retry re-creates the item under this id.
    package var originalID: String
    /// The queue worked on.
    package var queue: QueueName
    /// The term as submitted.
    package var term: String?
    /// Language codes (JSON array text for dead letters).
    package var languages: String?
    /// 1 (lowest) to 10 (highest); claims take higher priorities first.
    package var priority: Int
    /// The last error message.
    package var failureReason: String
    /// The last failure's `QueueErrorType` raw value.
    package var errorType: String?
    /// JSON: `{error_type, is_retryable, suggested_action, attempts, max_attempts, estimated_recovery_time?}`.
    package var failureAnalysis: String?
    /// Claims so far.
    package var attempts: Int
    /// When the item was dead-lettered.
    package var movedAt: String

    init(row: Row) throws {
        try self.init(
            id: row["id"], originalID: row["original_id"], queueName: row["queue_name"], term: row["term"], languages: row["languages"],
            priority: row["priority"], failureReason: row["failure_reason"], errorType: row["error_type"],
            failureAnalysis: row["failure_analysis"], attempts: row["attempts"], movedAt: row["moved_to_dlq_at"])
    }

    /// A dead letter from its column values (JSON columns as text), for either engine's rows.
    init(
        id: String, originalID: String, queueName: String, term: String?, languages: String?, priority: Int, failureReason: String,
        errorType: String?, failureAnalysis: String?, attempts: Int, movedAt: String
    ) throws {
        guard let queue = QueueName(rawValue: queueName) else {
            throw QueueError.corruptPayload(deadLetterID: id, reason: "unknown queue \(queueName)")
        }
        self.id = id
        self.originalID = originalID
        self.queue = queue
        self.term = term
        self.languages = languages
        self.priority = priority
        self.failureReason = failureReason
        self.errorType = errorType
        self.failureAnalysis = failureAnalysis
        self.attempts = attempts
        self.movedAt = movedAt
    }
}
