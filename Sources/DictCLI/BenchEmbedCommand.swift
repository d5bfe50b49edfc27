import ArgumentParser
import DictBenchmarks
import DictEmbedding
import DictionaryService
import Foundation

/// `dict bench embed`: batch-1 latency and sentences/s of the local embedding model at batch 1, 32 and 256 on one
/// thread and on `--threads` workers, beside this machine's sgemm ceiling, FMA peak and a naive loop.
struct BenchEmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Benchmark the local all-MiniLM-L6-v2 encoder (256 short sentences; use a release build)."
    )

    @Option(help: "Also write the report as JSON to this path.")
    var json: String?

    @Option(name: .customLong("model-dir"), help: "Model folder (default: $DICT_MODEL_DIR, ./models/all-MiniLM-L6-v2, or next to the executable).")
    var modelDir: String?

    @Option(help: "Sentences per measurement.")
    var sentences = 256

    @Option(help: "Repetitions per configuration (the table shows medians).")
    var repetitions = 3

    @OptionGroup var compute: ComputeOptions

    func validate() throws {
        guard sentences >= 1 else { throw ValidationError("--sentences must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    }

    func run() throws {
        // Scaling is measured from one thread up to every core the configuration allows (at least two).
        let threads = max(2, try compute.resolve().threads)
        let embedder: MiniLMEmbedder
        do {
            embedder = try MiniLMEmbedder(locator: ModelLocator(explicitPath: modelDir))
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        var options = EmbedBenchmark.Options()
        options.sentenceCount = sentences
        options.repetitions = repetitions
        options.threadCounts = [1, threads]
        let report = try EmbedBenchmark.run(embedder: embedder, options: options) { line in
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        print(report.markdown)
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            } catch {
                printError("cannot write \(json): \(error.localizedDescription)")
                throw ExitStatus.dataError
            }
        }
    }
}
