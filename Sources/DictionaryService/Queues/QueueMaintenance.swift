import DictStore
import Foundation

/// Counts of rows a purge removed.
public struct PurgeReport: Sendable, Equatable, Codable {
    public var completedSeedItems = 0
    public var completedEmbeddingItems = 0
    public var deadLetters = 0
    public var tokenUsageDays = 0

    public init() {}
}

/// Retention: deletes completed items, old dead letters and old token-usage days (pending, processing and
/// recently finished rows are never touched).
public struct QueueMaintenance: Sendable {
    public let database: StoreDatabase
    public let retention: RetentionPolicy
    public let clock: any WallClock

    public init(database: StoreDatabase, retention: RetentionPolicy = RetentionPolicy(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.retention = retention
        self.clock = clock
    }

    /// Applies the retention policy as of `clock.now()`.
    public func purge() throws -> PurgeReport {
        let now = clock.now()
        func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(max(0, days)) * 86_400) }
        var report = PurgeReport()
        try database.write { db in
            report.completedSeedItems = try QueueEngine(queue: .seed, clock: clock)
                .purgeCompleted(db, before: daysAgo(retention.completedItemDays))
            report.completedEmbeddingItems = try QueueEngine(queue: .embedding, clock: clock)
                .purgeCompleted(db, before: daysAgo(retention.completedItemDays))
        }
        report.deadLetters = try DeadLetterQueue(database: database, clock: clock).purge(movedBefore: daysAgo(retention.deadLetterDays))
        report.tokenUsageDays = try TokenLedger(database: database, clock: clock).purge(before: daysAgo(retention.tokenUsageDays))
        return report
    }
}
