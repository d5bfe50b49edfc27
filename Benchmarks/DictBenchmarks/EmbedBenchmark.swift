import COpenBLAS
import DictEmbedding
import Foundation

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

    /// One measured configuration.
    public struct Row: Codable, Sendable {
        /// OpenBLAS threads.
        public var threads: Int
        /// Sentences per `embed` call.
        public var batchSize: Int
        /// Sentences embedded per second (tokenization included).
        public var sentencesPerSecond: Double
        /// `sentencesPerSecond` ÷ the sgemm-bound rate at the same thread count.
        public var fractionOfSgemmBound: Double
    }

    /// The sgemm ceiling at one thread count.
    public struct SgemmRate: Codable, Sendable {
        /// OpenBLAS threads.
        public var threads: Int
        /// Measured sgemm throughput.
        public var gflops: Double
        /// FLOPs per sentence ÷ sgemm rate: the sentences/s an encoder made only of sgemm would reach.
        public var boundSentencesPerSecond: Double
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
        /// The ceiling per thread count.
        public var sgemm: [SgemmRate]
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

    /// Runs every configuration of `options` on `embedder` and returns the report. Changes OpenBLAS's global
    /// thread count (restored to the first entry of `threadCounts` afterwards is not attempted: callers exit).
    public static func run(embedder: MiniLMEmbedder, options: Options = Options(),
                           progress: (String) -> Void = { _ in }) throws -> Report {
        let sentences = sentences(count: options.sentenceCount, seed: options.seed)
        let tokenized = sentences.map(embedder.tokenIDs(of:))
        let meanTokens = Double(tokenized.reduce(0) { $0 + $1.count }) / Double(tokenized.count)
        let flopsPerSentence = tokenized.reduce(0.0) { $0 + embedder.flops(sequenceLength: $1.count) } / Double(tokenized.count)

        // The feed-forward expansion at batch 256: the largest and most efficient product the encoder runs.
        let shape = [Int(meanTokens.rounded()) * 256, 1536, 384]
        var ceilings: [SgemmRate] = []
        for threads in options.threadCounts {
            MiniLMEmbedder.setThreadCount(threads)
            let gflops = sgemmGflops(m: shape[0], n: shape[1], k: shape[2])
            ceilings.append(SgemmRate(threads: threads, gflops: gflops, boundSentencesPerSecond: gflops * 1e9 / flopsPerSentence))
            progress("sgemm \(threads) thread(s): \(String(format: "%.1f", gflops)) GFLOP/s")
        }
        let naive = naiveGflops(m: 64, n: 1536, k: 384)
        progress("naive loop: \(String(format: "%.2f", naive)) GFLOP/s")

        var rows: [Row] = []
        for threads in options.threadCounts {
            MiniLMEmbedder.setThreadCount(threads)
            let bound = ceilings.first { $0.threads == threads }!.boundSentencesPerSecond
            for batchSize in options.batchSizes {
                _ = try embedder.embedFlat(Array(sentences.prefix(batchSize)))  // warm-up: scratch, caches, threads
                let seconds = try measure {
                    var start = 0
                    while start < sentences.count {
                        _ = try embedder.embedFlat(Array(sentences[start..<min(start + batchSize, sentences.count)]))
                        start += batchSize
                    }
                }
                let rate = Double(sentences.count) / seconds
                rows.append(Row(threads: threads, batchSize: batchSize, sentencesPerSecond: rate, fractionOfSgemmBound: rate / bound))
                progress("\(threads) thread(s), batch \(batchSize): \(String(format: "%.1f", rate)) sentences/s")
            }
        }
        return Report(sentenceCount: sentences.count, meanTokens: meanTokens, flopsPerSentence: flopsPerSentence,
                      sgemmShape: shape, sgemm: ceilings, naiveGflops: naive,
                      naiveBoundSentencesPerSecond: naive * 1e9 / flopsPerSentence, rows: rows)
    }

    /// The report as a Markdown table plus the ceilings.
    public static func markdown(_ report: Report) -> String {
        var lines = [
            "| threads | batch | sentences/s | of sgemm bound |",
            "| ---: | ---: | ---: | ---: |",
        ]
        for row in report.rows {
            lines.append("| \(row.threads) | \(row.batchSize) | \(String(format: "%.1f", row.sentencesPerSecond)) | \(String(format: "%.0f %%", row.fractionOfSgemmBound * 100)) |")
        }
        lines.append("")
        lines.append("\(report.sentenceCount) sentences, \(String(format: "%.1f", report.meanTokens)) tokens on average, "
                     + "\(String(format: "%.1f", report.flopsPerSentence / 1e6)) MFLOP per sentence.")
        for ceiling in report.sgemm {
            lines.append("sgemm \(report.sgemmShape.map(String.init).joined(separator: "×")), \(ceiling.threads) thread(s): "
                         + "\(String(format: "%.1f", ceiling.gflops)) GFLOP/s → bound \(String(format: "%.1f", ceiling.boundSentencesPerSecond)) sentences/s.")
        }
        lines.append("Naive loop (no BLAS): \(String(format: "%.2f", report.naiveGflops)) GFLOP/s → bound "
                     + "\(String(format: "%.1f", report.naiveBoundSentencesPerSecond)) sentences/s.")
        if let oneThread = report.rows.filter({ $0.threads == 1 }).map(\.sentencesPerSecond).max(),
           let twoThreads = report.rows.filter({ $0.threads == 2 }).map(\.sentencesPerSecond).max() {
            lines.append("Best 2-thread ÷ best 1-thread: \(String(format: "%.2f", twoThreads / oneThread))×; "
                         + "best 1-thread ÷ naive bound: \(String(format: "%.0f", oneThread / report.naiveBoundSentencesPerSecond))×.")
        }
        return lines.joined(separator: "\n")
    }

    /// Wall-clock seconds of `body`.
    private static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// sgemm GFLOP/s on an `m × n × k` product (best of a few runs after a warm-up).
    private static func sgemmGflops(m: Int, n: Int, k: Int) -> Double {
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: n * k)
        var c = [Float](repeating: 0, count: m * n)
        var best = Double.infinity
        for _ in 0..<4 {
            let seconds = measure {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                            1, a, Int32(k), b, Int32(k), 0, &c, Int32(n))
            }
            best = min(best, seconds)
        }
        return 2 * Double(m * n * k) / best / 1e9
    }

    /// GFLOP/s of a plain i-k-j triple loop (what Swift code gets without BLAS) on an `m × n × k` product.
    private static func naiveGflops(m: Int, n: Int, k: Int) -> Double {
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        let seconds = measure {
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
