extension EmbeddingIndex {
    /// The exact top-`k` distinct entries most similar to `query`, best first.
    ///
    /// Metric: cosine similarity (dot product of L2-normalized vectors); higher is better. An entry's similarity
    /// is the best over its rows (senses); ties go to the lower row id. Only rows matching `filter` are ranked
    /// (filter first, then top-k), and hits below `minSimilarity` are dropped. Fewer than `k` hits come back only
    /// when fewer than `k` entries match.
    ///
    /// With `boost`, rows are ranked by `cosine + prior` instead (see `PriorBoost`, `setPriors`); each hit still
    /// reports its best row's plain cosine in `similarity` and the ranking score in `score`, and `minSimilarity`
    /// then applies to the score.
    ///
    /// Complexity: O(n·d) for an unfiltered scan (the C kernel `dict_f32_dot_rows` over row tiles, on both cores
    /// for large n); O(n + m·d) when the filter matches m ≤ n/2 rows; plus O(n log k) heap work worst case.
    /// - Throws: `VectorError.invalidK`, `.dimensionMismatch`, `.nonFiniteComponent`, `.zeroVector`.
    package func search(query: [Float], k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1,
                       boost: PriorBoost? = nil) throws -> [VectorHit] {
        try search(query: UnitVector(normalizing: query, dimension: dimension), k: k, filter: filter,
                   minSimilarity: minSimilarity, boost: boost)
    }

    /// `search` for a query already checked and normalized (`UnitVector`): no second pass over it.
    /// - Throws: `VectorError.invalidK`, `.dimensionMismatch`.
    package func search(query: UnitVector, k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1,
                       boost: PriorBoost? = nil) throws -> [VectorHit] {
        try Self.validate(k: k)
        let unit = try checked(query)
        let table = boost?.table()
        return lock.withReadLock {
            let compiled = CompiledFilter(filter, storage: storage)
            return unit.withUnsafeBufferPointer {
                let ranked = storage.topK(unitQuery: $0.baseAddress!, k: k, filter: compiled, minSimilarity: minSimilarity,
                                          bonus: table)
                return hits(ranked, query: table == nil ? nil : $0.baseAddress!)
            }
        }
    }

    /// Exact top-`k` for each query of a batch (same metric, filter and tie rule as `search`), in query order.
    /// Uses `sgemm` of all queries against tiles of 1,024 rows into one reused score tile. O(m·n·d) flops.
    package func search(queries: [[Float]], k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1) throws -> [[VectorHit]] {
        try Self.validate(k: k)
        guard !queries.isEmpty else { return [] }
        var packed = [Float](repeating: 0, count: queries.count * dimension)
        for (i, query) in queries.enumerated() {
            let unit = try VectorMath.normalized(query, dimension: dimension)
            packed.replaceSubrange(i * dimension..<(i + 1) * dimension, with: unit)
        }
        return lock.withReadLock {
            let compiled = CompiledFilter(filter, storage: storage)
            let ranked = packed.withUnsafeBufferPointer {
                storage.topK(unitQueries: $0.baseAddress!, queryCount: queries.count, k: k, filter: compiled,
                             minSimilarity: minSimilarity)
            }
            return ranked.map { hits($0) }
        }
    }

    /// Approximate-then-exact search: scans the int8 copy (4× less memory traffic) for the best
    /// `k × rerankFactor` entries, then re-ranks them with exact float32 cosine. Similarities returned are exact;
    /// the set may miss a true neighbour whose int8 score fell outside the shortlist (see recall in the benchmarks).
    /// Falls back to the exact `search` when `enableQuantization()` was not called.
    package func searchQuantized(query: [Float], k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1,
                                rerankFactor: Int = 4, boost: PriorBoost? = nil) throws -> [VectorHit] {
        try searchQuantized(query: UnitVector(normalizing: query, dimension: dimension), k: k, filter: filter,
                            minSimilarity: minSimilarity, rerankFactor: rerankFactor, boost: boost)
    }

