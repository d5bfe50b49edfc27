import DictStore
import Foundation
import GRDB

/// One `dead_letter_queue` row (the payload itself stays in the database).
public struct DeadLetter: Sendable, Equatable, Codable {
    public var id: String
    /// The queue item's id; a retry re-creates the item under this id.
    public var originalID: String
    public var queue: QueueName
    public var term: String?
    public var languages: String?
    public var priority: Int
    public var failureReason: String
    public var errorType: String?
    /// JSON: `{error_type, is_retryable, suggested_action, attempts, max_attempts, estimated_recovery_time?}`.
    public var failureAnalysis: String?
    public var attempts: Int
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

/// Reading, re-queueing and purging dead letters of every queue.
public struct DeadLetterQueue: Sendable {
    public let database: StoreDatabase
    public let clock: any WallClock
    /// The policy given to the engines that re-create items.
    public let policy: RetryPolicy

    public init(database: StoreDatabase, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.policy = policy
        self.clock = clock
    }

    /// Dead letters, newest first.
    public func list(limit: Int = 20, offset: Int = 0) throws -> [DeadLetter] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM dead_letter_queue ORDER BY moved_to_dlq_at DESC, id LIMIT ? OFFSET ?",
                arguments: [max(0, limit), max(0, offset)]
            ).map(DeadLetter.init(row:))
        }
    }

    /// Puts the dead letter's item back in its queue exactly as it was, pending with zero attempts; returns the
    /// item id. See `QueueEngine.requeue`.
    @discardableResult
    public func retry(id: String) throws -> String {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM dead_letter_queue WHERE id = ?", arguments: [id]) else {
                throw QueueError.deadLetterNotFound(id: id)
            }
            let letter = try DeadLetter(row: row)
            return try QueueEngine(queue: letter.queue, policy: policy, clock: clock).requeue(db, deadLetter: row)
        }
    }

    /// Deletes dead letters moved before `cutoff`; returns how many.
    @discardableResult
    public func purge(movedBefore cutoff: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM dead_letter_queue WHERE moved_to_dlq_at < ?", arguments: [Timestamp.format(cutoff)])
            return db.changesCount
        }
    }
}
