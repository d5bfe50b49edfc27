import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing

/// `PostgresSession.pooled` (what `dict serve --database` runs on) and `PostgresBlockingConnection` (its analytics
/// writer's connection).
@Suite("PostgreSQL connection pool", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresSessionPoolTests {
    @Test("Statements run at once on several connections, each transaction on one, names resolve in the schema")
    func poolRunsConcurrentlyWithinItsBound() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { admin in
                try await admin.execute("CREATE SCHEMA svc")
                try await admin.execute("CREATE TABLE svc.items (n bigint PRIMARY KEY)")
            }
            let pool = try await PostgresSession.pooled(to: database.location, schema: "svc", maximumConnections: 3)
            do {
                // 12 sleeping statements at once: they need several connections, and never more than 3.
                let pids = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<12 {
                        group.addTask { try await pool.execute("SELECT pg_backend_pid(), pg_sleep(0.05)").first!.decode((Int, String).self).0 }
                    }
                    return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
                }
                #expect(pids.count > 1 && pids.count <= 3, "backends used: \(pids.count)")
                // Unqualified names are the schema's on every pooled connection.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<20 { group.addTask { try await pool.execute("INSERT INTO items VALUES (\(n))") } }
                    try await group.waitForAll()
                }
                #expect(try await pool.execute("SELECT count(*) FROM items").first?.decode(Int.self) == 20)
                // A transaction holds one connection: its statements see one backend and roll back together.
                await #expect(throws: PostgresFailure.self) {
                    try await pool.transaction { session in
                        let first = try await session.execute("SELECT pg_backend_pid()").first!.decode(Int.self)
                        try await session.execute("DELETE FROM items")
                        #expect(try await session.execute("SELECT pg_backend_pid()").first!.decode(Int.self) == first)
                        try await session.execute("INSERT INTO items VALUES (1000)")
                        try await session.execute("INSERT INTO items VALUES (1000)")  // duplicate key: the transaction fails
                    }
                }
                #expect(try await pool.execute("SELECT count(*) FROM items").first?.decode(Int.self) == 20)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }

    @Test("A refused login fails when the pool is made, with the server's message (not at the first request)")
    func badPasswordFailsAtOnce() async throws {
        let server = try PostgresLocation(url: try #require(PostgresTestDatabase.serverURL))
        let wrong = try PostgresLocation(url: "postgres://\(server.user):not-the-password@\(server.host):\(server.port)/\(server.database)", environment: [:])
        let error = await #expect(throws: PostgresFailure.self) { _ = try await PostgresSession.pooled(to: wrong, schema: "svc", maximumConnections: 2) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("password authentication failed"))
    }

    @Test("The blocking connection answers from a plain thread and reopens after its server closed it")
    func blockingConnectionReopens() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { admin in try await admin.execute("CREATE SCHEMA svc") }
            let connection = try PostgresBlockingConnection(to: database.location, schema: "svc")
            let first = try connection.query("SELECT pg_backend_pid(), current_schema()").first!.decode((Int, String).self)
            #expect(first.1 == "svc")
            try await PostgresSession.withSession(to: database.location) { admin in
                try await admin.execute("SELECT pg_terminate_backend(\(first.0))")
            }
            // The first statement after the kill fails or finds the connection closed; the next one reconnects.
            _ = try? connection.query("SELECT 1")
            let second = try connection.query("SELECT pg_backend_pid()").first!.decode(Int.self)
            #expect(second != first.0)
            connection.close()
        }
    }
}
