import DictVectors
import DictionaryCore
import Testing

@Suite("Query and vector validation")
struct ValidationTests {
    let index: EmbeddingIndex

    init() throws {
        index = try EmbeddingIndex(model: "m", dimension: 3)
        try index.upsert([IndexedVector(rowID: 1, entryID: "a", vector: [1, 2, 3],
                                        attributes: EntryAttributes(lang: "en", type: "tempo", overallScore: 1))])
    }

    @Test func wrongQueryDimensionIsRejected() {
        #expect(throws: VectorError.dimensionMismatch(expected: 3, found: 2, entryID: nil)) { try index.search(query: [1, 2], k: 1) }
        #expect(throws: VectorError.dimensionMismatch(expected: 3, found: 0, entryID: nil)) { try index.search(query: [], k: 1) }
        #expect(throws: VectorError.dimensionMismatch(expected: 3, found: 4, entryID: nil)) {
            try index.search(queries: [[1, 2, 3], [1, 2, 3, 4]], k: 1)
        }
    }

    @Test func nonFiniteAndZeroQueriesAreRejected() {
        #expect(throws: VectorError.nonFiniteComponent(index: 1, entryID: nil)) { try index.search(query: [1, .nan, 0], k: 1) }
        #expect(throws: VectorError.nonFiniteComponent(index: 2, entryID: nil)) { try index.search(query: [1, 0, .infinity], k: 1) }
        #expect(throws: VectorError.zeroVector(entryID: nil)) { try index.search(query: [0, 0, 0], k: 1) }
        #expect(throws: VectorError.zeroVector(entryID: nil)) { try index.searchQuantized(query: [0, -0.0, 0], k: 1) }
    }

    @Test(arguments: [0, -1, 100_001, Int.max])
    func kOutOfRangeIsRejected(k: Int) {
        #expect(throws: VectorError.invalidK(k, allowed: 1...100_000)) { try index.search(query: [1, 0, 0], k: k) }
        #expect(throws: VectorError.invalidK(k, allowed: 1...100_000)) { try index.search(queries: [[1, 0, 0]], k: k) }
    }

    @Test func invalidDimensionsAreRejected() {
        #expect(throws: VectorError.invalidDimension(0)) { try EmbeddingIndex(model: "m", dimension: 0) }
        #expect(throws: VectorError.invalidDimension(70_000)) { try EmbeddingStore(model: "m", dimension: 70_000) }
        #expect(throws: VectorError.invalidModelName("")) { try EmbeddingStore(model: "", dimension: 3) }
    }

    @Test func hugeFiniteComponentsNormalizeWithoutOverflow() throws {
        let big = try EmbeddingIndex(model: "m", dimension: 3)
        try big.upsert([IndexedVector(rowID: 1, entryID: "a", vector: [1e38, 1e38, 1e38],
                                      attributes: EntryAttributes(lang: "en", type: "tempo", overallScore: 1))])
        let hit = try #require(try big.search(query: [1e-30, 1e-30, 1e-30], k: 1).first)
        #expect(abs(hit.similarity - 1) < 1e-5)
    }
}
