package import DictStore
import Foundation

/// The three service databases. Each keeps its own SQLite file in the data directory and its own
/// migrations in `migrations/<rawValue>/`; services never share a database (the schema spec's isolation).
package enum Service: String, CaseIterable, Sendable {
    case dictionary
    case scores
    case api

    /// The database file name inside the data directory.
    package var fileName: String { "\(rawValue).db" }

    /// This service's migration files, embedded at build time, in file-name order.
    package var migrationFiles: [MigrationFile] {
        EmbeddedMigrations.files(for: rawValue).map { MigrationFile(name: $0.name, sql: $0.sql) }
    }

    /// This service's PostgreSQL migration files (`migrations/postgres/<rawValue>/`), embedded at build time.
    package var postgresMigrationFiles: [MigrationFile] {
        EmbeddedMigrations.files(for: "postgres/" + rawValue).map { MigrationFile(name: $0.name, sql: $0.sql) }
    }

    /// A runner over the embedded migration files.
    package func migrationRunner() throws -> MigrationRunner {
        try MigrationRunner(files: migrationFiles)
    }

    /// Opens this service's database in `dataDirectory` (or `:memory:` when it is ":memory:") and, unless
    /// `migrate` is false, applies pending migrations.
    package func open(
        dataDirectory: String, migrate: Bool = true, configuration: StoreConfiguration = StoreConfiguration()
    ) throws -> StoreDatabase {
        let location: DatabaseLocation = dataDirectory == ":memory:"
            ? .inMemory
            : .file(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName).path)
        let database = try StoreDatabase(location: location, configuration: configuration)
        if migrate { try migrationRunner().migrate(database) }
        return database
    }

    /// Opens a fresh, migrated in-memory database of this service (tests, scratch work).
    package func openInMemory() throws -> StoreDatabase {
        try open(dataDirectory: ":memory:")
    }
}
