import CVectorKernels

extension EmbeddingIndex {
    /// Loads every vector of `model` from `source` (with its entry's lang, type and overall score) into one
    /// contiguous matrix, normalizing each row as it is copied. O(n·d). Vectors whose entry the source does not
    /// list are skipped.
    /// - Throws: `VectorError.malformedBlob` / `.storedDimensionMismatch` (from the source) or
    ///   `.invalidStoredVector` naming the row and entry; `.invalidDimension`; the source's own errors.
    /// `rowDetails` receives every loaded row's `StoredRowDetails` (the search service computes its priors and
    /// sense totals from them without a second pass over the store).
    package static func load(
        model: String, dimension: Int, from source: some StoredVectorSource, quantize: Bool = false,
        rowDetails: ((StoredRowDetails) -> Void)? = nil
    ) throws -> EmbeddingIndex {
        guard VectorSearchLimits.dimensionRange.contains(dimension) else { throw VectorError.invalidDimension(dimension) }
        let rows = try source.vectorCount(model: model)
        let storage = IndexStorage(dimension: dimension, reservingRows: rows)
        let prefault = MemoryPrefault.start(UnsafeMutableRawPointer(storage.matrix), byteCount: 4 * rows * dimension)
        defer { try? prefault?.value() }
        // The int8 copy exists before the first row, so each row is quantized as it is appended, still in cache.
        if quantize { storage.buildQuantized() }
        // Entries first, interned by their id's bytes with their coded attributes: each vector then finds its
        // entry in the storage's `EntryIDTable` (a lookup into the store per row was a fifth of a full load's
        // time; a `String` and a SipHash per row a quarter).
        let expected = try source.entryCount()
        var codes: [EntryCodes] = []
        codes.reserveCapacity(expected)
        storage.reserveEntries(expected)
        try source.forEachEntry { id, attributes in
            let ordinal = storage.intern(entryBytes: id)
            let entryCodes = storage.codes(of: attributes)
            if Int(ordinal) == codes.count { codes.append(entryCodes) } else if Int(ordinal) < codes.count { codes[Int(ordinal)] = entryCodes }
        }
        // Vectors are mostly written in their entries' order, so the previous row's entry (or the next one) is
        // usually this row's.
        var previous: Int32 = 0
        try source.forEachVector(model: model, dimension: dimension, withDetails: rowDetails != nil) { row in
            guard let entry = storage.ordinal(ofEntryBytes: row.entryID, guess: previous), Int(entry) < codes.count else { return }
            previous = entry
            rowDetails?(StoredRowDetails(
                rowID: row.rowID, entryOrdinal: entry, chunk: row.chunk, partOfSpeech: row.partOfSpeech,
                senseFrequency: row.senseFrequency))
            let slot = storage.slotForNextRow()
            // One read of the stored bytes (unaligned loads: stores give no alignment guarantee), one streaming write.
            guard dict_f32_normalize_copy(row.vector, slot, dimension) != 0 else {
                throw VectorError.invalidStoredVector(
                    rowID: row.rowID, entryID: storage.entryID(entry), reason: "NaN, infinite or all-zero components")
            }
            try storage.commitAppendedRow(rowID: row.rowID, entry: entry, codes: codes[Int(entry)])
        }
        // Streaming stores reach memory before the index is handed to other threads.
        dict_store_fence()
        return EmbeddingIndex(model: model, storage: storage)
    }

    /// Re-reads every row of `entryIDs` for this model from `source` and replaces those entries' rows in the
    /// index in one step: new chunks appear, changed vectors and attributes are updated, rows deleted in the store
    /// (or whose entry was deleted) disappear. Call it after a committed write touching these entries.
    /// O(b·d + n) for b re-read rows; readers are blocked only for the in-memory apply.
    package func refresh(entryIDs: some Sequence<String>, from source: some StoredVectorSource) throws {
        let ids = Array(Set(entryIDs))
        guard !ids.isEmpty else { return }
        let rows = try source.vectors(model: model, dimension: dimension, entryIDs: ids)
        for row in rows where (try? VectorMath.validate(row.vector, dimension: dimension)) == nil {
            throw VectorError.invalidStoredVector(rowID: row.rowID, entryID: row.entryID, reason: "NaN, infinite or all-zero components")
        }
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
}
