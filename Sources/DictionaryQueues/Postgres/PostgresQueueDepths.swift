package import DictPostgres
import PostgresNIO

/// `QueueDepths` on PostgreSQL's `dictionary` schema: the same queues, states and order, in one statement.
package enum PostgresQueueDepths {
    package static func read(_ session: PostgresSession) async throws -> [QueueDepths.Depth] {
        let counts = QueueDepths.openStates.map { table, statuses in
            "SELECT '\(table)', status, count(*) FROM \(table) WHERE status IN (\(statuses.map { "'\($0)'" }.joined(separator: ", "))) GROUP BY status"
        }.joined(separator: " UNION ALL ")
        var found: [String: Int] = [:]
        for row in try await session.execute(counts) {
            let (table, status, count) = try row.decode((String, String, Int).self)
            found["\(table) \(status)"] = count
        }
        return QueueDepths.openStates.flatMap { table, statuses in
            statuses.map { QueueDepths.Depth(queue: table, status: $0, count: found["\(table) \($0)"] ?? 0) }
        }
    }
}
