package import DictStore
package import DictionaryCore
import Foundation

/// Retention: deletes completed items, old dead letters and old token-usage days (pending, processing and
/// recently finished rows are never touched).
package struct QueueMaintenance: Sendable {
    /// The dictionary database.
    package let database: StoreDatabase
    /// How long finished rows are kept.
    package let retention: RetentionPolicy
    /// The source of "now".
    package let clock: any WallClock

    /// Creates a value from its parts.
    package init(database: StoreDatabase, retention: RetentionPolicy = RetentionPolicy(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.retention = retention
        self.clock = clock
    }

    /// Applies the retention policy as of `clock.now()`.
    package func purge() throws -> PurgeReport {
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
