import COpenBLAS
import DictEmbedding
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `dict bench embed`: throughput of the local all-MiniLM-L6-v2 encoder on short sentences, against the rate that
/// this machine's sgemm bounds it to and against a naive (non-BLAS) matrix loop.
public enum EmbedBenchmark {
    /// What to run.
    public struct Options: Sendable {
        /// Number of sentences embedded per measurement.
        public var sentenceCount = 256
        /// Batch sizes to measure.
        public var batchSizes = [1, 32, 256]
        /// OpenBLAS thread counts to measure.
        public var threadCounts = [1, 2]
        /// Seed of the sentence generator.
        public var seed: UInt64 = 20_261_124

        /// The defaults: 256 sentences, batches 1/32/256, 1 and 2 threads.
        public init() {}
    }

    /// How several threads are used.
    public enum Parallelism: String, Codable, Sendable {
        /// One thread does everything.
        case single
        /// OpenBLAS splits every sgemm over its threads (`MiniLMEmbedder.setThreadCount`).
        case blasThreads = "openblas-threads"
        /// The batch is split into shards encoded concurrently, BLAS single-threaded (`MiniLMEmbedder.workers`).
        case workers
    }

    /// One measured configuration.
    public struct Row: Codable, Sendable {
        /// Threads used.
        public var threads: Int
        /// How they are used.
        public var parallelism: Parallelism
        /// Sentences per `embed` call.
        public var batchSize: Int
        /// Sentences embedded per second (tokenization included).
        public var sentencesPerSecond: Double
        /// sgemm throughput measured right before this row, at the same thread count (so load drift on a shared
        /// machine affects both sides of the ratio alike).
        public var sgemmGflops: Double
        /// FLOPs per sentence ÷ sgemm rate: the sentences/s an encoder made only of sgemm would reach.
        public var boundSentencesPerSecond: Double
        /// `sentencesPerSecond` ÷ `boundSentencesPerSecond`.
        public var fractionOfSgemmBound: Double
        /// One-thread rows only: the same ratio with both sides timed in process CPU time instead of wall time,
        /// which time slices lost to other processes do not distort.
        public var cpuTimeFractionOfSgemmBound: Double?
    }

    /// Everything one run measured.
    public struct Report: Codable, Sendable {
        /// Sentences per measurement.
        public var sentenceCount: Int
        /// Mean tokens per sentence, `[CLS]`/`[SEP]` included.
        public var meanTokens: Double
        /// sgemm FLOPs per sentence (linear layers and attention), averaged over the sentences.
        public var flopsPerSentence: Double
        /// Shape of the sgemm measured for the ceiling (M × N × K).
        public var sgemmShape: [Int]
        /// The 1-minute load average when the run started (`/proc/loadavg`; nil where unavailable). Wall-clock
        /// rates on a shared machine are only comparable at similar load.
        public var loadAverage: Double?
        /// Throughput of a naive triple loop on the same shape family, and the sentences/s it bounds.
        public var naiveGflops: Double
        /// FLOPs per sentence ÷ naive rate.
        public var naiveBoundSentencesPerSecond: Double
        /// The measured configurations.
        public var rows: [Row]
    }

