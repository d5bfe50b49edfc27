import GRDB

/// Applies forward-only SQL migration files in file-name order, wrangler-style but stricter:
/// each file runs in one `BEGIN IMMEDIATE` transaction together with its bookkeeping row in
/// `schema_migrations` (name, sha256, applied time); applied files are skipped; an applied file whose
/// checksum changed, or an applied name missing from the given files, stops the run before anything changes.
package struct MigrationRunner: Sendable {
    /// The bookkeeping table's name.
    package static let bookkeepingTable = "schema_migrations"

    /// The files, sorted by name (two files may share a number, as the originals do).
    package let files: [MigrationFile]

    package init(files: [MigrationFile]) throws {
        let sorted = files.sorted { $0.name < $1.name }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.name == next.name {
            throw MigrationError.duplicateName(file: next.name)
        }
        self.files = sorted
    }

    /// Applied and pending files, in order, after checking every applied file against the given ones.
    package func status(of database: StoreDatabase) throws -> [MigrationStatus] {
        try database.writer.read { db in try statusChecked(db) }
    }

    /// Applies every pending file and returns their names. With `dryRun`, applies nothing and returns
    /// what would be applied (after the same checks), reading only: not even the bookkeeping table is created, so
    /// a dry run works on a read-only database and leaves the file byte for byte as it was.
    @discardableResult
    package func migrate(_ database: StoreDatabase, dryRun: Bool = false) throws -> [String] {
        if dryRun {
            return try database.reader.read { db in try statusChecked(db).filter { $0.state == .pending }.map(\.name) }
        }
        return try database.writer.writeWithoutTransaction { db in
            try createBookkeeping(db)
            let pending = try statusChecked(db).filter { $0.state == .pending }.map(\.name)
            if dryRun { return pending }
            let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) })
            for name in pending {
                try apply(byName[name]!, in: db)
            }
            return pending
        }
    }

    private func createBookkeeping(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(Self.bookkeepingTable) (
                name TEXT PRIMARY KEY NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
    }

    private func statusChecked(_ db: Database) throws -> [MigrationStatus] {
        var applied: [String: (checksum: String, at: String)] = [:]
        if try db.tableExists(Self.bookkeepingTable) {
            let rows = try Row.fetchAll(db, sql: "SELECT name, checksum, applied_at FROM \(Self.bookkeepingTable)")
            for row in rows { applied[row["name"]] = (row["checksum"], row["applied_at"]) }
        }
        return try status(applied: applied)
    }

    /// Every file's state given the bookkeeping rows of a database (name → recorded checksum and applied time), for
    /// both engines' runners: an applied name with no file, or an applied file whose text changed, throws.
    package func status(applied: [String: (checksum: String, at: String)]) throws -> [MigrationStatus] {
        let known = Set(files.map(\.name))
        if let missing = applied.keys.sorted().first(where: { !known.contains($0) }) {
            throw MigrationError.appliedFileMissing(file: missing)
        }
        return try files.map { file in
            let checksum = file.checksum
            guard let record = applied[file.name] else {
                return MigrationStatus(name: file.name, checksum: checksum, state: .pending, appliedAt: nil)
            }
            guard record.checksum == checksum else {
                throw MigrationError.checksumMismatch(file: file.name, recorded: record.checksum, found: checksum)
            }
            return MigrationStatus(name: file.name, checksum: checksum, state: .applied, appliedAt: record.at)
        }
    }

    private func apply(_ file: MigrationFile, in db: Database) throws {
        // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
        let foreignKeysOff = file.needsForeignKeysOff
        if foreignKeysOff { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
        defer { if foreignKeysOff { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
        try db.inTransaction(.immediate) {
            let statements = try db.allStatements(sql: file.sql)
            while true {
                let statement: Statement?
                do {
                    statement = try statements.next()
                } catch let error as DatabaseError {
                    throw MigrationError.statementFailed(
                        file: file.name, statement: error.sql ?? "(unparsable SQL)", message: error.message ?? "\(error)")
                }
                guard let statement else { break }
                do {
                    try statement.execute()
                } catch let error as DatabaseError {
                    throw MigrationError.statementFailed(
                        file: file.name, statement: statement.sql, message: error.message ?? "\(error)")
                }
            }
            if foreignKeysOff, let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                throw MigrationError.foreignKeyViolation(file: file.name, table: violation[0], rowid: violation[1])
            }
            try db.execute(
                sql: "INSERT INTO \(Self.bookkeepingTable) (name, checksum, applied_at) VALUES (?, ?, ?)",
                arguments: [file.name, file.checksum, Timestamp.now()])
            return .commit
        }
    }
}
