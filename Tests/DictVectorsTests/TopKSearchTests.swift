import DictTesting
import DictVectors
import Testing

@Suite("Exact top-k search")
struct TopKSearchTests {
    @Test func topKEqualsFullSortOnRandomCases() throws {
        let seed: UInt64 = 0x5EED_0001
        print("topKEqualsFullSortOnRandomCases seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        var cases = 0
        // Sizes cover the SIMD loop (tiny), single-thread sgemv and the two-thread split (n·d ≥ 2^20).
        let shapes: [(entries: Int, d: Int)] = [(1, 1), (3, 2), (7, 3), (40, 16), (120, 37), (300, 64), (900, 96), (2_200, 384), (6_000, 200)]
        for shape in shapes {
            let repeats = shape.entries >= 2_000 ? 1 : shape.entries >= 900 ? 6 : 15
            for _ in 0..<repeats {
                let rows = VectorFixtures.rows(entries: shape.entries, d: shape.d, maxChunks: Int.random(in: 1...3, using: &rng),
                                               duplicateFraction: 0.2, using: &rng)
                let index = try EmbeddingIndex(model: "m", dimension: shape.d)
                try index.upsert(rows)
                let reference = Reference(rows: rows)
                for _ in 0..<4 {
                    let query = Bool.random(using: &rng) ? rows.randomElement(using: &rng)!.vector : VectorFixtures.vector(shape.d, using: &rng)
                    let k = [1, 3, 10, Int.random(in: 1...1000, using: &rng)].randomElement(using: &rng)!
                    let hits = try index.search(query: query, k: k)
                    let problems = compare(hits, with: reference.ranking(query: query), k: k)
                    #expect(problems.isEmpty, "seed \(seed) n=\(rows.count) d=\(shape.d) k=\(k): \(problems.prefix(3))")
                    cases += 1
                }
            }
        }
        #expect(cases > 350)
    }

    @Test func filteredSearchEqualsFilterThenSort() throws {
        let seed: UInt64 = 0x5EED_0002
        print("filteredSearchEqualsFilterThenSort seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        for (entries, d) in [(50, 8), (400, 32), (3_000, 384)] {
            let rows = VectorFixtures.rows(entries: entries, d: d, maxChunks: 2, duplicateFraction: 0.1, using: &rng)
            let index = try EmbeddingIndex(model: "m", dimension: d)
            try index.upsert(rows)
            let reference = Reference(rows: rows)
            for _ in 0..<(entries >= 3_000 ? 20 : 60) {
                let filter = VectorFixtures.filter(using: &rng)
                let query = VectorFixtures.vector(d, using: &rng)
                let k = [1, 5, 10, 50, 1000].randomElement(using: &rng)!
                let minSimilarity: Float = Bool.random(using: &rng) ? -1 : Float.random(in: -0.2...0.3, using: &rng)
                let hits = try index.search(query: query, k: k, filter: filter, minSimilarity: minSimilarity)
                let problems = compare(hits, with: reference.ranking(query: query, filter: filter, minSimilarity: minSimilarity), k: k)
                #expect(problems.isEmpty, "seed \(seed) n=\(rows.count) d=\(d) k=\(k) \(filter): \(problems.prefix(3))")
            }
        }
    }

    @Test func batchSearchEqualsSortPerQuery() throws {
        let seed: UInt64 = 0x5EED_0003
        print("batchSearchEqualsSortPerQuery seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        for (entries, d, m) in [(5, 4, 3), (700, 48, 17), (2_500, 128, 40)] {
            let rows = VectorFixtures.rows(entries: entries, d: d, maxChunks: 2, duplicateFraction: 0.1, using: &rng)
            let index = try EmbeddingIndex(model: "m", dimension: d)
            try index.upsert(rows)
            let reference = Reference(rows: rows)
            let queries = (0..<m).map { _ in VectorFixtures.vector(d, using: &rng) }
            for filter in [VectorFilter.none, VectorFilter(languages: ["en", "fr"]), VectorFilter(languages: ["de"], types: ["tempo", "form"])] {
                let k = [1, 10, 100].randomElement(using: &rng)!
                let results = try index.search(queries: queries, k: k, filter: filter)
                #expect(results.count == m)
                for (query, hits) in zip(queries, results) {
                    let problems = compare(hits, with: reference.ranking(query: query, filter: filter), k: k)
                    #expect(problems.isEmpty, "seed \(seed) n=\(rows.count) d=\(d) k=\(k) \(filter): \(problems.prefix(3))")
                }
            }
        }
    }

    @Test func tiesGoToLowerRowID() throws {
        // Identical vectors give bit-identical scores, so the order is decided by the row id alone.
        let v: [Float] = [0.3, -0.2, 0.9, 0.1]
        let attributes = EntryAttributes(lang: "en", type: "tempo", overallScore: 50)
        let index = try EmbeddingIndex(model: "m", dimension: 4)
        try index.upsert([
            IndexedVector(rowID: 30, entryID: "c", vector: v, attributes: attributes),
            IndexedVector(rowID: 10, entryID: "a", vector: v.map { $0 * 3 }, attributes: attributes),
            IndexedVector(rowID: 20, entryID: "b", vector: v, attributes: attributes),
            IndexedVector(rowID: 5, entryID: "d", vector: [1, 0, 0, 0], attributes: attributes),
        ])
        let hits = try index.search(query: v, k: 3)
        #expect(hits.map(\.entryID) == ["a", "b", "c"])
        #expect(hits.map(\.rowID) == [10, 20, 30])
    }

    @Test func entryScoreIsBestChunkAndEntriesAreDistinct() throws {
        let attributes = EntryAttributes(lang: "en", type: "tempo", overallScore: 50)
        let index = try EmbeddingIndex(model: "m", dimension: 2)
        try index.upsert([
            IndexedVector(rowID: 1, entryID: "a", vector: [1, 0], attributes: attributes),
            IndexedVector(rowID: 2, entryID: "a", vector: [0.9, 0.1], attributes: attributes),
            IndexedVector(rowID: 3, entryID: "b", vector: [0, 1], attributes: attributes),
            IndexedVector(rowID: 4, entryID: "b", vector: [0.8, 0.2], attributes: attributes),
            IndexedVector(rowID: 5, entryID: "c", vector: [-1, 0], attributes: attributes),
        ])
        let hits = try index.search(query: [1, 0], k: 10)
        #expect(hits.map(\.entryID) == ["a", "b", "c"])
        #expect(hits.map(\.rowID) == [1, 4, 5])
        #expect(hits[0].similarity == 1)
    }

    @Test func kLargerThanEntryCountReturnsAll() throws {
        let index = try EmbeddingIndex(model: "m", dimension: 3)
        #expect(try index.search(query: [1, 2, 3], k: 5).isEmpty)
        let attributes = EntryAttributes(lang: "en", type: "form", overallScore: 1)
        try index.upsert((1...4).map { IndexedVector(rowID: Int64($0), entryID: "e\($0)", vector: [Float($0), 1, 0], attributes: attributes) })
        #expect(try index.search(query: [1, 0, 0], k: 1000).count == 4)
        #expect(try index.search(query: [1, 0, 0], k: 10, filter: VectorFilter(languages: [])).isEmpty)
        #expect(try index.search(query: [1, 0, 0], k: 10, filter: VectorFilter(languages: ["xx"])).isEmpty)
    }

    @Test func quantizedSearchReturnsExactSimilaritiesWithHighRecall() throws {
        let seed: UInt64 = 0x5EED_0004
        print("quantizedSearchReturnsExactSimilaritiesWithHighRecall seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        let d = 64
        let rows = VectorFixtures.rows(entries: 2_000, d: d, maxChunks: 1, duplicateFraction: 0, using: &rng)
        let reference = Reference(rows: rows)
        let index = try EmbeddingIndex(model: "m", dimension: d)
        try index.upsert(rows)
        index.enableQuantization()
        #expect(index.isQuantized)
        var found = 0
        var total = 0
        for _ in 0..<20 {
            let query = VectorFixtures.vector(d, using: &rng)
            let exact = try index.search(query: query, k: 10)
            let approximate = try index.searchQuantized(query: query, k: 10, rerankFactor: 4)
            let exactScores = Dictionary(uniqueKeysWithValues: reference.ranking(query: query).map { ($0.entryID, $0.score) })
            for hit in approximate { #expect(abs(Double(hit.similarity) - exactScores[hit.entryID]!) < 1e-5) }
            found += Set(exact.map(\.entryID)).intersection(approximate.map(\.entryID)).count
            total += exact.count
        }
        let recall = Double(found) / Double(total)
        print("int8 recall@10 = \(recall)")
        #expect(recall >= 0.97)
        // Updates keep the int8 copy in step: a new exact match is found by the quantized path.
        let probe = VectorFixtures.vector(d, using: &rng)
        try index.upsert([IndexedVector(rowID: 1_000_000, entryID: "new", vector: probe, attributes: rows[0].attributes)])
        #expect(try index.searchQuantized(query: probe, k: 1).first?.entryID == "new")
        index.remove(rowIDs: [1_000_000])
        #expect(try index.searchQuantized(query: probe, k: 1).first?.entryID != "new")
    }
}
