import COpenBLAS

/// Thresholds of the scan strategy, chosen on a 2-core Zen machine (see Benchmarks/README.md).
package enum ScanTuning {
    /// From this many matrix floats on, a scan is split across `workerCount` threads.
    package static let parallelMinFloats = 1 << 20
    /// Threads used for large scans (the target machine has 2 cores).
    package static let workerCount = 2
    /// Database rows per dot-rows call: a 16 KiB score tile stays in L1/L2 while the heap consumes it.
    package static let gemvTileRows = 4_096
    /// Database rows per `sgemm` call in a batch: the reused score tile is `queries × 1024` floats.
    package static let gemmTileRows = 1_024
    /// A filter matching at most this fraction of rows is answered from a candidate list (gathered rows)
    /// instead of a full matrix scan.
    package static let gatherMaxFraction = 0.5

    /// Number of threads for a scan over `floats` matrix values: one while other searches keep the cores busy.
    package static func workers(forFloats floats: Int) -> Int {
        floats >= parallelMinFloats && !SearchConcurrency.coresBusy ? workerCount : 1
    }

    /// OpenBLAS's own thread pool would oversubscribe the cores when our two scan workers each call BLAS, so the
    /// library is switched to one thread once, process-wide, before the first index scan.
    package static let singleThreadedBLAS: Void = {
        openblas_set_num_threads(1)
    }()
}
