package import DictStore
package import DictionaryCore
package import Foundation
import GRDB

/// Reading, re-queueing and purging dead letters of every queue.
package struct DeadLetterQueue: Sendable {
    /// The dictionary database.
    package let database: StoreDatabase
    /// The source of "now".
    package let clock: any WallClock
    /// The policy given to the engines that re-create items.
    package let policy: RetryPolicy

    /// Creates a value from its parts.
    package init(database: StoreDatabase, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.policy = policy
        self.clock = clock
    }

    /// Dead letters, newest first.
    package func list(limit: Int = 20, offset: Int = 0) throws -> [DeadLetter] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM dead_letter_queue ORDER BY moved_to_dlq_at DESC, id LIMIT ? OFFSET ?",
                arguments: [max(0, limit), max(0, offset)]
            ).map(DeadLetter.init(row:))
        }
    }

    /// Number of dead letters.
    package func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dead_letter_queue") ?? 0 }
    }

    /// Puts the dead letter's item back in its queue exactly as it was, pending with zero attempts; returns the
    /// item id. See `QueueEngine.requeue`.
    @discardableResult
    package func retry(id: String) throws -> String {
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
    package func purge(movedBefore cutoff: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM dead_letter_queue WHERE moved_to_dlq_at < ?", arguments: [Timestamp.format(cutoff)])
            return db.changesCount
        }
    }
}
