import ScoresService
import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import GRDB
import PostgresNIO

/// Where a test's scores service keeps its data: SQLite in memory or in a WAL file, or a throwaway PostgreSQL database
/// on the test cluster (`DICT_TEST_POSTGRES_URL`; without it the PostgreSQL case is left out, except when
/// `DICT_TEST_REQUIRE_POSTGRES=1`, where it runs and fails). One test body, every engine.
enum ScoresEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory
    case file
    case postgres

    var description: String { rawValue }

    /// The engines to run on here.
    static var available: [ScoresEngine] {
        let required = ProcessInfo.processInfo.environment[PostgresTestDatabase.requireVariable] == "1"
        return PostgresTestDatabase.isAvailable || required ? allCases : [.memory, .file]
    }

    /// Runs `body` with a service over a fresh, migrated scores database of this engine and raw access to that database.
    /// On PostgreSQL the service runs its operations on `sessions` connections of its own, so that many run at once.
    func withService(sessions: Int = 1, _ body: (ScoresService, ScoresTestDatabase) async throws -> Void) async throws {
        switch self {
        case .memory, .file:
            let (database, directory) = try (self == .memory ? DatabaseKind.memory : DatabaseKind.file).open(.scores)
            try await body(ScoresService(database: database), ScoresTestDatabase(sqlite: database, sqliteDirectory: directory?.path, postgres: nil))
            withExtendedLifetime(directory) {}
        case .postgres:
            try await PostgresTestDatabase.with { database in
                _ = try await PostgresSession.withSession(to: database.location) { session in
                    try await PostgresMigrationRunner(schema: Service.scores.rawValue, files: Service.scores.postgresMigrationFiles).migrate(in: session)
                }
                var opened: [PostgresSession] = []
                do {
                    for _ in 0..<(sessions + 1) {
                        let session = try await PostgresSession.connect(to: database.location)
                        opened.append(session)
                        try await session.execute("SET search_path TO scores, public")
                    }
                    let service = ScoresService(store: PostgresScoresStore(sessions: Array(opened.dropFirst())))
                    try await body(service, ScoresTestDatabase(sqlite: nil, sqliteDirectory: nil, postgres: opened[0]))
                } catch {
                    for session in opened { await session.close() }
                    throw error
                }
                for session in opened { await session.close() }
            }
        }
    }
}

/// Raw SQL on a test's database, for what a test does behind the service's back (the statements are the engine's
/// own dialect where they differ).
struct ScoresTestDatabase: Sendable {
    let sqlite: StoreDatabase?
    /// The data directory of a file database (for a second, independent connection pool).
    let sqliteDirectory: String?
    let postgres: PostgresSession?

    var isPostgres: Bool { postgres != nil }

    /// Runs one statement (SQLite: a script) in its own transaction.
    func execute(_ sql: String) async throws {
        if let postgres {
            try await postgres.execute(sql)
        } else if let sqlite {
            try sqlite.write { db in try db.execute(sql: sql) }
        }
    }

    /// The first column of every row, as text.
    func strings(_ sql: String) async throws -> [String] {
        if let postgres { return try await postgres.execute(sql).map { try $0.decode(String.self) } }
        guard let sqlite else { return [] }
        return try sqlite.read { db in try String.fetchAll(db, sql: sql) }
    }
}
