import Foundation

/// What one `dict bench embed` run measured, and its Markdown table.
package struct EmbedBenchmarkReport: Codable, Sendable {
    /// How several threads are used.
    package enum Parallelism: String, Codable, Sendable {
        /// One thread does everything.
        case single
        /// The batch is split into shards encoded concurrently (`MiniLMEmbedder.workers`).
        case workers
    }

    /// One measured configuration (medians over the repetitions).
    package struct Row: Codable, Sendable {
        /// Threads used.
        package var threads: Int
        /// How they are used.
        package var parallelism: Parallelism
        /// Sentences per `embed` call.
        package var batchSize: Int
        /// Sentences embedded per second (tokenization included).
        package var sentencesPerSecond: Double
        /// OpenBLAS sgemm throughput at the same thread count, measured right before each repetition (so load drift
        /// on a shared machine affects both sides of the ratio alike).
        package var sgemmGflops: Double
        /// FLOPs per sentence ÷ sgemm rate: the sentences/s an encoder made only of sgemm would reach.
        package var boundSentencesPerSecond: Double
        /// `sentencesPerSecond` ÷ `boundSentencesPerSecond`, median of the repetitions' ratios.
        package var fractionOfSgemmBound: Double
        /// One-thread rows only: the same ratio with both sides timed in process CPU time instead of wall time,
        /// which time slices lost to other processes do not distort.
        package var cpuTimeFractionOfSgemmBound: Double?
    }

    /// One search query's latency: single sentences embedded one call at a time on one thread.
    package struct Latency: Codable, Sendable {
        /// Calls timed.
        package var calls: Int
        /// Median and 90th percentile milliseconds per call (tokenization included).
        package var medianMilliseconds: Double, p90Milliseconds: Double
        /// One-thread sgemm rate measured in the same run, and the milliseconds an encoder made only of sgemm at
        /// that rate would take per sentence.
        package var sgemmGflops: Double, sgemmBoundMilliseconds: Double
        /// `sgemmBoundMilliseconds ÷ medianMilliseconds` (the issue's "of the sgemm bound").
        package var fractionOfSgemmBound: Double
        /// Milliseconds at this core's FMA peak (nil without AVX2): the hard floor.
        package var fmaPeakBoundMilliseconds: Double?
    }

    /// Sentences per measurement.
    package var sentenceCount: Int
    /// Repetitions per configuration.
    package var repetitions: Int
    /// Mean tokens per sentence, `[CLS]`/`[SEP]` included.
    package var meanTokens: Double
    /// Matrix-product FLOPs per sentence (linear layers and attention), averaged over the sentences.
    package var flopsPerSentence: Double
    /// Shape of the sgemm measured for the ceiling (M × N × K).
    package var sgemmShape: [Int]
    /// The 1-minute load average when the run started and ended (`/proc/loadavg`; nil where unavailable).
    /// Wall-clock rates on a shared machine are only comparable at similar load.
    package var loadAverageAtStart: Double?, loadAverageAtEnd: Double?
    /// One core's register-only FMA rate (nil without AVX2).
    package var fmaPeakGflops: Double?
    /// Throughput of a naive triple loop on the same shape family, and the sentences/s it bounds.
    package var naiveGflops: Double
    /// FLOPs per sentence ÷ naive rate.
    package var naiveBoundSentencesPerSecond: Double
    /// Batch-1 latency (one search query).
    package var latency: Latency
    /// Seconds to tokenize all sentences on one thread: the part of a batch that `embed` runs on the calling
    /// thread before splitting it over workers (the serial part of the multi-thread rows).
    package var tokenizationSeconds: Double
    /// The measured configurations.
    package var rows: [Row]

    /// The report as Markdown: the latency line, the throughput table and the ceilings.
    package var markdown: String {
        let f = { (format: String, value: Double) in String(format: format, value) }
        var lines = [
            "Batch 1 (one query, one thread, \(latency.calls) calls): median \(f("%.2f", latency.medianMilliseconds)) ms, "
                + "p90 \(f("%.2f", latency.p90Milliseconds)) ms; sgemm bound \(f("%.2f", latency.sgemmBoundMilliseconds)) ms "
                + "at \(f("%.1f", latency.sgemmGflops)) GFLOP/s → \(f("%.0f %%", latency.fractionOfSgemmBound * 100)) of the bound"
                + (latency.fmaPeakBoundMilliseconds.map { "; FMA-peak floor \(f("%.2f", $0)) ms" } ?? "") + ".",
            "",
            "| threads | parallelism | batch | sentences/s | sgemm GFLOP/s | sgemm-bound sentences/s | of bound | of bound (CPU time) |",
            "| ---: | :--- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in rows {
            lines.append("| \(row.threads) | \(row.parallelism.rawValue) | \(row.batchSize) | \(f("%.1f", row.sentencesPerSecond)) | "
                         + "\(f("%.1f", row.sgemmGflops)) | \(f("%.1f", row.boundSentencesPerSecond)) | "
                         + "\(f("%.0f %%", row.fractionOfSgemmBound * 100)) | "
                         + "\(row.cpuTimeFractionOfSgemmBound.map { f("%.0f %%", $0 * 100) } ?? "–") |")
        }
        lines.append("")
        lines.append("\(sentenceCount) sentences, \(f("%.1f", meanTokens)) tokens on average, \(f("%.1f", flopsPerSentence / 1e6)) MFLOP "
                     + "per sentence; medians of \(repetitions) repetitions.")
        let load = [loadAverageAtStart, loadAverageAtEnd].map { $0.map { f("%.2f", $0) } ?? "?" }
        lines.append("sgemm ceiling (OpenBLAS) measured before each repetition on \(sgemmShape.map(String.init).joined(separator: "×")) "
                     + "(the feed-forward product at batch 256); load average \(load[0]) at start, \(load[1]) at end.")
        lines.append("Naive loop (no BLAS): \(f("%.2f", naiveGflops)) GFLOP/s → bound \(f("%.1f", naiveBoundSentencesPerSecond)) sentences/s"
                     + (fmaPeakGflops.map { "; FMA peak of one core: \(f("%.1f", $0)) GFLOP/s" } ?? "") + ".")
        if let oneThread = rows.first(where: { $0.threads == 1 && $0.batchSize == rows.map(\.batchSize).max() }) {
            var ratios = "Largest batch, 1 thread: \(f("%.1f", oneThread.sentencesPerSecond)) sentences/s"
            // Amdahl: with serial fraction s, n threads reach at most 1 / (s + (1 − s) / n) × one thread.
            let serial = tokenizationSeconds / (Double(sentenceCount) / oneThread.sentencesPerSecond)
            for row in rows where row.threads > 1 && row.batchSize == oneThread.batchSize {
                let amdahl = 1 / (serial + (1 - serial) / Double(row.threads))
                ratios += "; \(row.threads) threads (\(row.parallelism.rawValue)) ÷ 1 thread: "
                    + "\(f("%.2f", row.sentencesPerSecond / oneThread.sentencesPerSecond))× (serial part, tokenization: "
                    + "\(f("%.1f %%", serial * 100)), Amdahl bound \(f("%.2f", amdahl))×)"
            }
            lines.append(ratios + ".")
        }
        return lines.joined(separator: "\n")
    }
}
