package import Foundation

/// Text table and JSON output of `dict bench vectors`.
package enum VectorBenchmarkReport {
    /// A fixed-width table: our figures, their bounds and the ratios the targets are stated in.
    package static func table(_ results: [VectorBenchmarkResult]) -> String {
        let headers = ["n", "d", "p50 ms", "p99 ms", "bound ms", "p50/bd", "naive/x", "b64 q/s", "b1024 q/s",
                       "GFLOP/s", "sgemm", "b/sg", "int8 ms", "int8 x", "recall", "load GB/s", "cpu GB/s", "copy GB/s", "import r/s", "cpu r/s", "sql r/s", "mem x", "numpy ms", "np/x"]
        let widths = [9, 4, 9, 9, 9, 7, 8, 9, 9, 7, 7, 6, 8, 6, 7, 9, 8, 9, 10, 10, 10, 6, 9, 6]
        var lines = [zip(headers, widths).map { String(repeating: " ", count: max($1 - $0.count, 0)) + $0 }.joined(separator: " ")]
        for r in results {
            lines.append(String(format: "%9d %4d %9.3f %9.3f %9.3f %7.2f %8.1f %9.0f %9.0f %7.1f %7.1f %6.2f %8.3f %6.2f %7.3f %9.2f %8.2f %9.2f %10.0f %10.0f %10.0f %6.3f",
                                r.n, r.d, r.singleMsP50, r.singleMsP99, r.boundMs, r.singleToBound, r.naiveToSingle,
                                r.batch64Qps, r.batch1024Qps, r.batchGflops, r.sgemmGflops, r.batchToSgemm,
                                r.int8MsP50, r.int8Speedup, r.int8RecallAt10, r.loadGbps, r.loadGbpsCPU, r.freshCopyGbps,
                                r.importRowsPerS, r.importRowsPerCPUS, r.sqliteCopyRowsPerS, r.residentRatio)
                + (r.numpyMs.map { String(format: " %9.3f %6.2f", $0, $0 / r.singleMsP50) } ?? "         –      –"))
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object per case (keys as in `VectorBenchmarkResult.CodingKeys`), pretty-printed.
    package static func json(_ results: [VectorBenchmarkResult]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(results)
    }
}