    /// `searchQuantized` for a query already checked and normalized (`UnitVector`).
    package func searchQuantized(query: UnitVector, k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1,
                                rerankFactor: Int = 4, boost: PriorBoost? = nil) throws -> [VectorHit] {
        try Self.validate(k: k)
        let unit = try checked(query)
        let table = boost?.table()
        return lock.withReadLock {
            let compiled = CompiledFilter(filter, storage: storage)
            return unit.withUnsafeBufferPointer { pointer in
                let ranked = storage.quantized == nil
                    ? storage.topK(unitQuery: pointer.baseAddress!, k: k, filter: compiled, minSimilarity: minSimilarity,
                                   bonus: table)
                    : storage.topKQuantized(unitQuery: pointer.baseAddress!, k: k, rerankFactor: rerankFactor,
                                            filter: compiled, minSimilarity: minSimilarity, bonus: table)
                return hits(ranked, query: table == nil ? nil : pointer.baseAddress!)
            }
        }
    }

    /// The given rows scored against `query` (cosine, plus prior with `boost`), reduced to each entry's best row,
    /// best first (ties by lower row id). Rows not in the index are ignored. For re-scoring a few known candidates
    /// (for example lexical matches the vector top-k missed): O(r·d) for r rows.
    package func score(query: [Float], rowIDs: [Int64], boost: PriorBoost? = nil) throws -> [VectorHit] {
        try score(query: UnitVector(normalizing: query, dimension: dimension), rowIDs: rowIDs, boost: boost)
    }

    /// `score` for a query already checked and normalized (`UnitVector`).
    package func score(query: UnitVector, rowIDs: [Int64], boost: PriorBoost? = nil) throws -> [VectorHit] {
        let unit = try checked(query)
        let table = boost?.table()
        return lock.withReadLock {
            unit.withUnsafeBufferPointer { pointer in
                var best: [Int32: (similarity: Float, score: Float, rowID: Int64)] = [:]
                for rowID in rowIDs {
                    guard let position = storage.position(ofRow: rowID) else { continue }
                    let similarity = VectorMath.dot(storage.row(position), pointer.baseAddress!, count: dimension)
                    var score = similarity
                    if let table {
                        let prior = storage.prior(at: position)
                        score += prior.bias + table[Int(prior.group)]
                    }
                    let entry = storage.entryOrdinals[position]
                    if let current = best[entry], !TopKHeap.isBetter(score, rowID, than: current.score, current.rowID) { continue }
                    best[entry] = (similarity, score, rowID)
                }
                return best.sorted { TopKHeap.isBetter($0.value.score, $0.value.rowID, than: $1.value.score, $1.value.rowID) }
                    .map { VectorHit(entryID: storage.entryID($0.key), similarity: $0.value.similarity, rowID: $0.value.rowID,
                                     score: $0.value.score) }
            }
        }
    }

    /// Sets the prior of each listed row (unknown row ids are ignored): an additive bias and a group code used by
    /// searches with a `PriorBoost`. Rows keep their prior when their vector is replaced under the same row id;
    /// new rows start at `RowPrior.zero`. O(b).
    package func setPriors(_ priors: some Sequence<(rowID: Int64, prior: RowPrior)>) {
        lock.withWriteLock {
            for (rowID, prior) in priors {
                if let position = storage.position(ofRow: rowID) { storage.setPrior(prior, at: position) }
            }
        }
    }

    /// The prior of a row, or nil when the row is not indexed.
    package func prior(ofRow rowID: Int64) -> RowPrior? {
        lock.withReadLock { storage.position(ofRow: rowID).map { storage.prior(at: $0) } }
    }

    // MARK: - Private

    private static func validate(k: Int) throws {
        guard VectorSearchLimits.kRange.contains(k) else { throw VectorError.invalidK(k, allowed: VectorSearchLimits.kRange) }
    }

    /// Must run under the read lock (reads the entry table). With `query` (a search with priors) each hit's
    /// plain cosine is recomputed from its row: k dot products.
    private func hits(_ ranked: [RankedRow], query: UnsafePointer<Float>? = nil) -> [VectorHit] {
        ranked.map { row in
            var similarity = row.score
            if let query, let position = storage.position(ofRow: row.rowID) {
                similarity = VectorMath.dot(storage.row(position), query, count: dimension)
            }
            return VectorHit(entryID: storage.entryID(row.entry), similarity: similarity, rowID: row.rowID, score: row.score)
        }
    }

    /// The components of `query`, whose length must be this index's dimension.
    private func checked(_ query: UnitVector) throws -> [Float] {
        guard query.dimension == dimension else { throw VectorError.dimensionMismatch(expected: dimension, found: query.dimension, entryID: nil) }
        return query.components
    }
}