    /// 256 (or `count`) sentences of 8–12 words from a fixed music vocabulary, reproducible from `seed`.
    public static func sentences(count: Int, seed: UInt64) -> [String] {
        let words = ["the", "allegro", "movement", "opens", "with", "a", "bright", "theme", "in", "major", "key",
                     "strings", "answer", "softly", "while", "horns", "hold", "long", "notes", "under", "melody",
                     "tempo", "slows", "before", "final", "cadence", "piano", "plays", "quiet", "chords", "and",
                     "violin", "sings", "over", "gentle", "rhythm", "of", "cello", "bass", "line", "moves",
                     "down", "by", "step", "toward", "tonic", "harmony", "returns", "to", "opening", "phrase"]
        var state = seed | 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            let length = 8 + next(5)
            var sentence = (0..<length).map { _ in words[next(words.count)] }.joined(separator: " ")
            sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
            return sentence
        }
    }

    /// Runs every configuration of `options` on `embedder` and returns the report: one thread, then for each
    /// larger thread count both OpenBLAS threads and batch workers. Leaves OpenBLAS's global thread count changed.
    public static func run(embedder: MiniLMEmbedder, options: Options = Options(),
                           progress: (String) -> Void = { _ in }) throws -> Report {
        let sentences = sentences(count: options.sentenceCount, seed: options.seed)
        let tokenized = sentences.map(embedder.tokenIDs(of:))
        let meanTokens = Double(tokenized.reduce(0) { $0 + $1.count }) / Double(tokenized.count)
        let flopsPerSentence = tokenized.reduce(0.0) { $0 + embedder.flops(sequenceLength: $1.count) } / Double(tokenized.count)

        // The feed-forward expansion at batch 256: the largest and most efficient product the encoder runs.
        let shape = [Int(meanTokens.rounded()) * 256, 1536, 384]
        let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
            .flatMap { $0.split(separator: " ").first }.flatMap { Double($0) }
        let naive = naiveGflops(m: 64, n: 1536, k: 384)
        progress("naive loop: \(String(format: "%.2f", naive)) GFLOP/s")

        var rows: [Row] = []
        let plans = options.threadCounts.flatMap { threads -> [(Int, Parallelism)] in
            threads == 1 ? [(1, .single)] : [(threads, .blasThreads), (threads, .workers)]
        }
        for (threads, parallelism) in plans {
            let embedder = embedder.withWorkers(parallelism == .workers ? threads : 1)
            for batchSize in options.batchSizes {
                // The ceiling is the machine's sgemm rate on all `threads` cores, whichever way they are used.
                MiniLMEmbedder.setThreadCount(threads)
                let (gflops, cpuGflops) = sgemmGflops(m: shape[0], n: shape[1], k: shape[2])
                let bound = gflops * 1e9 / flopsPerSentence
                MiniLMEmbedder.setThreadCount(parallelism == .blasThreads ? threads : 1)
                _ = try embedder.embedFlat(Array(sentences.prefix(batchSize)))  // warm-up: scratch, caches, threads
                let (seconds, cpuSeconds) = try measure {
                    var start = 0
                    while start < sentences.count {
                        _ = try embedder.embedFlat(Array(sentences[start..<min(start + batchSize, sentences.count)]))
                        start += batchSize
                    }
                }
                let rate = Double(sentences.count) / seconds
                let cpuFraction = threads == 1
                    ? (Double(sentences.count) / cpuSeconds) / (cpuGflops * 1e9 / flopsPerSentence) : nil
                rows.append(Row(threads: threads, parallelism: parallelism, batchSize: batchSize, sentencesPerSecond: rate, sgemmGflops: gflops,
                                boundSentencesPerSecond: bound, fractionOfSgemmBound: rate / bound,
                                cpuTimeFractionOfSgemmBound: cpuFraction))
                progress("\(threads) thread(s) (\(parallelism.rawValue)), batch \(batchSize): \(String(format: "%.1f", rate)) sentences/s, "
                         + "sgemm \(String(format: "%.1f", gflops)) GFLOP/s")
            }
        }
        return Report(sentenceCount: sentences.count, meanTokens: meanTokens, flopsPerSentence: flopsPerSentence,
                      sgemmShape: shape, loadAverage: loadAverage, naiveGflops: naive,
                      naiveBoundSentencesPerSecond: naive * 1e9 / flopsPerSentence, rows: rows)
    }

    /// The report as a Markdown table plus the ceilings.
    public static func markdown(_ report: Report) -> String {
        var lines = [
            "| threads | parallelism | batch | sentences/s | sgemm GFLOP/s | sgemm-bound sentences/s | of bound | of bound (CPU time) |",
            "| ---: | :--- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in report.rows {
            lines.append("| \(row.threads) | \(row.parallelism.rawValue) | \(row.batchSize) | \(String(format: "%.1f", row.sentencesPerSecond)) | "
                         + "\(String(format: "%.1f", row.sgemmGflops)) | \(String(format: "%.1f", row.boundSentencesPerSecond)) | "
                         + "\(String(format: "%.0f %%", row.fractionOfSgemmBound * 100)) | "
                         + "\(row.cpuTimeFractionOfSgemmBound.map { String(format: "%.0f %%", $0 * 100) } ?? "–") |")
        }
        lines.append("")
        lines.append("\(report.sentenceCount) sentences, \(String(format: "%.1f", report.meanTokens)) tokens on average, "
                     + "\(String(format: "%.1f", report.flopsPerSentence / 1e6)) MFLOP per sentence.")
        lines.append("sgemm ceiling measured before each row on \(report.sgemmShape.map(String.init).joined(separator: "×")) "
                     + "(the feed-forward product at batch 256)"
                     + (report.loadAverage.map { "; load average at start \(String(format: "%.2f", $0))." } ?? "."))
        lines.append("Naive loop (no BLAS): \(String(format: "%.2f", report.naiveGflops)) GFLOP/s → bound "
                     + "\(String(format: "%.1f", report.naiveBoundSentencesPerSecond)) sentences/s.")
        if let oneThread = report.rows.filter({ $0.threads == 1 }).map(\.sentencesPerSecond).max() {
            var ratios = "Best 1-thread rate ÷ naive bound: \(String(format: "%.0f", oneThread / report.naiveBoundSentencesPerSecond))×"
            for parallelism in [Parallelism.blasThreads, .workers] {
                if let twoThreads = report.rows.filter({ $0.threads == 2 && $0.parallelism == parallelism }).map(\.sentencesPerSecond).max() {
                    ratios += "; best 2-thread (\(parallelism.rawValue)) ÷ best 1-thread: \(String(format: "%.2f", twoThreads / oneThread))×"
                }
            }
            lines.append(ratios + ".")
        }
        return lines.joined(separator: "\n")
    }

    /// Wall-clock and process CPU seconds of `body`.
    private static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
        try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, processCPUSeconds() - cpuStart)
    }

    /// CPU time of the whole process so far (all threads).
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// sgemm GFLOP/s on an `m × n × k` product, in wall time and in process CPU time (best of three runs).
    private static func sgemmGflops(m: Int, n: Int, k: Int) -> (wall: Double, cpu: Double) {
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: n * k)
        var c = [Float](repeating: 0, count: m * n)
        var best = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<3 {
            let (seconds, cpuSeconds) = measure {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                            1, a, Int32(k), b, Int32(k), 0, &c, Int32(n))
            }
            best = min(best, seconds)
            bestCPU = min(bestCPU, cpuSeconds)
        }
        let flops = 2 * Double(m * n * k)
        return (flops / best / 1e9, flops / bestCPU / 1e9)
    }

    /// GFLOP/s of a plain i-k-j triple loop (what Swift code gets without BLAS) on an `m × n × k` product.
    private static func naiveGflops(m: Int, n: Int, k: Int) -> Double {
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        let (seconds, _) = measure {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        for i in 0..<m {
                            for p in 0..<k {
                                let scale = a[i * k + p]
                                for j in 0..<n { c[i * n + j] += scale * b[p * n + j] }
                            }
                        }
                    }
                }
            }
        }
        return 2 * Double(m * n * k) / seconds / 1e9
    }
}
