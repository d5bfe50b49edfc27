import ArgumentParser
import DictBenchmarks
import DictEmbedding
import DictionaryCore
import Foundation

/// `dict bench embed`: batch-1 latency and sentences/s of the local embedding model at batch 1, 32 and 256 on one
/// thread and on `--threads` workers, beside this machine's sgemm ceiling, FMA peak and a naive loop.
struct BenchEmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Benchmark a local encoder on 256 short sentences (use a release build).",
        discussion: "--model multilingual-e5-small embeds them as search queries (`query: ` prefix)."
    )

    @Option(help: "Also write the report as JSON to this path.")
    var json: String?

    @Option(help: "The model to benchmark.")
    var model: EmbedTextModel = .miniLM

    @Option(name: .customLong("model-dir"), help: "Model folder (default: $DICT_MODEL_DIR, ./models/all-MiniLM-L6-v2, or next to the executable; for multilingual-e5-small $DICT_E5_MODEL_DIR or ./models/multilingual-e5-small).")
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
        var options = EmbedBenchmark.Options()
        options.sentenceCount = sentences
        options.repetitions = repetitions
        options.threadCounts = [1, threads]
        let progress = { (line: String) in FileHandle.standardError.write(Data("\(line)\n".utf8)) }
        let report: EmbedBenchmarkReport
        do {
            switch model {
            case .miniLM:
                let embedder = try MiniLMEmbedder(locator: ModelLocator(explicitPath: modelDir))
                report = try EmbedBenchmark.run(embedder: embedder, options: options, progress: progress)
            case .multilingualE5:
                let embedder = try MultilingualE5Embedder(locator: .multilingualE5(explicitPath: modelDir))
                report = try EmbedBenchmark.run(embedder: E5QueryEncoder(model: embedder), options: options, progress: progress)
            }
        } catch let error as ModelError {
            printError("\(error)")
            throw ExitStatus.dataError
        } catch let error as E5ModelFileError {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        print("model: \(model.rawValue)")
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
