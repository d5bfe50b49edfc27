package import DictStore
import GRDB

/// Open items (waiting or leased) in every work queue, for the `dict_queue_depth` gauge: one indexed
/// `GROUP BY status` per queue in one read snapshot, every status listed even when it has no items.
package enum QueueDepths {
    /// One gauge sample: a queue, one of its open states, and how many items are in it.
    package struct Depth: Sendable, Equatable {
        package var queue: String
        package var status: String
        package var count: Int
    }

    /// Each queue's table and its open states.
    package static let openStates: [(table: String, statuses: [String])] = [
        ("seed_queue", ["pending", "processing"]),
        ("embedding_queue", ["pending", "processing"]),
        ("enhancement_queue", ["pending", "processing"]),
        ("manual_review_queue", ["pending", "reviewing"]),
    ]

    /// The depths in `database`, queue by queue in the order above.
    package static func read(_ database: StoreDatabase) throws -> [Depth] {
        try database.read { db in
            var depths: [Depth] = []
            for (table, statuses) in openStates {
                var counts: [String: Int] = [:]
                let list = statuses.map { "'\($0)'" }.joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM \(table) WHERE status IN (\(list)) GROUP BY status") {
                    counts[row["status"]] = row["n"]
                }
                depths += statuses.map { Depth(queue: table, status: $0, count: counts[$0] ?? 0) }
            }
            return depths
        }
    }
}
