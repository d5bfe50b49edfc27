import Foundation

/// Wall-clock timing helpers for the benchmarks.
package enum BenchmarkTiming {
    /// Seconds taken by `body`.
    package static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The `p`-quantile (0...1) of `samples` by nearest rank.
    package static func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// The median of `samples`.
    package static func median(_ samples: [Double]) -> Double { percentile(samples, 0.5) }
}
