import Foundation
package import GRDB

/// One SQLite database: a writer serialising `BEGIN IMMEDIATE` transactions and, for files, a pool of WAL
/// readers so searches keep answering while an import writes. Every connection has `foreign_keys=ON`,
/// a busy timeout and a statement cache (GRDB's `cachedStatement`).
package final class StoreDatabase: Sendable {
    /// Where the database lives.
    package let location: DatabaseLocation
    /// The GRDB writer: a `DatabasePool` for files, a `DatabaseQueue` for `:memory:`.
    package let writer: any DatabaseWriter
    /// `StoreConfiguration.bulkCacheKiB`.
    private let bulkCacheKiB: Int

    /// The reader used by `read`: the same object as `writer` (pools hand out concurrent readers themselves).
    ///
    /// Read through `read` below (synchronous), never `await reader.read`: GRDB's async read keeps its pooled reader until
    /// the awaiting task resumes on Swift's cooperative pool, and the server's routes block those same threads in
    /// synchronous reads. A burst of `/health` requests deadlocked `dict serve` that way (every cooperative thread
    /// waiting for a reader held by a task that could not resume); scripts/hostile_cases.py keeps a burst case.
    package var reader: any DatabaseReader { writer }

    /// Opens (creating if needed) the database at `location`.
    package init(location: DatabaseLocation, configuration: StoreConfiguration = StoreConfiguration()) throws {
        self.location = location
        bulkCacheKiB = max(configuration.bulkCacheKiB, 0)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = configuration.readOnly
        config.busyMode = .timeout(TimeInterval(configuration.busyTimeoutMilliseconds) / 1000)
        config.maximumReaderCount = max(1, configuration.maximumReaderCount)
        let pageSize = configuration.pageSize
        let mmapSize = configuration.mmapSize
        let readOnly = configuration.readOnly
        config.prepareDatabase { db in
            if !readOnly {
                // page_size only takes effect before the first table is created; harmless afterwards.
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") ?? 0
                if tables == 0 { try db.execute(sql: "PRAGMA page_size = \(pageSize)") }
            }
            try db.execute(sql: "PRAGMA mmap_size = \(mmapSize)")
        }
        switch location {
        case .inMemory:
            writer = try DatabaseQueue(configuration: config)
        case .file(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            writer = try DatabasePool(path: path, configuration: config)
        }
    }

    /// Runs `block` in a read transaction (a snapshot); concurrent with writes for file databases.
    package func read<T>(_ block: (Database) throws -> T) throws -> T {
        try writer.read(block)
    }

    /// Runs `block` in one `BEGIN IMMEDIATE` transaction; any thrown error rolls the whole transaction back.
    package func write<T>(_ block: (Database) throws -> T) throws -> T {
        try writer.write(block)
    }

    /// `write` for one large transaction (an import): the writer's page cache may grow to `bulkCacheKiB` while
    /// `block` runs, so the pages the transaction dirties stay in memory instead of spilling to the WAL and being
    /// read back (with the default 2 MiB cache, that write-and-reread was a quarter of `dict import wordnet`).
    /// The cache is only a ceiling: memory is taken as pages are touched, and given back when `block` returns.
    package func bulkWrite<T>(_ block: (Database) throws -> T) throws -> T {
        try writer.write { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -\(bulkCacheKiB)")
            // Restoring a cache size cannot fail on an open connection; a failure would leave only a larger ceiling.
            defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
            return try block(db)
        }
    }

    /// The journal mode SQLite reports (`wal` for files, `memory` for `:memory:`).
    /// SQLite's `quick_check`: "ok", or the first problems it found.
    package func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer from quick_check" }
    }

    package func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
