import ArgumentParser
import DictBenchmarks
import Foundation

/// `dict bench vectors`: exact cosine top-k over seeded random unit vectors against the bounds measured in the
/// same run (memory bandwidth, OpenBLAS sgemm, a naive loop), plus SQLite import/load and the int8 path.
struct VectorsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Benchmark the vector index: latency, batch throughput, load/import speed, int8 scan."
    )

    @Option(name: .customLong("n"), help: "Only this many vectors (default: 10000, 100000 and 1000000).")
    var n: Int?

    @Option(name: .customLong("d"), help: "Only this dimension (default: 384 and 768).")
    var d: Int?

    @Option(name: .customLong("json"), help: "Also write the results as a JSON array to this path.")
    var jsonPath: String?

    @Flag(name: .customLong("full"), help: "Include 1M × 768 (about 7 GB of memory and a 3.3 GB temporary database).")
    var full = false

    @Option(help: "Seed of the vectors and queries.")
    var seed: UInt64 = 42

    @Flag(name: .customLong("compare-numpy"), help: "Also time numpy's m @ q + argpartition on the same data (needs numpy).")
    var compareNumpy = false

    @Option(name: .customLong("python"), help: "The Python with numpy for --compare-numpy.")
    var python = "python3"

    @Option(name: .customLong("page-size"), help: "SQLite page size of the temporary database (default: the dictionary's).")
    var pageSize: Int?

    func validate() throws {
        if let n, !(1...10_000_000).contains(n) { throw ValidationError("--n must be in 1...10000000") }
        if let d, !(1...65536).contains(d) { throw ValidationError("--d must be in 1...65536") }
        if let pageSize, !(9...16).contains(pageSize.trailingZeroBitCount) || pageSize.nonzeroBitCount != 1 {
            throw ValidationError("--page-size must be a power of two from 512 to 65536, found \(pageSize)")
        }
    }

    func run() throws {
        var configuration = VectorBenchmark.Configuration()
        if let n { configuration.sizes = [n] }
        if let d { configuration.dimensions = [d] }
        configuration.includeLargest = full
        configuration.seed = seed
        if let pageSize { configuration.pageSize = pageSize }
        if compareNumpy {
            let anchor = NumpyAnchor(python: python)
            if let reason = anchor.unavailableReason() {
                printError("bench vectors: --compare-numpy: \(reason)")
                throw ExitStatus.usage
            }
            configuration.numpy = anchor
        }
        #if DEBUG
        printError("warning: debug build; run `swift build -c release` and .build/release/dict for real numbers")
        #endif
        do {
            let results = try VectorBenchmark(configuration: configuration).run { line in
                FileHandle.standardError.write(Data("\(line)\n".utf8))
            }
            print(VectorBenchmarkReport.table(results))
            if let jsonPath {
                try VectorBenchmarkReport.json(results).write(to: URL(fileURLWithPath: jsonPath))
            }
        } catch {
            printError("bench vectors: \(error)")
            throw ExitStatus.dataError
        }
    }
}
