import COpenBLAS
import DictVectors
import Foundation

/// The bounds every figure is compared with, measured on the same data in the same run.
package enum VectorBaselines {
    /// Milliseconds to read `count` floats once with `threads` threads (a SIMD sum, so the loop is bandwidth
    /// bound). Best of `runs`.
    package static func memoryReadMs(_ data: UnsafePointer<Float>, count: Int, threads: Int = 2, runs: Int = 5) -> Double {
        var best = Double.infinity
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: threads)
        defer { sums.deallocate() }
        let box = PointerBox(data: data, sums: sums)
        for _ in 0..<runs {
            let seconds = BenchmarkTiming.seconds {
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    let share = (count / threads) & ~15
                    let start = t * share
                    let end = t == threads - 1 ? count : start + share
                    let raw = UnsafeRawPointer(box.data)
                    var a0 = SIMD16<Float>(), a1 = SIMD16<Float>()
                    var i = start
                    while i + 32 <= end {
                        a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                        a1 += raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
                        i += 32
                    }
                    var s = (a0 + a1).sum()
                    while i < end { s += box.data[i]; i += 1 }
                    box.sums[t] = s
                }
            }
            best = min(best, seconds)
        }
        return best * 1000
    }

    /// GB/s of copying `count` floats into freshly allocated memory, best of `runs`: the page faults and the
    /// kernel's zeroing of new pages included, as any loader that builds an in-memory matrix pays them. The
    /// bound of a load from SQLite, whose rows end in such a matrix.
    package static func freshCopyGbps(_ data: UnsafePointer<Float>, count: Int, runs: Int = 2) -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let seconds = BenchmarkTiming.seconds {
                let fresh = UnsafeMutablePointer<Float>.allocate(capacity: count)
                fresh.update(from: data, count: count)
                precondition(fresh[count - 1] == data[count - 1])
                fresh.deallocate()
            }
            best = min(best, seconds)
        }
        return Double(4 * count) / best / 1e9
    }

    /// Milliseconds for a naive exact query: a scalar double loop over the rows and a linear best-10 scan.
    package static func naiveQueryMs(_ matrix: UnsafePointer<Float>, n: Int, d: Int, query: [Float], k: Int) -> Double {
        var kept: [(Float, Int)] = []
        let seconds = BenchmarkTiming.seconds {
            for r in 0..<n {
                var s: Float = 0
                for j in 0..<d { s += matrix[r * d + j] * query[j] }
                if kept.count < k {
                    kept.append((s, r))
                    kept.sort { $0.0 > $1.0 }
                } else if s > kept[k - 1].0 {
                    kept[k - 1] = (s, r)
                    kept.sort { $0.0 > $1.0 }
                }
            }
        }
        precondition(kept.count == min(k, n))
        return seconds * 1000
    }

    /// OpenBLAS sgemm GFLOP/s with its own two-thread pool, for `m` queries against `rows` database rows
    /// (the shape of a batch search tile loop without the top-k work). Best of `runs`. Restores OpenBLAS's previous
    /// thread count.
    package static func sgemmGflops(_ matrix: UnsafePointer<Float>, rows: Int, d: Int, queries m: Int, runs: Int = 3) -> Double {
        let q = UnsafeMutablePointer<Float>.allocate(capacity: m * d)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * rows)
        defer { q.deallocate(); c.deallocate() }
        for i in 0..<(m * d) { q[i] = Float(i % 97) / 97 - 0.5 }
        let previousThreads = openblas_get_num_threads()
        openblas_set_num_threads(2)
        defer { openblas_set_num_threads(previousThreads) }
        var best = Double.infinity
        for _ in 0..<runs {
            let seconds = BenchmarkTiming.seconds {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(rows), Int32(d), 1,
                            q, Int32(d), matrix, Int32(d), 0, c, Int32(rows))
            }
            best = min(best, seconds)
        }
        return 2 * Double(m) * Double(rows) * Double(d) / best / 1e9
    }
}

/// Read-only pointers shared with the worker threads of `memoryReadMs` (each writes only its own sum slot).
private struct PointerBox: @unchecked Sendable {
    let data: UnsafePointer<Float>
    let sums: UnsafeMutablePointer<Float>
}
