package import DictPostgres
import Foundation
import PostgresNIO

extension PostgresTestDatabase {
    /// This database on the standby (read-only, as far as it has replayed), for `dict … --read-database`.
    package var standbyURL: String? {
        guard let standby = Self.standbyServerURL.flatMap({ try? PostgresLocation(url: $0) }) else { return nil }
        let password = standby.password.map { ":" + $0 } ?? ""
        return "postgres://\(standby.user)\(password)@\(standby.host):\(standby.port)/\(location.database)"
    }

    /// Waits (at most `timeout` seconds) until the standby has replayed everything the primary wrote so far.
    /// - Returns: whether it caught up. - Throws: `StandbyNotInRecovery` when the standby replays nothing.
    /// Asks the standby's own server database: this database may not exist there yet (its `CREATE DATABASE` not yet
    /// replayed), and replay progress is the whole cluster's anyway.
    package func waitForStandby(timeout: Double = 30) async throws -> Bool {
        guard let url = Self.standbyServerURL else { return false }
        let target = try await PostgresSession.withSession(to: server) { primary in
            try await primary.execute("SELECT pg_current_wal_lsn()::text").first?.decode(String.self) ?? "0/0"
        }
        let deadline = Date().addingTimeInterval(timeout)
        let location = try PostgresLocation(url: url)
        return try await PostgresSession.withSession(to: location) { standby in
            guard try await standby.execute("SELECT pg_is_in_recovery()").first?.decode(Bool.self) == true else {
                throw StandbyNotInRecovery(url: "\(location.host):\(location.port)")
            }
            while Date() < deadline {
                let caught = try await standby.execute("SELECT pg_last_wal_replay_lsn() >= '\(target)'::pg_lsn").first?.decode(Bool.self) ?? false
                if caught { return true }
                try await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
    }
}
