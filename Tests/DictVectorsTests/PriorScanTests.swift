import CVectorKernels
import DictTesting
import DictVectors
import Testing

@Suite("Priors in the scan, row scoring and the int8 kernel")
struct PriorScanTests {
    /// Brute force of `cosine + bias + bonus[group]`: each entry's best row, sorted best first (ties: lower row).
    static func reference(rows: [IndexedVector], priors: [Int64: RowPrior], bonus: [Float], query: [Float]) -> [(entryID: String, score: Double, similarity: Double, rowID: Int64)] {
        let q = Reference.unit(query)
        var best: [String: (entryID: String, score: Double, similarity: Double, rowID: Int64)] = [:]
        for row in rows {
            let unit = Reference.unit(row.vector)
            let similarity = zip(unit, q).reduce(0) { $0 + $1.0 * $1.1 }
            let prior = priors[row.rowID] ?? .zero
            let score = similarity + Double(prior.bias) + Double(Int(prior.group) < bonus.count ? bonus[Int(prior.group)] : 0)
            if let current = best[row.entryID], current.score > score || (current.score == score && current.rowID < row.rowID) { continue }
            best[row.entryID] = (row.entryID, score, similarity, row.rowID)
        }
        return best.values.sorted { $0.score > $1.score || ($0.score == $1.score && $0.rowID < $1.rowID) }
    }

    @Test func searchWithPriorsEqualsBruteForce() throws {
        let seed: UInt64 = 0x5EED_0101
        print("searchWithPriorsEqualsBruteForce seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        for (entries, d) in [(30, 8), (400, 32), (3_000, 384)] {
            let rows = VectorFixtures.rows(entries: entries, d: d, maxChunks: 3, duplicateFraction: 0.05, using: &rng)
            let index = try EmbeddingIndex(model: "m", dimension: d)
            try index.upsert(rows)
            var priors: [Int64: RowPrior] = [:]
            for row in rows where Bool.random(using: &rng) {
                priors[row.rowID] = RowPrior(bias: Float.random(in: -0.2...0.2, using: &rng), group: UInt8.random(in: 0...4, using: &rng))
            }
            index.setPriors(priors.map { (rowID: $0.key, prior: $0.value) })
            for _ in 0..<10 {
                let query = VectorFixtures.vector(d, using: &rng)
                let bonus: [Float] = (0...4).map { _ in Float.random(in: 0...0.1, using: &rng) }
                let k = [1, 10, 50].randomElement(using: &rng)!
                let expected = Array(Self.reference(rows: rows, priors: priors, bonus: bonus, query: query).prefix(k))
                let hits = try index.search(query: query, k: k, boost: PriorBoost(groupBonus: bonus))
                #expect(hits.count == expected.count, "seed \(seed) n=\(rows.count) k=\(k)")
                for (hit, truth) in zip(hits, expected) {
                    // Ranking scores agree up to float rounding; a hit reports its row's plain cosine.
                    #expect(abs(Double(hit.score) - truth.score) < 1e-4, "seed \(seed): \(hit) vs \(truth)")
                    let row = rows.first { $0.rowID == hit.rowID }!
                    let cosine = zip(Reference.unit(row.vector), Reference.unit(query)).reduce(0) { $0 + $1.0 * $1.1 }
                    #expect(abs(Double(hit.similarity) - cosine) < 1e-4)
                }
                // Without a boost the priors are ignored: plain cosine order.
                let plain = try index.search(query: query, k: k)
                #expect(compare(plain, with: Reference(rows: rows).ranking(query: query), k: k).isEmpty)
            }
        }
    }

    @Test func priorsFollowTheirRowsThroughDeletes() throws {
        var rng = SeededGenerator(seed: 0x5EED_0102)
        let rows = VectorFixtures.rows(entries: 50, d: 16, maxChunks: 2, duplicateFraction: 0, using: &rng)
        let index = try EmbeddingIndex(model: "m", dimension: 16)
        try index.upsert(rows)
        index.setPriors(rows.map { (rowID: $0.rowID, prior: RowPrior(bias: Float($0.rowID) / 1000, group: UInt8($0.rowID % 5))) })
        // Removing rows moves the last row into each hole; every survivor keeps its own prior.
        index.remove(rowIDs: rows.prefix(20).map(\.rowID))
        for row in rows.dropFirst(20) {
            #expect(index.prior(ofRow: row.rowID) == RowPrior(bias: Float(row.rowID) / 1000, group: UInt8(row.rowID % 5)))
        }
        #expect(index.prior(ofRow: rows[0].rowID) == nil)
        // A new row starts without a prior.
        let fresh = IndexedVector(rowID: 9_999, entryID: "new", vector: VectorFixtures.vector(16, using: &rng), attributes: rows[0].attributes)
        try index.upsert([fresh])
        #expect(index.prior(ofRow: 9_999) == .zero)
    }

