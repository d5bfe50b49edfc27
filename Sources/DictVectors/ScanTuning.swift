import COpenBLAS

/// Thresholds of the scan strategy, chosen on a 2-core Zen machine (see Benchmarks/README.md). How many threads a
/// large scan may use is the index's `scanThreads`, which the CLI and server take from their compute configuration.
package enum ScanTuning {
    /// From this many matrix floats on, a scan is split across the index's scan threads.
    package static let parallelMinFloats = 1 << 20
    /// Database rows per dot-rows call: a 16 KiB score tile stays in L1/L2 while the heap consumes it.
    package static let gemvTileRows = 4_096
    /// Database rows per `sgemm` call in a batch: the reused score tile is `queries × 1024` floats.
    package static let gemmTileRows = 1_024
    /// A filter matching at most this fraction of rows is answered from a candidate list (gathered rows)
    /// instead of a full matrix scan.
    package static let gatherMaxFraction = 0.5

    /// Number of threads, up to `threads`, for a scan over `floats` matrix values: one for small scans and while
    /// other searches keep that many cores busy.
    package static func workers(forFloats floats: Int, threads: Int) -> Int {
        floats >= parallelMinFloats && !SearchConcurrency.coresBusy(threads) ? max(1, threads) : 1
    }

    /// Threads for a batch's `sgemm` tiles, up to `threads`. OpenBLAS's thread count is the caller's setting and
    /// is never changed here: when its own pool has several threads, each product is already parallel, and
    /// splitting tiles across our threads as well would oversubscribe the cores, so the tiles run on one thread.
    package static func batchWorkers(forFloats floats: Int, threads: Int) -> Int {
        openblas_get_num_threads() > 1 ? 1 : workers(forFloats: floats, threads: threads)
    }
}
