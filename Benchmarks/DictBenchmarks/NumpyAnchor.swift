import Foundation

/// numpy's exact top-k on the same matrix and queries, timed in the same run (`m @ q` then `argpartition` and a sort
/// of the k kept), so `dict bench vectors --compare-numpy` prints our latency beside a baseline people know.
/// numpy runs in a child `python` process; its BLAS uses every core, as our scan does.
package struct NumpyAnchor: Sendable {
    /// The Python interpreter that has numpy (`python3 -m pip install numpy` or Debian's `python3-numpy`).
    package var python = "python3"
    /// Where the matrix and queries are written for numpy to read (removed afterwards).
    package var directory = FileManager.default.temporaryDirectory.path

    package init(python: String = "python3") { self.python = python }

    /// Why numpy cannot run, or nil when `python` imports it.
    package func unavailableReason() -> String? {
        guard let result = try? run(["-c", "import numpy"]), result.status != 127 else { return "\(python) was not found" }
        return result.status == 0 ? nil : "\(python) has no numpy (python3 -m pip install numpy, or apt-get install python3-numpy)"
    }

    /// Median milliseconds of numpy's top-`k` over `queries` (each `d` floats) against the `n × d` row-major matrix,
    /// after two warm-up queries.
    package func queryMs(_ matrix: UnsafePointer<Float>, n: Int, d: Int, queries: [[Float]], k: Int) throws -> Double {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("dict-numpy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let matrixFile = folder.appendingPathComponent("matrix.f32")
        let queryFile = folder.appendingPathComponent("queries.f32")
        try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: matrix), count: n * d * 4, deallocator: .none).write(to: matrixFile)
        try queries.flatMap { $0 }.withUnsafeBytes { Data($0) }.write(to: queryFile)
        let script = """
            import sys, time, numpy as np
            m = np.fromfile(sys.argv[1], dtype=np.float32).reshape(-1, \(d))
            qs = np.fromfile(sys.argv[2], dtype=np.float32).reshape(-1, \(d))
            k = \(k)
            def top(q):
                s = m @ q
                i = np.argpartition(-s, k)[:k]
                return i[np.argsort(-s[i])]
            for q in qs[:2]: top(q)
            times = []
            for q in qs:
                t = time.perf_counter(); top(q); times.append(time.perf_counter() - t)
            print(float(np.median(times)) * 1000)
            """
        let result = try run(["-c", script, matrixFile.path, queryFile.path])
        guard result.status == 0, let milliseconds = Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "numpy anchor failed: \(result.output.suffix(300))"])
        }
        return milliseconds
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ChildProcess.run("/usr/bin/env", [python] + arguments)
    }
}
