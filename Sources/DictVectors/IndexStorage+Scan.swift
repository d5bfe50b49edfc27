import COpenBLAS
import CVectorKernels
import Foundation

/// A ranked candidate: score, row id and interned entry ordinal.
package typealias RankedRow = (score: Float, rowID: Int64, entry: Int32)

extension IndexStorage {
    /// Exact top-k distinct entries for one unit-length query. Metric: dot product of unit vectors (cosine),
    /// higher is better; with `bonus` (a 256-entry group table, see `PriorBoost`) each row scores
    /// `cosine + bias + bonus[group]` instead. Complexity O(n·d) for a full scan (the C dot-rows kernel over row
    /// tiles, split across `scanThreads` threads for large n), O(n + m·d) for a selective filter matching m rows (candidate
    /// list + gathered dot products), plus O(n log k) heap work in the worst case; priors add O(n) adds.
    package func topK(unitQuery query: UnsafePointer<Float>, k: Int, filter: CompiledFilter, minSimilarity: Float,
                      bonus: [Float]? = nil) -> [RankedRow] {
        guard count > 0 else { return [] }
        let dedupe = entriesWithSeveralRows > 0
        let d = dimension
        if let candidates = gatherCandidates(filter) {
            guard !candidates.isEmpty else { return [] }
            return candidates.withUnsafeBufferPointer { list in
                runWorkers(rows: list.count, floats: list.count * d, k: k, dedupe: dedupe) { range, heap in
                    var bar = max(heap.threshold, minSimilarity)
                    var score: Float = 0
                    for i in range {
                        let position = Int(list[i])
                        // The AVX2 kernel on one row: gathered rows get the same arithmetic as the full scan.
                        dict_f32_dot_rows(row(position), 1, d, query, &score)
                        if let bonus { score += priorBiases[position] + bonus[Int(priorGroups[position])] }
                        if score >= bar {
                            heap.offer(score: score, rowID: rowIDs[position], entry: entryOrdinals[position])
                            bar = max(heap.threshold, minSimilarity)
                        }
                    }
                }
            }
        }
        return runWorkers(rows: count, floats: count * d, k: k, dedupe: dedupe) { range, heap in
            let tile = UnsafeMutablePointer<Float>.allocate(capacity: ScanTuning.gemvTileRows)
            defer { tile.deallocate() }
            var bar = max(heap.threshold, minSimilarity)
            var start = range.lowerBound
            while start < range.upperBound {
                let rows = min(ScanTuning.gemvTileRows, range.upperBound - start)
                dict_f32_dot_rows(row(start), rows, d, query, tile)
                if let bonus { addPriors(to: tile, rows: rows, start: start, bonus: bonus) }
                for i in 0..<rows where tile[i] >= bar {
                    let position = start + i
                    if filter.isUnrestricted || filter.matches(position, in: self) {
                        heap.offer(score: tile[i], rowID: rowIDs[position], entry: entryOrdinals[position])
                        bar = max(heap.threshold, minSimilarity)
                    }
                }
                start += rows
            }
        }
    }

