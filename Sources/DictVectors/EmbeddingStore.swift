import CSQLite
import DictStore
import GRDB

/// Writes and deletes one model's vectors in `term_embeddings`. Every vector is validated against the model's
/// declared dimension and for NaN/∞/all-zero before the first row is written, and a batch is written inside one
/// transaction with one cached prepared statement, so a failed batch leaves no half-written rows.
public struct EmbeddingStore: Sendable {
    /// `term_embeddings.model`.
    public let model: String
    /// The model's declared dimension; every vector must have exactly this many components.
    public let dimension: Int

    /// A store for `model` with `dimension`-long vectors.
    /// - Throws: `VectorError.invalidModelName` or `.invalidDimension`.
    public init(model: String, dimension: Int) throws {
        guard (1...200).contains(model.utf8.count) else { throw VectorError.invalidModelName(model) }
        guard VectorSearchLimits.dimensionRange.contains(dimension) else { throw VectorError.invalidDimension(dimension) }
        self.model = model
        self.dimension = dimension
    }

    /// Inserts or replaces (on the same entry, model and chunk) every record in one transaction and returns their
    /// `term_embeddings.id` values in record order. O(b·d).
    public func write(_ records: [EmbeddingRecord], to database: StoreDatabase) throws -> [Int64] {
        try validate(records)
        return try database.write { db in try insert(records, in: db) }
    }

    /// `write(_:to:)` inside the caller's transaction (for example together with the entry rows).
    public func write(_ records: [EmbeddingRecord], in db: Database) throws -> [Int64] {
        try validate(records)
        var ids: [Int64] = []
        // A savepoint makes this call all-or-nothing even inside a larger transaction.
        try db.inSavepoint {
            ids = try insert(records, in: db)
            return .commit
        }
        return ids
    }

    /// Deletes the rows of `entryID` for this model (every chunk, or just `chunk`) and returns the deleted row ids.
    public func delete(entryID: String, chunk: Int? = nil, in db: Database) throws -> [Int64] {
        var sql = "DELETE FROM term_embeddings WHERE model = ? AND entry_id = ?"
        var arguments: StatementArguments = [model, entryID]
        if let chunk {
            sql += " AND chunk = ?"
            arguments += [chunk]
        }
        return try Int64.fetchAll(db, sql: sql + " RETURNING id", arguments: arguments)
    }

    /// Checks every record before anything is written.
    /// - Throws: `VectorError.dimensionMismatch`, `.nonFiniteComponent`, `.zeroVector`, `.invalidChunk` naming the entry.
    public func validate(_ records: [EmbeddingRecord]) throws {
        for record in records {
            guard record.chunk >= 0 else { throw VectorError.invalidChunk(record.chunk, entryID: record.entryID) }
            try VectorMath.validate(record.vector, dimension: dimension, entryID: record.entryID)
        }
    }

    static let upsertSQL = """
        INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (entry_id, model, chunk) DO UPDATE SET
            dimension = excluded.dimension, embedding = excluded.embedding,
            source_hash = excluded.source_hash, created_at = excluded.created_at
        RETURNING id
        """

    /// Binds and steps the cached upsert statement once per record through the raw handle: the BLOB is bound
    /// straight from the record's `[Float]` storage (SQLITE_STATIC; it outlives the step), no `Data` is built.
    private func insert(_ records: [EmbeddingRecord], in db: Database) throws -> [Int64] {
        let sql = Self.upsertSQL
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        let createdAt = Timestamp.now()
        let byteCount = Int32(4 * dimension)
        var ids: [Int64] = []
        ids.reserveCapacity(records.count)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        func check(_ code: Int32) throws {
            guard code == SQLITE_OK else { throw StoredEmbeddingReader.error(code, db: db, sql: sql) }
        }
        try check(sqlite3_bind_text(handle, 2, model, -1, csqlite_transient()))
        try check(sqlite3_bind_int64(handle, 3, Int64(dimension)))
        try check(sqlite3_bind_text(handle, 7, createdAt, -1, csqlite_transient()))
        for record in records {
            try check(sqlite3_bind_text(handle, 1, record.entryID, -1, csqlite_transient()))
            try check(sqlite3_bind_int64(handle, 4, Int64(record.chunk)))
            if let hash = record.sourceHash {
                try check(sqlite3_bind_text(handle, 6, hash, -1, csqlite_transient()))
            } else {
                try check(sqlite3_bind_null(handle, 6))
            }
            #if _endian(big)
            let littleEndian = record.vector.map { $0.bitPattern.littleEndian }
            let stepCode: Int32 = try littleEndian.withUnsafeBytes { bytes in
                try check(sqlite3_bind_blob(handle, 5, bytes.baseAddress, byteCount, csqlite_static()))
                return sqlite3_step(handle)
            }
            #else
            let stepCode: Int32 = try record.vector.withUnsafeBytes { bytes in
                try check(sqlite3_bind_blob(handle, 5, bytes.baseAddress, byteCount, csqlite_static()))
                return sqlite3_step(handle)
            }
            #endif
            guard stepCode == SQLITE_ROW else { throw StoredEmbeddingReader.error(stepCode, db: db, sql: sql) }
            ids.append(sqlite3_column_int64(handle, 0))
            let done = sqlite3_step(handle)
            guard done == SQLITE_DONE else { throw StoredEmbeddingReader.error(done, db: db, sql: sql) }
            sqlite3_reset(handle)
        }
        return ids
    }
}
