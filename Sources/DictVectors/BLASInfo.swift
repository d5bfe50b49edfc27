import COpenBLAS

/// What OpenBLAS reports about itself, for `dict doctor`: thread count, build configuration and the CPU kernel
/// it picked (DYNAMIC_ARCH builds choose per CPU; OPENBLAS_CORETYPE overrides the choice).
package enum BLASInfo {
    /// Threads OpenBLAS uses for one call.
    package static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets OpenBLAS's process-wide thread count. For applications deciding their parallelism at start-up (the
    /// `dict` command); no library code calls it.
    package static func useThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
    /// The build configuration string (version, options).
    package static var configuration: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }
    /// The kernel family in use (e.g. "Haswell", "Zen").
    package static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// A 64×64 sgemm against a naive product: true when BLAS computes correctly on this CPU.
    package static func selfTest() -> Bool {
        let n = 64
        var a = [Float](repeating: 0, count: n * n)
        var b = [Float](repeating: 0, count: n * n)
        for i in 0..<(n * n) {
            a[i] = Float((i * 7) % 13) - 6
            b[i] = Float((i * 5) % 11) - 5
        }
        var c = [Float](repeating: 0, count: n * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        for i in 0..<n {
            for j in 0..<n {
                var expected: Float = 0
                for k in 0..<n { expected += a[i * n + k] * b[k * n + j] }
                if abs(expected - c[i * n + j]) > 1e-3 { return false }
            }
        }
        return true
    }
}
