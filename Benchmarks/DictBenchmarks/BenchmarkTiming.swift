import Foundation

/// Wall-clock timing helpers for the benchmarks.
package enum BenchmarkTiming {
    /// Seconds taken by `body`.
    package static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Wall-clock seconds taken by `body`.
    package static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Wall-clock and calling-thread CPU seconds taken by `body`. On a shared machine the CPU time of a
    /// single-threaded phase (import, load) estimates what an idle machine would show.
    package static func wallAndThreadCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpuStart = threadCPUSeconds()
        let wall = try seconds(body)
        return (wall, threadCPUSeconds() - cpuStart)
    }

    /// CPU time consumed so far by the calling thread.
    package static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
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
