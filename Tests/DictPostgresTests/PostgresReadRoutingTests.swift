import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing

/// `PostgresSession.routingReads` (what `dict serve --database` reads through): statements go to the standby, or to
/// the primary inside `readingPrimary`; a read whose connection is cut under it (a failover, a restart) is asked
/// again once, and nothing else is.
@Suite("PostgreSQL read routing", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresReadRoutingTests {
    /// Terminates, from another connection, the first backend of this database that runs `pg_sleep` (waiting for it).
    /// Only an active one: an idle backend keeps its last statement in `pg_stat_activity`, so the retried read's
    /// connection would otherwise be cut in place of the plain pool's running one.
    static func cutSleeper(_ database: PostgresTestDatabase) async throws -> Bool {
        try await PostgresSession.withSession(to: database.location) { admin in
            for _ in 0..<100 {
                let cut = try await admin.execute("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
                      AND query LIKE '%pg_sleep(0.8)%'
                    """).first?.decode(Int.self) ?? 0
                if cut > 0 { return true }
                try await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
    }

    @Test("A read cut mid-statement is asked again on a new connection; a plain pool's is not")
    func cutReadIsRetriedOnce() async throws {
        try await PostgresTestDatabase.with { database in
            let pool = try await PostgresSession.pooled(to: database.location, schema: "public", maximumConnections: 2)
            let reads = PostgresSession.routingReads(standby: pool, primary: pool)
            do {
                async let answer = reads.execute("SELECT pg_sleep(0.8)::text, 42")
                #expect(try await Self.cutSleeper(database))
                let rows = try await answer
                let value = try rows.first.map { try $0.decode((String, Int).self).1 }
                #expect(value == 42, "the retried read answers")

                let plain = Task { try await pool.execute("SELECT pg_sleep(0.8)::text, 42") }
                #expect(try await Self.cutSleeper(database))
                await #expect(throws: PostgresFailure.self) { _ = try await plain.value }
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }

    @Test("Statements go to the standby session, and to the primary inside readingPrimary")
    func routesByTaskLocal() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { standby in
                try await PostgresSession.withSession(to: database.location) { primary in
                    let reads = PostgresSession.routingReads(standby: standby, primary: primary)
                    let (standbyPID, primaryPID) = (try await standby.execute("SELECT pg_backend_pid()").first!.decode(Int.self),
                                                    try await primary.execute("SELECT pg_backend_pid()").first!.decode(Int.self))
                    #expect(try await reads.execute("SELECT pg_backend_pid()").first!.decode(Int.self) == standbyPID)
                    let routed = try await PostgresSession.readingPrimary {
                        try await reads.execute("SELECT pg_backend_pid()").first!.decode(Int.self)
                    }
                    #expect(routed == primaryPID)
                    #expect(try await reads.transaction { try await $0.execute("SELECT pg_backend_pid()").first!.decode(Int.self) } == standbyPID)
                }
            }
        }
    }
}

/// A one-connection session whose backend the server ended fails its next statement at once instead of waiting.
@Suite("PostgreSQL closed connection", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresClosedConnectionTests {
    @Test("A statement on a connection the server closed fails at once, as transient")
    func closedConnectionFails() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                let pid = try await session.execute("SELECT pg_backend_pid()").first!.decode(Int.self)
                try await PostgresSession.withSession(to: database.location) { admin in
                    _ = try await admin.execute("SELECT pg_terminate_backend(\(pid))")
                }
                try await Task.sleep(for: .milliseconds(300))
                let failure = await #expect(throws: PostgresFailure.self) {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { _ = try await session.execute("SELECT 1") }
                        group.addTask {
                            try await Task.sleep(for: .seconds(5))
                            throw CancellationError()
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                #expect(failure?.transient == true, "\(String(describing: failure))")
            }
        }
    }
}
