import CEncoderKernels
import COpenBLAS
import DictEmbedding
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `dict bench embed`: latency and throughput of a local encoder (all-MiniLM-L6-v2, or multilingual-e5-small on
/// queries) on short sentences, against the rate this machine's OpenBLAS sgemm bounds it to (measured in the same
/// run), one core's FMA peak and a naive (non-BLAS) matrix loop.
package enum EmbedBenchmark {
    /// What to run.
    package struct Options: Sendable {
        /// Number of sentences embedded per measurement.
        package var sentenceCount = 256
        /// Batch sizes to measure.
        package var batchSizes = [1, 32, 256]
        /// Thread counts to measure (1 runs single-threaded, more as batch workers).
        package var threadCounts = [1, 2]
        /// Repetitions per configuration; the report holds medians.
        package var repetitions = 3
        /// Single-sentence calls timed for the batch-1 latency.
        package var latencyCalls = 300
        /// Seed of the sentence generator.
        package var seed: UInt64 = 20_261_124

        /// The defaults: 256 sentences, batches 1/32/256, 1 and 2 threads, 3 repetitions, 300 latency calls.
        package init() {}
    }

    /// 256 (or `count`) sentences of 8–12 words from a fixed music vocabulary, reproducible from `seed`.
    package static func sentences(count: Int, seed: UInt64) -> [String] {
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

    /// Runs every configuration of `options` on `embedder`: the batch-1 latency, then one thread and each larger
    /// thread count as batch workers. OpenBLAS's thread count is changed only around its own sgemm measurements
    /// and restored after each.
    package static func run(embedder: some BenchmarkedEncoder, options: Options = Options(),
                           progress: (String) -> Void = { _ in }) throws -> EmbedBenchmarkReport {
        let loadAtStart = loadAverage()
        let sentences = sentences(count: options.sentenceCount, seed: options.seed)
        let tokenized = sentences.map(embedder.tokenIDs(of:))
        let meanTokens = Double(tokenized.reduce(0) { $0 + $1.count }) / Double(tokenized.count)
        let flopsPerSentence = tokenized.reduce(0.0) { $0 + embedder.flops(sequenceLength: $1.count) } / Double(tokenized.count)

        // The feed-forward expansion at batch 256: the largest and most efficient product the encoder runs.
        let shape = [Int(meanTokens.rounded()) * 256, 1536, 384]
        let naive = naiveGflops(m: 64, n: 1536, k: 384)
        progress("naive loop: \(String(format: "%.2f", naive)) GFLOP/s")
        let peak = dict_fma_peak_gflops(0.5)
        let fmaPeak: Double? = peak > 0 ? peak : nil
        progress("FMA peak of one core: \(String(format: "%.1f", peak)) GFLOP/s")

        let latency = try measureLatency(embedder.withWorkers(1), sentences: sentences, calls: options.latencyCalls,
                                         flopsPerSentence: flopsPerSentence, shape: shape, fmaPeak: fmaPeak)
        progress("batch 1: median \(String(format: "%.2f", latency.medianMilliseconds)) ms, "
                 + "\(String(format: "%.0f", latency.fractionOfSgemmBound * 100)) % of the sgemm bound")

        var rows: [EmbedBenchmarkReport.Row] = []
        for threads in options.threadCounts {
            let parallelism: EmbedBenchmarkReport.Parallelism = threads == 1 ? .single : .workers
            let embedder = embedder.withWorkers(threads)
            for batchSize in options.batchSizes {
                _ = try embedder.embedFlat(Array(sentences.prefix(batchSize)))  // warm-up: scratch, caches, threads
                var rates: [Double] = [], ceilings: [Double] = [], fractions: [Double] = [], cpuFractions: [Double] = []
                for _ in 0..<options.repetitions {
                    let (gflops, cpuGflops) = sgemmGflops(m: shape[0], n: shape[1], k: shape[2], threads: threads)
                    let (seconds, cpuSeconds) = try measure {
                        var start = 0
                        while start < sentences.count {
                            _ = try embedder.embedFlat(Array(sentences[start..<min(start + batchSize, sentences.count)]))
                            start += batchSize
                        }
                    }
                    let rate = Double(sentences.count) / seconds
                    rates.append(rate)
                    ceilings.append(gflops)
                    fractions.append(rate / (gflops * 1e9 / flopsPerSentence))
                    cpuFractions.append((Double(sentences.count) / cpuSeconds) / (cpuGflops * 1e9 / flopsPerSentence))
                }
                let row = EmbedBenchmarkReport.Row(
                    threads: threads, parallelism: parallelism, batchSize: batchSize, sentencesPerSecond: median(rates),
                    sgemmGflops: median(ceilings), boundSentencesPerSecond: median(ceilings) * 1e9 / flopsPerSentence,
                    fractionOfSgemmBound: median(fractions), cpuTimeFractionOfSgemmBound: threads == 1 ? median(cpuFractions) : nil)
                rows.append(row)
                progress("\(threads) thread(s) (\(parallelism.rawValue)), batch \(batchSize): \(String(format: "%.1f", row.sentencesPerSecond)) "
                         + "sentences/s, sgemm \(String(format: "%.1f", row.sgemmGflops)) GFLOP/s")
            }
        }
        let tokenization = median((0..<options.repetitions).map { _ in
            measure { for sentence in sentences { _ = embedder.tokenIDs(of: sentence) } }.wall
        })
        return EmbedBenchmarkReport(
            sentenceCount: sentences.count, repetitions: options.repetitions, meanTokens: meanTokens, flopsPerSentence: flopsPerSentence,
            sgemmShape: shape, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAverage(), fmaPeakGflops: fmaPeak,
            naiveGflops: naive, naiveBoundSentencesPerSecond: naive * 1e9 / flopsPerSentence, latency: latency,
            tokenizationSeconds: tokenization, rows: rows)
    }

    /// Times `calls` single-sentence `embedFlat` calls (cycling through `sentences`) after a few warm-up calls,
    /// with the one-thread sgemm ceiling measured right before.
    private static func measureLatency(_ embedder: some BenchmarkedEncoder, sentences: [String], calls: Int, flopsPerSentence: Double,
                                       shape: [Int], fmaPeak: Double?) throws -> EmbedBenchmarkReport.Latency {
        for sentence in sentences.prefix(5) { _ = try embedder.embedFlat([sentence]) }
        let (gflops, _) = sgemmGflops(m: shape[0], n: shape[1], k: shape[2], threads: 1)
        var milliseconds: [Double] = []
        for call in 0..<max(calls, 1) {
            let sentence = sentences[call % sentences.count]
            let (seconds, _) = try measure { _ = try embedder.embedFlat([sentence]) }
            milliseconds.append(seconds * 1000)
        }
        let bound = flopsPerSentence / (gflops * 1e9) * 1000
        let middle = median(milliseconds)
        return EmbedBenchmarkReport.Latency(
            calls: milliseconds.count, medianMilliseconds: middle, p90Milliseconds: BenchmarkTiming.percentile(milliseconds, 0.9),
            sgemmGflops: gflops, sgemmBoundMilliseconds: bound, fractionOfSgemmBound: bound / middle,
            fmaPeakBoundMilliseconds: fmaPeak.map { flopsPerSentence / ($0 * 1e9) * 1000 })
    }

    private static func median(_ values: [Double]) -> Double { BenchmarkTiming.median(values) }

    /// The 1-minute load average (`/proc/loadavg`), nil where unavailable.
    private static func loadAverage() -> Double? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
            .flatMap { $0.split(separator: " ").first }.flatMap { Double($0) }
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

    /// OpenBLAS sgemm GFLOP/s on an `m × n × k` product with `threads` OpenBLAS threads, in wall time and in
    /// process CPU time (best of three runs). Restores OpenBLAS's previous thread count.
    private static func sgemmGflops(m: Int, n: Int, k: Int, threads: Int) -> (wall: Double, cpu: Double) {
        let previousThreads = openblas_get_num_threads()
        openblas_set_num_threads(Int32(threads))
        defer { openblas_set_num_threads(previousThreads) }
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
