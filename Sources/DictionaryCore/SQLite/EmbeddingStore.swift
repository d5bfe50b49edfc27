import CSQLite
package import DictStore
package import DictVectors
package import GRDB

/// Writes and deletes one model's vectors in `term_embeddings`. Every vector is validated against the model's
/// declared dimension and for NaN/∞/all-zero before the first row is written, and a batch is written inside one
/// transaction with one cached prepared statement, so a failed batch leaves no half-written rows.
package struct EmbeddingStore: Sendable {
    /// `term_embeddings.model`.
    package let model: String
    /// The model's declared dimension; every vector must have exactly this many components.
    package let dimension: Int

    /// A store for `model` with `dimension`-long vectors.
    /// - Throws: `VectorError.invalidModelName` or `.invalidDimension`.
    package init(model: String, dimension: Int) throws {
        guard (1...200).contains(model.utf8.count) else { throw VectorError.invalidModelName(model) }
        guard VectorSearchLimits.dimensionRange.contains(dimension) else { throw VectorError.invalidDimension(dimension) }
        self.model = model
        self.dimension = dimension
    }

    /// Inserts or replaces (on the same entry, model and chunk) every record in one transaction and returns their
    /// `term_embeddings.id` values in record order. O(b·d).
    package func write(_ records: [EmbeddingRecord], to database: StoreDatabase) throws -> [Int64] {
        try validate(records)
        return try database.write { db in try insert(records, in: db) }
    }

    /// `write(_:to:)` inside the caller's transaction (for example together with the entry rows).
    package func write(_ records: [EmbeddingRecord], in db: Database) throws -> [Int64] {
        try validate(records)
        var ids: [Int64] = []
        // A savepoint makes this call all-or-nothing even inside a larger transaction.
        try db.inSavepoint {
            ids = try insert(records, in: db)
            return .commit
        }
        return ids
    }

    /// `write(_:in:)` without its own savepoint, for a caller whose transaction rolls back whole when this throws
    /// (an import): inside a savepoint SQLite copies every page the batch changes that existed before it to a
    /// statement journal, one whole page per touched index page, which was three times an import's own writes.
    package func writeRollingBackWithCaller(_ records: [EmbeddingRecord], in db: Database) throws -> [Int64] {
        try validate(records)
        return try insert(records, in: db)
    }

    /// Deletes the rows of `entryID` for this model (every chunk, or just `chunk`) and returns the deleted row ids.
    package func delete(entryID: String, chunk: Int? = nil, in db: Database) throws -> [Int64] {
        var sql = "DELETE FROM term_embeddings WHERE model = ? AND entry_id = ?"
        var arguments: StatementArguments = [model, entryID]
        if let chunk {
            sql += " AND chunk = ?"
            arguments += [chunk]
        }
        // Cached: `dict embed` deletes once per entry, and compiling each time cost more than the delete.
        return try Int64.fetchAll(db.cachedStatement(sql: sql + " RETURNING id"), arguments: arguments)
    }

    /// Checks every record before anything is written.
    /// - Throws: `VectorError.dimensionMismatch`, `.nonFiniteComponent`, `.zeroVector`, `.invalidChunk` naming the entry.
    package func validate(_ records: [EmbeddingRecord]) throws {
        for record in records {
            guard record.chunk >= 0 else { throw VectorError.invalidChunk(record.chunk, entryID: record.entryID) }
            try VectorMath.validate(record.vector, dimension: dimension, entryID: record.entryID)
        }
    }

    /// The fast path for a row that is new (no vector yet for its entry, model and chunk): no conflict clause and
    /// no `RETURNING`, the id comes from `sqlite3_last_insert_rowid`.
    package static let insertSQL = """
        INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// The slow path, taken only for a record whose plain insert hit the UNIQUE (entry_id, model, chunk) key.
    package static let upsertSQL = """
        INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (entry_id, model, chunk) DO UPDATE SET
            dimension = excluded.dimension, embedding = excluded.embedding,
            source_hash = excluded.source_hash, created_at = excluded.created_at
        RETURNING id
        """

    /// Binds and steps a cached statement once per record through the raw handle: the BLOB is bound straight from
    /// the record's `[Float]` storage (SQLITE_STATIC; it outlives the step), no `Data` is built. Each record first
    /// runs the plain insert; only a UNIQUE violation (the vector exists and is being replaced) runs the upsert, so
    /// a first import or a new entry's vectors never pay for the conflict clause and `RETURNING`.
    private func insert(_ records: [EmbeddingRecord], in db: Database) throws -> [Int64] {
        guard !records.isEmpty else { return [] }
        let connection = db.sqliteConnection
        let insert = try EmbeddingRowStatement(db.cachedStatement(sql: Self.insertSQL), model: model, dimension: dimension, db: db)
        let upsert = try EmbeddingRowStatement(db.cachedStatement(sql: Self.upsertSQL), model: model, dimension: dimension, db: db)
        defer {
            insert.clear()
            upsert.clear()
        }
        var ids: [Int64] = []
        ids.reserveCapacity(records.count)
        for record in records {
            let code = try insert.step(record)
            if code == SQLITE_DONE {
                ids.append(sqlite3_last_insert_rowid(connection))
                continue
            }
            guard sqlite3_extended_errcode(connection) == csqlite_constraint_unique() else {
                throw SQLiteVectorSource.error(code, db: db, sql: insert.sql)
            }
            let upserted = try upsert.step(record)
            guard upserted == SQLITE_ROW else { throw SQLiteVectorSource.error(upserted, db: db, sql: upsert.sql) }
            ids.append(sqlite3_column_int64(upsert.handle, 0))
            let done = sqlite3_step(upsert.handle)
            guard done == SQLITE_DONE else { throw SQLiteVectorSource.error(done, db: db, sql: upsert.sql) }
        }
        return ids
    }
}

