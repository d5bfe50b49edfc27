package import DictMigrations
package import DictPostgres
import Foundation

/// A throwaway database on the test cluster that `scripts/test.sh` starts (`scripts/postgres.sh`) and names in
/// `DICT_TEST_POSTGRES_URL`; `url` is its URL for a `dict --database` run. Each test creates its own database and drops it, so tests run in parallel and leave
/// nothing behind. Without the variable the PostgreSQL tests are disabled, except in CI, where
/// `DICT_TEST_REQUIRE_POSTGRES=1` turns a missing cluster into a failing test.
package struct PostgresTestDatabase: Sendable {
    package static let urlVariable = "DICT_TEST_POSTGRES_URL"
    package static let requireVariable = "DICT_TEST_REQUIRE_POSTGRES"

    package static var serverURL: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    package static var isAvailable: Bool { serverURL != nil }

    /// A hot standby of the test cluster (`scripts/postgres.sh standby`), named in `DICT_TEST_POSTGRES_STANDBY_URL`;
    /// it replays every test database the primary creates.
    package static let standbyVariable = "DICT_TEST_POSTGRES_STANDBY_URL"

    package static var standbyServerURL: String? {
        ProcessInfo.processInfo.environment[standbyVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    package static var hasStandby: Bool { isAvailable && standbyServerURL != nil }

    package let location: PostgresLocation
    let server: PostgresLocation

    /// Creates `dict_test_<random>` on the test cluster.
    package static func create() async throws -> PostgresTestDatabase {
        guard let serverURL else { throw PostgresTestError.noCluster }
        let server = try PostgresLocation(url: serverURL)
        let name = "dict_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await PostgresSession.withSession(to: server) { admin in try await admin.execute("CREATE DATABASE \(name)") }
        return PostgresTestDatabase(location: server.with(database: String(name)), server: server)
    }

    /// This database's URL, password included, for `dict … --database`.
    package var url: String {
        let password = location.password.map { ":" + $0 } ?? ""
        return "postgres://\(location.user)\(password)@\(location.host):\(location.port)/\(location.database)"
    }

    /// A new session on this database.
    package func session() async throws -> PostgresSession {
        try await PostgresSession.connect(to: location)
    }

    /// Drops the database (every session on it must be closed).
    package func drop() async throws {
        try await PostgresSession.withSession(to: server) { admin in
            try await admin.execute("DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)")
        }
    }

    /// Runs `body` with a fresh database and drops it afterwards, also when `body` throws.
    package static func with<T: Sendable>(_ body: (PostgresTestDatabase) async throws -> T) async throws -> T {
        let database = try await create()
        do {
            let value = try await body(database)
            try await database.drop()
            return value
        } catch {
            try? await database.drop()
            throw error
        }
    }
}

extension PostgresTestDatabase {
    /// Runs `body` with a session on a fresh database whose `service` schema is migrated and on the search path.
    package static func withMigratedSchema<T: Sendable>(_ service: Service, _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: service.rawValue, files: service.postgresMigrationFiles).migrate(in: session)
            }
            return try await PostgresSession.withSession(to: database.location, schema: service.rawValue, body)
        }
    }
}

package enum PostgresTestError: Error, CustomStringConvertible {
    case noCluster

    package var description: String { "no PostgreSQL test cluster: set \(PostgresTestDatabase.urlVariable) (scripts/postgres.sh start DIR prints one)" }
}
