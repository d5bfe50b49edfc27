/// Limits shared by every search entry point.
package enum VectorSearchLimits {
    /// Allowed result counts: deep enough for the blended search's lists (`BlendedVectorSearch` reads a few times
    /// the page), bounded so one request cannot ask for a heap the size of the corpus.
    package static let kRange: ClosedRange<Int> = 1...100_000
    /// Allowed vector dimensions (the stores accept the same range).
    package static let dimensionRange: ClosedRange<Int> = 1...65536
}

/// The in-memory exact cosine index of one embedding model: a contiguous row-major `n × d` float matrix of
/// L2-normalized rows (so cosine is a dot product, as in FAISS `IndexFlatIP`), with parallel per-row arrays of
/// row id, entry ordinal and filter columns (lang, type, overall_score).
///
/// Thread safety: any number of searches run concurrently under a shared lock; `upsert`/`remove`/`updateAttributes`
/// validate and normalize outside the lock, then apply in place under the exclusive lock (microseconds per row),
/// so readers always see either the state before or after a whole batch, never half of it.
package final class EmbeddingIndex: @unchecked Sendable {
    /// The model whose vectors this index holds.
    package let model: String
    /// Vector length of every row.
    package let dimension: Int

    let lock = ReadWriteLock()
    /// Guarded by `lock`.
    let storage: IndexStorage

    /// An empty index for `model` with `dimension`-long vectors.
    package init(model: String, dimension: Int) throws {
        guard VectorSearchLimits.dimensionRange.contains(dimension) else { throw VectorError.invalidDimension(dimension) }
        self.model = model
        self.dimension = dimension
        storage = IndexStorage(dimension: dimension)
    }

    /// Wraps storage built by the loader.
    init(model: String, storage: IndexStorage) {
        self.model = model
        dimension = storage.dimension
        self.storage = storage
    }

    /// Threads one large scan may use, at least 1 (default: the processors this process may run on). The CLI and
    /// server set it from their `ComputeConfiguration`; a scan uses one thread while as many searches run at once.
    package var scanThreads: Int {
        get { lock.withReadLock { storage.scanThreads } }
        set { lock.withWriteLock { storage.scanThreads = max(1, newValue) } }
    }

    /// Number of rows (vectors).
    package var count: Int { lock.withReadLock { storage.count } }

    /// Number of distinct entries with at least one row.
    package var entryCount: Int { lock.withReadLock { storage.entryCount } }

    /// Approximate bytes held by the vectors, per-row columns and the quantized copy (not hash-table overhead).
    package var residentBytes: Int { lock.withReadLock { storage.residentBytes } }

    /// Whether the int8 copy for `searchQuantized` exists.
    package var isQuantized: Bool { lock.withReadLock { storage.quantized != nil } }

    /// The row ids currently indexed, in ascending order (for checks and tests).
    package func rowIDs() -> [Int64] { lock.withReadLock { storage.rowIDs.sorted() } }

    /// Runs `body` on the row-major `count × dimension` matrix under the read lock: benchmarks measure their
    /// memory-read bound on the index's own pages (the same allocation and page backing the scan reads).
    package func withMatrix<T>(_ body: (UnsafePointer<Float>, Int) -> T) -> T {
        lock.withReadLock { body(UnsafePointer(storage.matrix), storage.count * dimension) }
    }

    /// The ordinal the index gave each of `entryIDs` (`StoredRowDetails.entryOrdinal`), nil for unknown ids, under
    /// one read lock. A load gives ordinals in the entries' scan order, so a list read in that order matches
    /// position by position and needs no hashing; any other id is looked up.
    package func entryOrdinals(of entryIDs: [String]) -> [Int32?] {
        lock.withReadLock {
            entryIDs.enumerated().map { position, id in
                storage.entry(Int32(truncatingIfNeeded: position), is: id) ? Int32(position) : storage.ordinal(ofEntry: id)
            }
        }
    }

    /// The row ids this index holds for `entryIDs` (any order; unknown entries have none).
    package func rowIDs(ofEntries entryIDs: [String]) -> [Int64] {
        lock.withReadLock {
            let ordinals = Set(entryIDs.compactMap { storage.ordinal(ofEntry: $0) })
            return storage.positions(ofEntries: ordinals).map { storage.rowIDs[$0] }
        }
    }

    // MARK: - Updates

    /// Inserts new rows and replaces rows whose `rowID` is already indexed (vector, entry and attributes).
    /// All rows are validated first; on any error nothing changes. O(b·d) for a batch of b rows.
    package func upsert(_ rows: [IndexedVector]) throws {
        var seen = Set<Int64>()
        var prepared: [[Float]] = []
        prepared.reserveCapacity(rows.count)
        for row in rows {
            guard seen.insert(row.rowID).inserted else { throw VectorError.duplicateRowID(row.rowID) }
            prepared.append(try VectorMath.normalized(row.vector, dimension: dimension, entryID: row.entryID))
        }
        try lock.withWriteLock {
            storage.reserve(storage.count + rows.count)
            for (row, unit) in zip(rows, prepared) {
                try storage.upsert(rowID: row.rowID, entryID: row.entryID, unitVector: unit, attributes: row.attributes)
            }
        }
    }

    /// Removes rows by their store row id; unknown ids are ignored. The matrix stays dense (the last row moves
    /// into each hole). Returns how many rows were removed. O(b·d).
    @discardableResult
    package func remove(rowIDs: some Sequence<Int64>) -> Int {
        let ids = Array(rowIDs)
        return lock.withWriteLock { ids.reduce(0) { $0 + (storage.remove(rowID: $1) ? 1 : 0) } }
    }

    /// Removes every row (every chunk) of the given entries, as deleting an entry deletes its vectors in the store. O(n + b·d).
    @discardableResult
    package func remove(entryIDs: some Sequence<String>) -> Int {
        let ids = Array(entryIDs)
        return lock.withWriteLock {
            let ordinals = Set(ids.compactMap { storage.ordinal(ofEntry: $0) })
            let rows = storage.positions(ofEntries: ordinals).map { storage.rowIDs[$0] }
            for rowID in rows { storage.remove(rowID: rowID) }
            return rows.count
        }
    }

    /// Replaces lang / type / overall_score on every row of `entryID` (after the entry itself changed). O(n).
    package func updateAttributes(_ attributes: EntryAttributes, forEntry entryID: String) {
        lock.withWriteLock {
            guard let ordinal = storage.ordinal(ofEntry: entryID) else { return }
            for position in storage.positions(ofEntries: [ordinal]) { storage.setAttributes(attributes, at: position) }
        }
    }

    /// Builds the int8 copy used by `searchQuantized`; later updates keep it in step. O(n·d).
    package func enableQuantization() {
        lock.withWriteLock { storage.buildQuantized() }
    }
}
