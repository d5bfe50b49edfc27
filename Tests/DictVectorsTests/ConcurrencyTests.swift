import DictVectors
import Foundation
import Testing

@Suite("Concurrent reads during writes")
struct ConcurrencyTests {
    /// Generation g places row i on basis vector (i + g) mod d, written as one batch; a reader must always see
    /// exactly one row on the query's axis (similarity 1) and all others orthogonal (0), never a mix of generations.
    @Test func readersSeeWholeBatchesOnly() async throws {
        let d = 64
        let attributes = EntryAttributes(lang: "en", type: "tempo", overallScore: 1)
        func generation(_ g: Int) -> [IndexedVector] {
            (0..<d).map { i in
                var v = [Float](repeating: 0, count: d)
                v[(i + g) % d] = 1
                return IndexedVector(rowID: Int64(i), entryID: "e\(i)", vector: v, attributes: attributes)
            }
        }
        let index = try EmbeddingIndex(model: "m", dimension: d)
        try index.upsert(generation(0))
        var query = [Float](repeating: 0, count: d)
        query[0] = 1
        let probe = query
        let writes = 300
        let inconsistent = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for g in 1...writes {
                    if g % 3 == 0 {
                        // Delete and re-insert the whole generation in one replace step.
                        try index.replace(entryIDs: (0..<d).map { "e\($0)" }, with: generation(g))
                    } else {
                        try index.upsert(generation(g))
                    }
                }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<400 {
                        let hits = try index.search(query: probe, k: 2)
                        let top = try index.search(queries: [probe, probe], k: d)
                        if hits.count != 2 || hits[0].similarity != 1 || hits[1].similarity != 0 { bad += 1 }
                        if top[0].count != d || top[0].filter({ $0.similarity == 1 }).count != 1 { bad += 1 }
                    }
                    return bad
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(inconsistent == 0)
        #expect(index.count == d)
    }
}
