package import DictStore
import PostgresNIO

/// Applies one service's PostgreSQL migrations (`migrations/postgres/<service>/`) into the schema named after the
/// service, with the SQLite runner's discipline: file-name order; each file in one transaction together with its
/// row in `<schema>.schema_migrations` (name, sha256, applied time); an applied file that changed, or an applied
/// name with no file, stops the run before anything changes. Concurrent runs (two `dict migrate` against one
/// database) are serialized by a session-level advisory lock held for the whole run, so each file is applied once.
package struct PostgresMigrationRunner: Sendable {
    /// The advisory lock key every `dict migrate` takes: "dict" in ASCII.
    package static let advisoryLockKey: Int64 = 0x6469_6374

    package let schema: String
    /// The files in order and the checks of their recorded state, shared with the SQLite runner.
    private let catalog: MigrationRunner

    /// `schema` must be a plain lowercase identifier (it is written into statements).
    package init(schema: String, files: [MigrationFile]) throws {
        self.schema = try Self.checkedSchemaName(schema)
        self.catalog = try MigrationRunner(files: files)
    }

    /// `schema` when it is a plain lowercase identifier (safe to write into a statement).
    package static func checkedSchemaName(_ schema: String) throws -> String {
        guard !schema.isEmpty, schema.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }) else {
            throw PostgresMigrationError.badSchemaName(schema)
        }
        return schema
    }

    /// Throws `PostgresMigrationError.notMigrated` unless every file is applied: the commands that read and write
    /// a service's data refuse a schema that is missing or behind, as they refuse an unmigrated SQLite file.
    package func requireMigrated(in session: PostgresSession) async throws {
        let pending = try await statusChecked(in: session).filter { $0.state == .pending }
        if !pending.isEmpty {
            throw PostgresMigrationError.notMigrated(schema: schema, location: session.location.description, pending: pending.count)
        }
    }

    /// Applied and pending files, after checking every applied file against the given ones. Reads only.
    package func status(in session: PostgresSession) async throws -> [MigrationStatus] {
        try await statusChecked(in: session)
    }

    /// Applies every pending file and returns their names; with `dryRun`, applies nothing (and creates nothing) and
    /// returns what would be applied.
    @discardableResult
    package func migrate(in session: PostgresSession, dryRun: Bool = false) async throws -> [String] {
        if dryRun { return try await statusChecked(in: session).filter { $0.state == .pending }.map(\.name) }
        try await session.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
        do {
            let applied = try await migrateLocked(in: session)
            try await session.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
            return applied
        } catch {
            _ = try? await session.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
            throw error
        }
    }

    private func migrateLocked(in session: PostgresSession) async throws -> [String] {
        try await session.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
        try await session.execute("""
            CREATE TABLE IF NOT EXISTS \(schema).\(MigrationRunner.bookkeepingTable) (
                name text PRIMARY KEY NOT NULL,
                checksum text NOT NULL,
                applied_at text NOT NULL
            )
            """)
        let pending = try await statusChecked(in: session).filter { $0.state == .pending }.map(\.name)
        let byName = Dictionary(uniqueKeysWithValues: catalog.files.map { ($0.name, $0) })
        for name in pending {
            try await apply(byName[name]!, in: session)
        }
        return pending
    }

    private func statusChecked(in session: PostgresSession) async throws -> [MigrationStatus] {
        var applied: [String: (checksum: String, at: String)] = [:]
        let exists = try await session.query(
            "SELECT to_regclass(\(schema + "." + MigrationRunner.bookkeepingTable)) IS NOT NULL")
        if try exists.first?.decode(Bool.self) == true {
            let rows = try await session.execute(
                "SELECT name, checksum, applied_at FROM \(schema).\(MigrationRunner.bookkeepingTable)")
            for row in rows {
                let (name, checksum, at) = try row.decode((String, String, String).self)
                applied[name] = (checksum, at)
            }
        }
        return try catalog.status(applied: applied)
    }

    private func apply(_ file: MigrationFile, in session: PostgresSession) async throws {
        let schema = schema
        try await session.transaction { session in
            try await session.execute("SET LOCAL search_path TO \(schema), public")
            for statement in PostgresStatementSplitter.statements(in: file.sql) {
                do {
                    try await session.execute(statement)
                } catch let failure as PostgresFailure {
                    throw MigrationError.statementFailed(file: file.name, statement: statement, message: failure.message)
                }
            }
            try await session.query("""
                INSERT INTO \(unescaped: schema).\(unescaped: MigrationRunner.bookkeepingTable) (name, checksum, applied_at)
                VALUES (\(file.name), \(file.checksum), \(Timestamp.now()))
                """)
        }
    }
}
