import CVectorKernels
package import DictStore
package import GRDB

extension EmbeddingIndex {
    /// Loads every `term_embeddings` row of `model` (joined with its entry's lang, type and overall_score) from
    /// one read snapshot. BLOBs are copied straight from SQLite into the contiguous matrix and normalized in place.
    /// O(n·d).
    /// - Throws: `VectorError.malformedBlob` / `.storedDimensionMismatch` / `.invalidStoredVector` naming the row
    ///   and entry; `.invalidDimension`; `.sqlite`.
    /// `rowDetails` receives every loaded row's `StoredRowDetails` (the search service computes its priors and
    /// sense totals from them without a second pass over the table).
    package static func load(
        model: String, dimension: Int, from database: StoreDatabase, quantize: Bool = false,
        rowDetails: ((StoredRowDetails) -> Void)? = nil
    ) throws -> EmbeddingIndex {
        try database.read { db in try load(model: model, dimension: dimension, in: db, quantize: quantize, rowDetails: rowDetails) }
    }

    /// `load(model:dimension:from:)` inside a caller's transaction.
    package static func load(
        model: String, dimension: Int, in db: Database, quantize: Bool = false,
        rowDetails: ((StoredRowDetails) -> Void)? = nil
    ) throws -> EmbeddingIndex {
        guard VectorSearchLimits.dimensionRange.contains(dimension) else { throw VectorError.invalidDimension(dimension) }
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0
        let storage = IndexStorage(dimension: dimension, reservingRows: rows)
        let prefault = MemoryPrefault.start(UnsafeMutableRawPointer(storage.matrix), byteCount: 4 * rows * dimension)
        defer { try? prefault?.value() }
        // The int8 copy exists before the first row, so each row is quantized as it is appended, still in cache.
        if quantize { storage.buildQuantized() }
        try StoredEmbeddingReader.forEachRow(ofModel: model, in: db, dimension: dimension, interningInto: storage,
                                             rowDetails: rowDetails) { rowID, entry, blob, codes in
            let slot = storage.slotForNextRow()
            // One read of the BLOB (unaligned loads: SQLite gives no alignment guarantee), one streaming write.
            guard dict_f32_normalize_copy(blob, slot, dimension) != 0 else {
                throw VectorError.invalidStoredVector(
                    rowID: rowID, entryID: storage.entryID(entry), reason: "NaN, infinite or all-zero components")
            }
            try storage.commitAppendedRow(rowID: rowID, entry: entry, codes: codes)
        }
        // Streaming stores reach memory before the index is handed to other threads.
        dict_store_fence()
        return EmbeddingIndex(model: model, storage: storage)
    }

    /// Re-reads every row of `entryIDs` for this model from `database` and replaces those entries' rows in the
    /// index in one step: new chunks appear, changed vectors and attributes are updated, rows deleted in SQLite
    /// (or whose entry was deleted) disappear. Call it after a committed write touching these entries.
    /// O(b·d + n) for b re-read rows; readers are blocked only for the in-memory apply.
    package func refresh(entryIDs: some Sequence<String>, from database: StoreDatabase) throws {
        let ids = Array(Set(entryIDs))
        guard !ids.isEmpty else { return }
        let rows = try database.read { db in try Self.readRows(model: model, dimension: dimension, entryIDs: ids, in: db) }
        try replace(entryIDs: ids, with: rows)
    }

    /// Replaces all rows of `entryIDs` with `rows` in one exclusive step, so readers see either the old or the new
    /// rows of these entries. `rows` should belong to the listed entries. Validates everything before changing anything.
    package func replace(entryIDs: some Sequence<String>, with rows: [IndexedVector]) throws {
        var seen = Set<Int64>()
        var prepared: [[Float]] = []
        prepared.reserveCapacity(rows.count)
        for row in rows {
            guard seen.insert(row.rowID).inserted else { throw VectorError.duplicateRowID(row.rowID) }
            prepared.append(try VectorMath.normalized(row.vector, dimension: dimension, entryID: row.entryID))
        }
        let ids = Array(entryIDs)
        try lock.withWriteLock {
            let ordinals = Set(ids.compactMap { storage.ordinal(ofEntry: $0) })
            let stale = storage.positions(ofEntries: ordinals).map { storage.rowIDs[$0] }
            for rowID in stale { storage.remove(rowID: rowID) }
            storage.reserve(storage.count + rows.count)
            for (row, unit) in zip(rows, prepared) {
                try storage.upsert(rowID: row.rowID, entryID: row.entryID, unitVector: unit, attributes: row.attributes)
            }
        }
    }

    /// The stored rows of `entryIDs` for `model`, validated (chunks of 500 ids per statement).
    static func readRows(model: String, dimension: Int, entryIDs: [String], in db: Database) throws -> [IndexedVector] {
        var rows: [IndexedVector] = []
        var start = 0
        while start < entryIDs.count {
            let chunk = Array(entryIDs[start..<min(start + 500, entryIDs.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let sql = StoredEmbeddingReader.selectColumns
                + " WHERE te.model = ? AND te.entry_id IN (\(placeholders)) ORDER BY te.id"
            try StoredEmbeddingReader.forEachRow(in: db, sql: sql, arguments: [model] + chunk, dimension: dimension) { rowID, entryID, blob, attributes in
                let vector = [Float](unsafeUninitializedCapacity: dimension) { buffer, initialized in
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: blob, byteCount: 4 * dimension)
                    initialized = dimension
                }
                guard (try? VectorMath.validate(vector, dimension: dimension)) != nil else {
                    throw VectorError.invalidStoredVector(rowID: rowID, entryID: entryID, reason: "NaN, infinite or all-zero components")
                }
                rows.append(IndexedVector(rowID: rowID, entryID: entryID, vector: vector, attributes: attributes))
            }
            start += 500
        }
        return rows
    }
}