    /// Exact top-k for `queryCount` unit-length queries stored row-major at `queries`. Each `sgemm` multiplies
    /// all queries by a tile of 1,024 database rows into one reused score tile; tiles are split across threads.
    /// A selective filter first copies the matching rows into a compact matrix. O(m·n·d) flops.
    package func topK(unitQueries queries: UnsafePointer<Float>, queryCount m: Int, k: Int, filter: CompiledFilter,
                      minSimilarity: Float) -> [[RankedRow]] {
        guard count > 0, m > 0 else { return Array(repeating: [], count: m) }
        let d = dimension
        let candidates = gatherCandidates(filter)
        if let candidates, candidates.isEmpty { return Array(repeating: [], count: m) }
        // The matrix to multiply: the whole index, or a compact copy of the candidate rows.
        let rows = candidates?.count ?? count
        var compact: UnsafeMutablePointer<Float>?
        if let candidates {
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: candidates.count * d)
            for (i, position) in candidates.enumerated() {
                (buffer + i * d).update(from: row(Int(position)), count: d)
            }
            compact = buffer
        }
        defer { compact?.deallocate() }
        let base = UnsafePointer(compact ?? matrix)
        let dedupe = entriesWithSeveralRows > 0
        let workers = min(ScanTuning.batchWorkers(forFloats: rows * d * max(m / 8, 1), threads: scanThreads),
                          max(rows / ScanTuning.gemmTileRows, 1))
        let heaps = UnsafeMutableBufferPointer<TopKHeap>.allocate(capacity: workers * m)
        heaps.initialize(repeating: TopKHeap(capacity: k, deduplicate: dedupe))
        defer { heaps.deinitialize(); heaps.deallocate() }
        let checkFilter = candidates == nil && !filter.isUnrestricted
        Parallel.run(workers) { worker in
            let range = Self.share(of: rows, worker: worker, workers: workers)
            let tileRows = ScanTuning.gemmTileRows
            let tile = UnsafeMutablePointer<Float>.allocate(capacity: m * tileRows)
            defer { tile.deallocate() }
            var start = range.lowerBound
            while start < range.upperBound {
                let t = min(tileRows, range.upperBound - start)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(t), Int32(d), 1,
                            queries, Int32(d), base + start * d, Int32(d), 0, tile, Int32(t))
                for q in 0..<m {
                    let scores = tile + q * t
                    let slot = worker * m + q
                    var bar = max(heaps[slot].threshold, minSimilarity)
                    for i in 0..<t where scores[i] >= bar {
                        let position = candidates.map { Int($0[start + i]) } ?? (start + i)
                        if checkFilter && !filter.matches(position, in: self) { continue }
                        heaps[slot].offer(score: scores[i], rowID: rowIDs[position], entry: entryOrdinals[position])
                        bar = max(heaps[slot].threshold, minSimilarity)
                    }
                }
                start += t
            }
        }
        return (0..<m).map { q in TopKHeap.merge((0..<workers).map { heaps[$0 * m + q] }, k: k) }
    }

    /// Approximate-then-exact top-k: scans the int8 copy for the best `k × rerankFactor` entries, then re-ranks
    /// them with float32 dot products. Requires `buildQuantized()`. O(n·d) int8 work + O(k·r·d) float work.
    package func topKQuantized(unitQuery query: UnsafePointer<Float>, k: Int, rerankFactor: Int, filter: CompiledFilter,
                               minSimilarity: Float, bonus: [Float]? = nil) -> [RankedRow] {
        guard let quantized, count > 0 else { return [] }
        let d = dimension
        let queryCodes = UnsafeMutablePointer<Int8>.allocate(capacity: d)
        defer { queryCodes.deallocate() }
        let (queryScale, _) = QuantizedMatrix.quantize(query, count: d, levels: QuantizedMatrix.queryLevels, into: queryCodes)
        let dedupe = entriesWithSeveralRows > 0
        let shortlist = min(k * max(rerankFactor, 1), count)
        let candidates = gatherCandidates(filter)
        if let candidates, candidates.isEmpty { return [] }
        let checkFilter = candidates == nil && !filter.isUnrestricted
        let rows = candidates?.count ?? count
        // Approximate scores may err by a little, so the similarity floor is applied only after re-ranking.
        let approximate = runWorkers(rows: rows, floats: rows * d / 4, k: shortlist, dedupe: dedupe) { range, heap in
            let tileRows = ScanTuning.gemvTileRows
            let raw = UnsafeMutablePointer<Int32>.allocate(capacity: tileRows)
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: tileRows)
            defer { raw.deallocate(); scores.deallocate() }
            var bar = heap.threshold
            let codes = quantized.values
            let scales = quantized.scales
            priorBiases.withUnsafeBufferPointer { biases in
                priorGroups.withUnsafeBufferPointer { groups in
                    (bonus ?? []).withUnsafeBufferPointer { table in
                        let usePriors = bonus != nil
                        // Scores of `count` rows at positions `position(0..<count)` whose raw dots are in `raw`.
                        func offer(_ count: Int, _ position: (Int) -> Int) {
                            for i in 0..<count where scores[i] >= bar {
                                let row = position(i)
                                if checkFilter && !filter.matches(row, in: self) { continue }
                                heap.offer(score: scores[i], rowID: rowIDs[row], entry: entryOrdinals[row])
                                bar = heap.threshold
                            }
                        }
                        if let candidates {
                            for i in range {
                                let row = Int(candidates[i])
                                dict_i8_dot_rows(codes + row * d, 1, d, queryCodes, raw)
                                scores[0] = Float(raw[0]) * scales[row] * queryScale
                                    + (usePriors ? biases[row] + table[Int(groups[row])] : 0)
                                offer(1) { _ in row }
                            }
                            return
                        }
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let count = min(tileRows, range.upperBound - start)
                            dict_i8_dot_rows(codes + start * d, count, d, queryCodes, raw)
                            // Dequantize (and add priors) for the whole tile in one vectorizable pass.
                            if usePriors {
                                for i in 0..<count {
                                    scores[i] = Float(raw[i]) * scales[start + i] * queryScale + biases[start + i]
                                        + table[Int(groups[start + i])]
                                }
                            } else {
                                for i in 0..<count { scores[i] = Float(raw[i]) * scales[start + i] * queryScale }
                            }
                            offer(count) { start + $0 }
                            start += count
                        }
                    }
                }
            }
        }
        var exact = TopKHeap(capacity: k, deduplicate: dedupe)
        for candidate in approximate {
            guard let position = position(ofRow: candidate.rowID) else { continue }
            var score = VectorMath.dot(row(position), query, count: d)
            if let bonus { score += priorBiases[position] + bonus[Int(priorGroups[position])] }
            if score >= minSimilarity { exact.offer(score: score, rowID: candidate.rowID, entry: candidate.entry) }
        }
        return exact.sortedDescending()
    }

    // MARK: - Helpers

    /// Adds each row's prior to its score in a tile of `rows` scores starting at matrix row `start`.
    @inline(__always)
    private func addPriors(to tile: UnsafeMutablePointer<Float>, rows: Int, start: Int, bonus: [Float]) {
        priorBiases.withUnsafeBufferPointer { biases in
            priorGroups.withUnsafeBufferPointer { groups in
                bonus.withUnsafeBufferPointer { table in
                    for i in 0..<rows { tile[i] += biases[start + i] + table[Int(groups[start + i])] }
                }
            }
        }
    }

    /// The candidate list for a selective filter, or nil when a full scan with an inline filter check is cheaper.
    private func gatherCandidates(_ filter: CompiledFilter) -> [Int32]? {
        guard !filter.isUnrestricted else { return nil }
        let limit = Int(Double(count) * ScanTuning.gatherMaxFraction)
        guard filter.estimatedMatches <= limit else { return nil }
        let list = filter.candidates(in: self)
        return list.count <= limit ? list : nil
    }

    /// Runs `body` over contiguous shares of `rows` on up to `scanThreads` threads, each with its own heap, and merges.
    private func runWorkers(rows: Int, floats: Int, k: Int, dedupe: Bool,
                            _ body: (Range<Int>, inout TopKHeap) -> Void) -> [RankedRow] {
        let workers = min(ScanTuning.workers(forFloats: floats, threads: scanThreads), max(rows / ScanTuning.gemvTileRows, 1))
        if workers == 1 {
            var heap = TopKHeap(capacity: k, deduplicate: dedupe)
            body(0..<rows, &heap)
            return heap.sortedDescending()
        }
        let heaps = UnsafeMutableBufferPointer<TopKHeap>.allocate(capacity: workers)
        heaps.initialize(repeating: TopKHeap(capacity: k, deduplicate: dedupe))
        defer { heaps.deinitialize(); heaps.deallocate() }
        Parallel.run(workers) { worker in
            body(Self.share(of: rows, worker: worker, workers: workers), &heaps[worker])
        }
        return TopKHeap.merge(Array(heaps), k: k)
    }

    /// The contiguous slice of `0..<rows` handled by `worker`.
    private static func share(of rows: Int, worker: Int, workers: Int) -> Range<Int> {
        let size = (rows + workers - 1) / workers
        return min(rows, worker * size)..<min(rows, (worker + 1) * size)
    }
}