    @Test func scoringGivenRowsKeepsEachEntrysBest() throws {
        var rng = SeededGenerator(seed: 0x5EED_0103)
        let rows = VectorFixtures.rows(entries: 40, d: 12, maxChunks: 3, duplicateFraction: 0, using: &rng)
        let index = try EmbeddingIndex(model: "m", dimension: 12)
        try index.upsert(rows)
        let chosen = rows.filter { _ in Bool.random(using: &rng) }
        let query = VectorFixtures.vector(12, using: &rng)
        let hits = try index.score(query: query, rowIDs: chosen.map(\.rowID) + [123_456])
        let expected = Reference(rows: chosen).ranking(query: query)
        #expect(hits.map(\.entryID) == expected.map(\.entryID))
        #expect(zip(hits, expected).allSatisfy { $0.rowID == $1.rowID && abs(Double($0.similarity) - $1.score) < 1e-5 })
    }

    @Test func quantizedSearchWithPriorsFindsTheExactNeighbours() throws {
        var rng = SeededGenerator(seed: 0x5EED_0104)
        let rows = VectorFixtures.rows(entries: 4_000, d: 64, maxChunks: 2, duplicateFraction: 0, using: &rng)
        let index = try EmbeddingIndex(model: "m", dimension: 64)
        try index.upsert(rows)
        index.setPriors(rows.map { (rowID: $0.rowID, prior: RowPrior(bias: Float.random(in: 0...0.05, using: &rng), group: 1)) })
        index.enableQuantization()
        var found = 0, total = 0
        for _ in 0..<20 {
            let query = VectorFixtures.vector(64, using: &rng)
            let boost = PriorBoost(groupBonus: [0, 0.03])
            let exact = try index.search(query: query, k: 10, boost: boost)
            let approximate = try index.searchQuantized(query: query, k: 10, rerankFactor: 4, boost: boost)
            found += Set(exact.map(\.entryID)).intersection(approximate.map(\.entryID)).count
            total += exact.count
            // Re-ranked scores are exact.
            let exactScore = Dictionary(uniqueKeysWithValues: exact.map { ($0.entryID, $0.score) })
            for hit in approximate { if let score = exactScore[hit.entryID] { #expect(abs(hit.score - score) < 1e-5) } }
        }
        #expect(Double(found) / Double(total) >= 0.99)
    }

    @Test func int8KernelEqualsTheScalarLoop() {
        var rng = SeededGenerator(seed: 0x5EED_0105)
        print("int8 kernel on this CPU: \(String(cString: dict_i8_kernel_name()))")
        for dimension in [1, 7, 31, 32, 33, 64, 100, 384, 385] {
            let count = 37
            let rows = (0..<(count * dimension)).map { _ in Int8(Int(rng.next() % 255) - 127) }
            let query = (0..<dimension).map { _ in Int8(Int(rng.next() % 127) - 63) }
            var fast = [Int32](repeating: 0, count: count)
            var slow = [Int32](repeating: 0, count: count)
            dict_i8_dot_rows(rows, count, dimension, query, &fast)
            dict_i8_dot_rows_scalar(rows, count, dimension, query, &slow)
            #expect(fast == slow, "dimension \(dimension)")
            // Extremes: rows at ±127 and queries at ±63 stay exact (no 16-bit saturation).
            var out: [Int32] = [0]
            for (row, query) in [(Int8(127), Int8(-63)), (-127, -63), (127, 63), (-127, 63)] {
                dict_i8_dot_rows([Int8](repeating: row, count: dimension), 1, dimension, [Int8](repeating: query, count: dimension), &out)
                #expect(out[0] == Int32(row) * Int32(query) * Int32(dimension), "dimension \(dimension), \(row) · \(query)")
            }
        }
    }
}
