import DictionaryCore

/// One benchmark case (n vectors of dimension d, k = 10). Times in milliseconds, rates per second.
/// Bounds measured in the same run: `bound_ms` (reading the n×d float32 matrix once with both cores),
/// `sgemm_gflops` (OpenBLAS sgemm, both cores, the batch's shape), `naive_ms` (a plain Swift loop, one core).
package struct VectorBenchmarkResult: Codable, Sendable {
    package var n: Int
    package var d: Int
    package var k: Int
    /// Single-query exact search latency (float32, both cores).
    package var singleMsP50: Double
    package var singleMsP99: Double
    /// Time to stream the matrix once with two threads: the memory-bandwidth bound of one exact query.
    package var boundMs: Double
    /// Single-query latency of a naive scalar Swift loop (one thread), median.
    package var naiveMs: Double
    package var batch64Qps: Double
    package var batch1024Qps: Double
    /// Our batch-of-1024 search in GFLOP/s (2·n·d per query).
    package var batchGflops: Double
    /// OpenBLAS sgemm alone, both cores, 1024 queries × a block of rows.
    package var sgemmGflops: Double
    /// Quantized (int8 scan + exact re-rank of k×4) single-query latency, median.
    package var int8MsP50: Double
    package var int8Speedup: Double
    package var int8RecallAt10: Double
    /// Loading the index from SQLite (file in the OS page cache): GB/s of vector data.
    package var loadGbps: Double
    package var loadSeconds: Double
    /// Loading speed over the loading thread's CPU time (excludes waiting for a contended CPU or disk).
    package var loadGbpsCPU: Double
    /// Copying the matrix into freshly allocated memory (page faults and zeroing included): the load's bound.
    package var freshCopyGbps: Double
    /// Writing the vectors with `EmbeddingStore` in one transaction.
    package var importRowsPerS: Double
    /// Import speed over the importing thread's CPU time.
    package var importRowsPerCPUS: Double
    /// SQLite's own `INSERT … SELECT` of the same rows into a table of the same schema: the import's anchor.
    package var sqliteCopyRowsPerS: Double
    /// Index resident bytes (matrix + per-row columns, without the int8 copy) / raw vector bytes.
    package var residentRatio: Double
    /// numpy's median top-k milliseconds on the same matrix and queries (nil without `--compare-numpy`).
    package var numpyMs: Double?

    enum CodingKeys: String, CodingKey {
        case n, d, k
        case singleMsP50 = "single_ms_p50"
        case singleMsP99 = "single_ms_p99"
        case boundMs = "bound_ms"
        case naiveMs = "naive_ms"
        case batch64Qps = "batch64_qps"
        case batch1024Qps = "batch1024_qps"
        case batchGflops = "batch_gflops"
        case sgemmGflops = "sgemm_gflops"
        case int8MsP50 = "int8_ms_p50"
        case int8Speedup = "int8_speedup"
        case int8RecallAt10 = "int8_recall_at_10"
        case loadGbps = "load_gbps"
        case loadSeconds = "load_seconds"
        case freshCopyGbps = "fresh_copy_gbps"
        case sqliteCopyRowsPerS = "sqlite_copy_rows_per_s"
        case importRowsPerS = "import_rows_per_s"
        case loadGbpsCPU = "load_gbps_cpu"
        case importRowsPerCPUS = "import_rows_per_cpu_s"
        case residentRatio = "resident_ratio"
        case numpyMs = "numpy_ms"
    }

    /// Latency relative to the bandwidth bound (1.0 is the physical limit; target ≤ 1.25 at 1M×384).
    package var singleToBound: Double { singleMsP50 / boundMs }
    /// Batch throughput relative to plain sgemm (target ≥ 0.8).
    package var batchToSgemm: Double { batchGflops / sgemmGflops }
    /// Naive loop time relative to ours.
    package var naiveToSingle: Double { naiveMs / singleMsP50 }
}
