import DictStore
import DictVectors
import DictionaryCore
import Foundation
import GRDB

/// `dict bench vectors`: exact cosine top-k on seeded random unit vectors, with the bounds (memory bandwidth,
/// sgemm, a naive loop) measured in the same run, plus SQLite import/load and the int8 path.
package struct VectorBenchmark: Sendable {
    /// What to run.
    package struct Configuration: Sendable {
        /// Row counts.
        package var sizes: [Int] = [10_000, 100_000, 1_000_000]
        /// Dimensions.
        package var dimensions: [Int] = [384, 768]
        /// Results per query.
        package var k = 10
        /// Seed of the data and query generator.
        package var seed: UInt64 = 42
        /// Run 1M × 768 too (3 GB matrix plus a 3.3 GB database; skipped by default to keep the run short).
        package var includeLargest = false
        /// Where the temporary SQLite file goes (removed afterwards).
        package var temporaryDirectory = FileManager.default.temporaryDirectory.path
        /// SQLite page size of the temporary database (the dictionary database's by default).
        package var pageSize = StoreConfiguration().pageSize
        /// When set, numpy's top-k on the same data is timed beside ours (`--compare-numpy`).
        package var numpy: NumpyAnchor?

        package init() {}

        /// The (n, d) cases in run order.
        package var cases: [(n: Int, d: Int)] {
            sizes.flatMap { n in dimensions.map { (n: n, d: $0) } }
                .filter { includeLargest || !($0.n >= 1_000_000 && $0.d >= 768) || sizes.count == 1 && dimensions.count == 1 }
        }
    }

    package let configuration: Configuration

    package init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs every case, reporting progress lines through `log`.
    package func run(log: (String) -> Void) throws -> [VectorBenchmarkResult] {
        try configuration.cases.map { try runCase(n: $0.n, d: $0.d, log: log) }
    }

    // MARK: - One case

    private func runCase(n: Int, d: Int, log: (String) -> Void) throws -> VectorBenchmarkResult {
        let k = configuration.k
        var rng = BenchmarkRandom(seed: configuration.seed ^ UInt64(n * 7919 + d))
        log("n=\(n) d=\(d): generating vectors")
        let matrix = Self.unitVectors(count: n, d: d, using: &rng)
        let large = n >= 1_000_000

        // SQLite: entries, then the timed import, then the timed load.
        let directory = configuration.temporaryDirectory + "/dict-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var storeConfiguration = StoreConfiguration()
        storeConfiguration.pageSize = configuration.pageSize
        let database = try StoreDatabase(location: .file(path: directory + "/dictionary.db"), configuration: storeConfiguration)
        try database.write { db in
            try db.execute(sql: Self.schema)
            try db.execute(sql: Self.entriesSQL, arguments: [n])
        }
        log("n=\(n) d=\(d): importing")
        let store = try EmbeddingStore(model: "bench", dimension: d)
        let (importSeconds, importCPU) = try BenchmarkTiming.wallAndThreadCPU {
            try Self.writeVectors(matrix, rows: n, dimension: d, with: store, into: database)
        }
        // Move the vectors from the WAL into the main file, as for a database opened after its import.
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        log("n=\(n) d=\(d): loading")
        var loadSeconds = Double.infinity
        var loadCPU = Double.infinity
        var loaded: EmbeddingIndex?
        for _ in 0..<(large ? 1 : 3) {
            loaded = nil
            var index: EmbeddingIndex?
            let (seconds, cpu) = try BenchmarkTiming.wallAndThreadCPU {
                index = try EmbeddingIndex.load(model: "bench", dimension: d, from: database)
            }
            loaded = index
            loadSeconds = min(loadSeconds, seconds)
            loadCPU = min(loadCPU, cpu)
        }
        guard let index = loaded, index.count == n else { throw VectorError.invalidDimension(d) }
        log("n=\(n) d=\(d): SQLite's own copy of the rows")
        let sqliteCopySeconds = try Self.sqliteCopySeconds(database)
        let residentRatio = Double(index.residentBytes) / Double(n * d * 4)

        // Queries and the exact path.
        log("n=\(n) d=\(d): searching")
        let queryCount = large ? 40 : 200
        let queries = (0..<queryCount).map { _ in Self.unitVectors(count: 1, d: d, using: &rng) }
        for query in queries.prefix(3) { _ = try index.search(query: query, k: k) }
        var exact: [[VectorHit]] = []
        var singleSamples: [Double] = []
        for query in queries {
            var hits: [VectorHit] = []
            singleSamples.append(try BenchmarkTiming.seconds { hits = try index.search(query: query, k: k) } * 1000)
            exact.append(hits)
        }
        let batch64 = try batchSeconds(index, queries: 64, d: d, runs: large ? 2 : 5, rng: &rng)
        let batch1024 = try batchSeconds(index, queries: 1024, d: d, runs: large ? 1 : 2, rng: &rng)

        // Bounds on the same matrix.
        log("n=\(n) d=\(d): baselines")
        // The read bound is taken on the index's own matrix: the pages the scan reads, not the generator's copy.
        let boundMs = index.withMatrix { VectorBaselines.memoryReadMs($0, count: $1) }
        let (naiveMs, sgemm) = matrix.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let naive = BenchmarkTiming.median(queries.prefix(large ? 3 : 10).map {
                VectorBaselines.naiveQueryMs(base, n: n, d: d, query: $0, k: k)
            })
            let sgemm = VectorBaselines.sgemmGflops(base, rows: min(n, 16_384), d: d, queries: 1024)
            return (naive, sgemm)
        }
        let freshCopy = matrix.withUnsafeBufferPointer { VectorBaselines.freshCopyGbps($0.baseAddress!, count: n * d) }
        var numpyMs: Double?
        if var numpy = configuration.numpy {
            log("n=\(n) d=\(d): numpy")
            numpy.directory = configuration.temporaryDirectory
            numpyMs = try matrix.withUnsafeBufferPointer { buffer in
                try numpy.queryMs(buffer.baseAddress!, n: n, d: d, queries: Array(queries.prefix(large ? 20 : 100)), k: k)
            }
        }

        // int8 scan + exact re-rank.
        log("n=\(n) d=\(d): int8")
        index.enableQuantization()
        for query in queries.prefix(3) { _ = try index.searchQuantized(query: query, k: k) }
        var int8Samples: [Double] = []
        var found = 0
        for (query, truth) in zip(queries, exact) {
            var hits: [VectorHit] = []
            int8Samples.append(try BenchmarkTiming.seconds { hits = try index.searchQuantized(query: query, k: k) } * 1000)
            found += Set(truth.map(\.entryID)).intersection(hits.map(\.entryID)).count
        }

        let single50 = BenchmarkTiming.median(singleSamples)
        let int850 = BenchmarkTiming.median(int8Samples)
        let flopsPerQuery = 2 * Double(n) * Double(d)
        return VectorBenchmarkResult(
            n: n, d: d, k: k,
            singleMsP50: single50, singleMsP99: BenchmarkTiming.percentile(singleSamples, 0.99),
            boundMs: boundMs, naiveMs: naiveMs,
            batch64Qps: 64 / batch64, batch1024Qps: 1024 / batch1024,
            batchGflops: 1024 * flopsPerQuery / batch1024 / 1e9, sgemmGflops: sgemm,
            int8MsP50: int850, int8Speedup: single50 / int850,
            int8RecallAt10: Double(found) / Double(exact.reduce(0) { $0 + $1.count }),
            loadGbps: Double(n * d * 4) / loadSeconds / 1e9, loadSeconds: loadSeconds,
            loadGbpsCPU: Double(n * d * 4) / loadCPU / 1e9,
            freshCopyGbps: freshCopy,
            importRowsPerS: Double(n) / importSeconds, importRowsPerCPUS: Double(n) / importCPU,
            sqliteCopyRowsPerS: Double(n) / sqliteCopySeconds,
            residentRatio: residentRatio, numpyMs: numpyMs
        )
    }

    /// Seconds SQLite alone takes to insert the same rows into a table of the same schema (keys, foreign key,
    /// checks, index) in one transaction: `INSERT … SELECT` from `term_embeddings`, no Swift per row. The anchor
    /// of the import: what this schema costs in SQLite whatever the caller does. The copy is dropped afterwards.
    private static func sqliteCopySeconds(_ database: StoreDatabase) throws -> Double {
        let columns = "entry_id, model, dimension, chunk, embedding, source_hash, created_at"
        try database.write { db in
            try db.execute(sql: schema
                .replacingOccurrences(of: "CREATE TABLE dictionary_entries", with: "CREATE TABLE unused_entries")
                .replacingOccurrences(of: "CREATE TABLE term_embeddings", with: "CREATE TABLE anchor_embeddings")
                .replacingOccurrences(of: "idx_term_embeddings_model ON term_embeddings", with: "idx_anchor_model ON anchor_embeddings"))
            try db.execute(sql: "DROP TABLE unused_entries")
        }
        let seconds = try BenchmarkTiming.seconds {
            try database.bulkWrite { db in
                try db.execute(sql: "INSERT INTO anchor_embeddings (\(columns)) SELECT \(columns) FROM term_embeddings ORDER BY id")
            }
        }
        try database.write { db in try db.execute(sql: "DROP TABLE anchor_embeddings") }
        return seconds
    }

    /// Median seconds of one batch search of `queries` fresh queries.
    private func batchSeconds(_ index: EmbeddingIndex, queries count: Int, d: Int, runs: Int,
                              rng: inout BenchmarkRandom) throws -> Double {
        var samples: [Double] = []
        for _ in 0..<runs {
            let batch = (0..<count).map { _ in Self.unitVectors(count: 1, d: d, using: &rng) }
            samples.append(try BenchmarkTiming.seconds { _ = try index.search(queries: batch, k: configuration.k) })
        }
        return BenchmarkTiming.median(samples)
    }

    /// `count` random unit vectors of length `d`, row-major (components uniform in [-1, 1), then normalized).
    static func unitVectors(count: Int, d: Int, using rng: inout BenchmarkRandom) -> [Float] {
        var values = [Float](repeating: 0, count: count * d)
        values.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<count {
                var norm: Float = 0
                for j in 0..<d {
                    let x = Float(rng.next() >> 40) * (2 / 16_777_216) - 1
                    buffer[r * d + j] = x
                    norm += x * x
                }
                let inverse = 1 / norm.squareRoot()
                for j in 0..<d { buffer[r * d + j] *= inverse }
            }
        }
        return values
    }

    /// The columns the vector core reads (the real dictionary schema has more), with the real table's keys and
    /// checks: AUTOINCREMENT ids, the foreign key, UNIQUE (entry_id, model, chunk) and the (model, id) index.
    static let schema = """
        CREATE TABLE dictionary_entries (
          id TEXT PRIMARY KEY NOT NULL, term TEXT NOT NULL, normalized_term TEXT NOT NULL,
          lang TEXT NOT NULL, type TEXT NOT NULL, overall_score REAL NOT NULL DEFAULT 0);
        CREATE TABLE term_embeddings (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          entry_id TEXT NOT NULL REFERENCES dictionary_entries(id) ON DELETE CASCADE,
          model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
          dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 65536),
          chunk INTEGER NOT NULL DEFAULT 0 CHECK (chunk >= 0),
          embedding BLOB NOT NULL CHECK (typeof(embedding) = 'blob' AND length(embedding) = 4 * dimension),
          source_hash TEXT, created_at TEXT NOT NULL, UNIQUE (entry_id, model, chunk));
        CREATE INDEX idx_term_embeddings_model ON term_embeddings (model, id);
        """

    /// Writes row `i` of `matrix` as entry `entryID(i)`'s vector in one transaction, 8,192 records per call.
    static func writeVectors(_ matrix: [Float], rows n: Int, dimension d: Int, with store: EmbeddingStore, into database: StoreDatabase) throws {
        try database.bulkWrite { db in
            var start = 0
            while start < n {
                let end = min(start + 8_192, n)
                let records = (start..<end).map { i in
                    EmbeddingRecord(entryID: entryID(i), vector: Array(matrix[(i * d)..<((i + 1) * d)]))
                }
                _ = try store.writeRollingBackWithCaller(records, in: db)
                start = end
            }
        }
    }

    /// Entry `i`'s id, 36 characters like the dictionary's lowercase UUIDs, in scattered order like random ones
    /// (key length and insertion order matter to the indexes): `i` times an odd constant modulo 2⁴⁸, a bijection.
    static func entryID(_ i: Int) -> String {
        let hex = String((i &* 25_214_903_917) & 0xFFFF_FFFF_FFFF, radix: 16)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// n entries `e0…` with cycling languages, types and scores.
    static let entriesSQL = """
        WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < ?)
        INSERT INTO dictionary_entries (id, term, normalized_term, lang, type, overall_score)
        SELECT '00000000-0000-4000-8000-' || printf('%012x', (i * 25214903917) & 281474976710655), 't' || i, 't' || i,
               CASE i % 6 WHEN 0 THEN 'en' WHEN 1 THEN 'es' WHEN 2 THEN 'fr' WHEN 3 THEN 'de' WHEN 4 THEN 'zh-CN' ELSE 'zh-TW' END,
               CASE i % 3 WHEN 0 THEN 'tempo' WHEN 1 THEN 'form' ELSE 'genre' END, i % 101
        FROM s
        """
}

/// SplitMix64, so every run uses the same vectors and queries.
struct BenchmarkRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
