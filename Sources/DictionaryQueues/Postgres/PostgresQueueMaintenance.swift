package import DictPostgres
package import DictionaryCore
import Foundation

/// `QueueMaintenance` on PostgreSQL: the same retention policy (completed items, old dead letters, old token-usage
/// days; open and recently finished rows are never touched).
package struct PostgresQueueMaintenance: Sendable {
    package let session: PostgresSession
    package let retention: RetentionPolicy
    package let clock: any WallClock

    package init(session: PostgresSession, retention: RetentionPolicy = RetentionPolicy(), clock: any WallClock = SystemWallClock()) {
        self.session = session
        self.retention = retention
        self.clock = clock
    }

    /// As `QueueMaintenance.purge`.
    package func purge() async throws -> PurgeReport {
        let now = clock.now()
        func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(max(0, days)) * 86_400) }
        var report = PurgeReport()
        (report.completedSeedItems, report.completedEmbeddingItems) = try await session.transaction { session in
            (try await PostgresQueueEngine(queue: .seed, clock: clock).purgeCompleted(session, before: daysAgo(retention.completedItemDays)),
             try await PostgresQueueEngine(queue: .embedding, clock: clock).purgeCompleted(session, before: daysAgo(retention.completedItemDays)))
        }
        report.deadLetters = try await PostgresDeadLetterQueue(session: session, clock: clock).purge(movedBefore: daysAgo(retention.deadLetterDays))
        report.tokenUsageDays = try await PostgresTokenLedger(session: session, clock: clock).purge(before: daysAgo(retention.tokenUsageDays))
        return report
    }
}
