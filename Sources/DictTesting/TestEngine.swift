package import DictMigrations
package import DictPostgres
package import DictStore
import Foundation
import GRDB

/// Where a service test keeps its data: SQLite in memory or in a WAL file, or a throwaway PostgreSQL database on the
/// test cluster (`DICT_TEST_POSTGRES_URL`; without it the PostgreSQL case is left out, except when
/// `DICT_TEST_REQUIRE_POSTGRES=1`, where it runs and fails). One test body, every engine.
package enum TestEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory
    case file
    case postgres

    package var description: String { rawValue }

    /// The engines to run on here.
    package static var available: [TestEngine] {
        let required = ProcessInfo.processInfo.environment[PostgresTestDatabase.requireVariable] == "1"
        return PostgresTestDatabase.isAvailable || required ? allCases : [.memory, .file]
    }

    /// Runs `body` with a fresh database of `service`, migrated by its own files on this engine. On PostgreSQL the
    /// service under test gets a pool of `sessions` connections (`TestEngineDatabase.serviceSession`) and the test one
    /// more for its own statements, all with the service's schema on their search path.
    package func withDatabase(_ service: Service, sessions: Int = 1, _ body: (TestEngineDatabase) async throws -> Void) async throws {
        switch self {
        case .memory, .file:
            let (database, directory) = try (self == .memory ? DatabaseKind.memory : DatabaseKind.file).open(service)
            try await body(TestEngineDatabase(sqlite: database, sqliteDirectory: directory?.path, postgres: nil, serviceSession: nil))
            withExtendedLifetime(directory) {}
        case .postgres:
            try await PostgresTestDatabase.with { database in
                _ = try await PostgresSession.withSession(to: database.location) { session in
                    try await PostgresMigrationRunner(schema: service.rawValue, files: service.postgresMigrationFiles).migrate(in: session)
                }
                let own = try await PostgresSession.connect(to: database.location)
                let pool: PostgresSession
                do {
                    try await own.execute("SET search_path TO \(service.rawValue), public")
                    pool = try await PostgresSession.pooled(to: database.location, schema: service.rawValue, maximumConnections: sessions)
                } catch {
                    await own.close()
                    throw error
                }
                do {
                    try await body(TestEngineDatabase(sqlite: nil, sqliteDirectory: nil, postgres: own, serviceSession: pool))
                } catch {
                    await own.close()
                    await pool.close()
                    throw error
                }
                await own.close()
                await pool.close()
            }
        }
    }
}

/// A test's database on one engine: what the service under test is built on, and raw SQL for what a test does
/// behind the service's back (in the engine's own dialect where they differ).
package struct TestEngineDatabase: Sendable {
    /// The SQLite database (memory and file engines).
    package let sqlite: StoreDatabase?
    /// The data directory of a file database, for a second, independent connection pool.
    package let sqliteDirectory: String?
    /// The test's own PostgreSQL session.
    package let postgres: PostgresSession?
    /// The PostgreSQL session of the service under test: a pool of `sessions` connections.
    package let serviceSession: PostgresSession?

    package var isPostgres: Bool { postgres != nil }

    /// Runs one statement (SQLite: a script) in its own transaction.
    package func execute(_ sql: String) async throws {
        if let postgres {
            try await postgres.execute(sql)
        } else if let sqlite {
            try sqlite.write { db in try db.execute(sql: sql) }
        }
    }

    /// The first column of every row, as text.
    package func strings(_ sql: String) async throws -> [String] {
        if let postgres { return try await Self.texts(sql, on: postgres) }
        guard let sqlite else { return [] }
        return try sqlite.read { db in try String.fetchAll(db, sql: sql) }
    }
}
