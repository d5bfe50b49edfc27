import DictTesting
import DictVectors
import Testing

/// A search splits its work across threads only while fewer searches than scan workers run in the process, and the
/// results do not depend on it.
@Suite("Intra-query parallelism gives way under load")
struct SearchConcurrencyTests {
    @Test func scansUseOneWorkerWhileEnoughSearchesRun() {
        // Only what holds whatever other tests run meanwhile: with two searches tracked here the cores are busy.
        let large = ScanTuning.parallelMinFloats
        SearchConcurrency.track {
            SearchConcurrency.track {
                #expect(SearchConcurrency.coresBusy(2))
                #expect(ScanTuning.workers(forFloats: large, threads: 2) == 1)
            }
        }
        #expect(ScanTuning.workers(forFloats: large - 1, threads: 8) == 1, "small scans never split")
        #expect(ScanTuning.workers(forFloats: large, threads: 1) == 1, "one thread when configured so")
    }

    @Test func aScanUnderLoadFindsWhatItFindsAlone() throws {
        var rng = SeededGenerator(seed: 0x5EED_C0C0)
        let dimension = 64
        // Enough floats for two workers when the cores are free.
        let rows = VectorFixtures.rows(entries: ScanTuning.parallelMinFloats / dimension + 2_000, d: dimension, maxChunks: 1,
                                       duplicateFraction: 0.01, using: &rng)
        let index = try EmbeddingIndex(model: "m", dimension: dimension)
        try index.upsert(rows)
        let query = VectorFixtures.vector(dimension, using: &rng)
        let alone = try index.search(query: query, k: 25)
        let underLoad = try SearchConcurrency.track { try SearchConcurrency.track { try index.search(query: query, k: 25) } }
        #expect(alone.map(\.entryID) == underLoad.map(\.entryID))
        #expect(alone.map(\.score) == underLoad.map(\.score))
        // Any thread count finds the same, for one query and for a batch.
        let batchAlone = try index.search(queries: [query, query.reversed()], k: 25)
        for threads in [1, 3, 5] {
            index.scanThreads = threads
            #expect(index.scanThreads == threads)
            let hits = try index.search(query: query, k: 25)
            #expect(hits.map(\.entryID) == alone.map(\.entryID), "\(threads) threads")
            #expect(hits.map(\.score) == alone.map(\.score), "\(threads) threads")
            let batch = try index.search(queries: [query, query.reversed()], k: 25)
            #expect(batch.map { $0.map(\.entryID) } == batchAlone.map { $0.map(\.entryID) }, "\(threads) threads, batch")
        }
        index.scanThreads = 0
        #expect(index.scanThreads == 1, "at least one thread")
    }
}
