import GRDB

/// One `dead_letter_queue` row (the payload itself stays in the database).
public struct DeadLetter: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    public var id: String
    /// The queue item's id; a retry re-creates the item under this id.
    public var originalID: String
    /// The queue worked on.
    public var queue: QueueName
    /// The term as submitted.
    public var term: String?
    /// Language codes (JSON array text for dead letters).
    public var languages: String?
    /// 1 (lowest) to 10 (highest); claims take higher priorities first.
    public var priority: Int
    /// The last error message.
    public var failureReason: String
    /// The last failure's `QueueErrorType` raw value.
    public var errorType: String?
    /// JSON: `{error_type, is_retryable, suggested_action, attempts, max_attempts, estimated_recovery_time?}`.
    public var failureAnalysis: String?
    /// Claims so far.
    public var attempts: Int
    /// When the item was dead-lettered.
    public var movedAt: String

    init(row: Row) throws {
        id = row["id"]
        originalID = row["original_id"]
        let queueText: String = row["queue_name"]
        guard let queue = QueueName(rawValue: queueText) else {
            throw QueueError.corruptPayload(deadLetterID: row["id"], reason: "unknown queue \(queueText)")
        }
        self.queue = queue
        term = row["term"]
        languages = row["languages"]
        priority = row["priority"]
        failureReason = row["failure_reason"]
        errorType = row["error_type"]
        failureAnalysis = row["failure_analysis"]
        attempts = row["attempts"]
        movedAt = row["moved_to_dlq_at"]
    }
}
