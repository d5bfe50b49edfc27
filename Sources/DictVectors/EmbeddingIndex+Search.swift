extension EmbeddingIndex {
    /// The exact top-`k` distinct entries most similar to `query`, best first.
    ///
    /// Metric: cosine similarity (dot product of L2-normalized vectors); higher is better. An entry's similarity
    /// is the best over its rows (senses); ties go to the lower row id. Only rows matching `filter` are ranked
    /// (filter first, then top-k), and hits below `minSimilarity` are dropped. Fewer than `k` hits come back only
    /// when fewer than `k` entries match.
    ///
    /// Complexity: O(n·d) for an unfiltered scan (BLAS `sgemv` over row tiles on both cores for large n, a SIMD
    /// loop for tiny n); O(n + m·d) when the filter matches m ≤ n/2 rows; plus O(n log k) heap work worst case.
    /// - Throws: `VectorError.invalidK`, `.dimensionMismatch`, `.nonFiniteComponent`, `.zeroVector`.
    public func search(query: [Float], k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1) throws -> [VectorHit] {
        try Self.validate(k: k)
        let unit = try VectorMath.normalized(query, dimension: dimension)
        return lock.withReadLock {
            let compiled = CompiledFilter(filter, storage: storage)
            let ranked = unit.withUnsafeBufferPointer {
                storage.topK(unitQuery: $0.baseAddress!, k: k, filter: compiled, minSimilarity: minSimilarity)
            }
            return hits(ranked)
        }
    }

    /// Exact top-`k` for each query of a batch (same metric, filter and tie rule as `search`), in query order.
    /// Uses `sgemm` of all queries against tiles of 1,024 rows into one reused score tile. O(m·n·d) flops.
    public func search(queries: [[Float]], k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1) throws -> [[VectorHit]] {
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
            return ranked.map(hits)
        }
    }

    /// Approximate-then-exact search: scans the int8 copy (4× less memory traffic) for the best
    /// `k × rerankFactor` entries, then re-ranks them with exact float32 cosine. Similarities returned are exact;
    /// the set may miss a true neighbour whose int8 score fell outside the shortlist (see recall in the benchmarks).
    /// Falls back to the exact `search` when `enableQuantization()` was not called.
    public func searchQuantized(query: [Float], k: Int, filter: VectorFilter = .none, minSimilarity: Float = -1,
                                rerankFactor: Int = 4) throws -> [VectorHit] {
        try Self.validate(k: k)
        let unit = try VectorMath.normalized(query, dimension: dimension)
        return lock.withReadLock {
            let compiled = CompiledFilter(filter, storage: storage)
            let ranked = unit.withUnsafeBufferPointer { pointer in
                storage.quantized == nil
                    ? storage.topK(unitQuery: pointer.baseAddress!, k: k, filter: compiled, minSimilarity: minSimilarity)
                    : storage.topKQuantized(unitQuery: pointer.baseAddress!, k: k, rerankFactor: rerankFactor,
                                            filter: compiled, minSimilarity: minSimilarity)
            }
            return hits(ranked)
        }
    }

    // MARK: - Private

    private static func validate(k: Int) throws {
        guard VectorSearchLimits.kRange.contains(k) else { throw VectorError.invalidK(k, allowed: VectorSearchLimits.kRange) }
    }

    /// Must run under the read lock (reads the entry table).
    private func hits(_ ranked: [RankedRow]) -> [VectorHit] {
        ranked.map { VectorHit(entryID: storage.entryIDs[Int($0.entry)], similarity: $0.score, rowID: $0.rowID) }
    }
}
