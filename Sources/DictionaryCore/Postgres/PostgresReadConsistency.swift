package import DictPostgres
import Foundation
import PostgresNIO

/// `ReadConsistency` over a PostgreSQL primary and a hot standby: a bookmark is the primary's WAL position
/// (`pg_current_wal_lsn()`, as D1's Sessions API hands out its own), the standby has caught up when
/// `pg_last_wal_replay_lsn()` reached it (polled every 10 ms), and primary reads go through the routing session
/// (`PostgresSession.routingReads`) the stores were given.
package struct PostgresReadConsistency: ReadConsistency {
    package let primary: PostgresSession
    package let standby: PostgresSession

    package init(primary: PostgresSession, standby: PostgresSession) {
        self.primary = primary
        self.standby = standby
    }

    package func bookmark() async throws -> String {
        try await primary.execute("SELECT pg_current_wal_lsn()::text").first?.decode(String.self) ?? "0/0"
    }

    /// A WAL position as PostgreSQL prints it: two hexadecimal numbers of at most 8 digits, `0/16B3748`.
    package func isValid(bookmark: String) -> Bool {
        let parts = bookmark.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(\.isHexDigit) }
    }

    package func replicaCaughtUp(to bookmark: String, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Not in recovery: the "standby" is a primary now (a failover promoted it) and has everything.
            let caught = try await standby.query("""
                SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= \(bookmark)::pg_lsn
                """).first?.decode(Bool.self) ?? false
            if caught { return true }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    package func readingPrimary<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await PostgresSession.readingPrimary(body)
    }
}
