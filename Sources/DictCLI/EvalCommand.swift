import ArgumentParser
import DictMigrations
import DictionaryService
import Foundation

/// `dict eval`: recall@1 and recall@10 per search mode on held-out query sets (`data/eval/*.jsonl`).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure search quality: recall@1/@10 per mode on held-out plain-language queries.",
        discussion: "Default query sets: data/eval/glossary-queries.jsonl and, when WordNet is imported, data/eval/wordnet-queries.jsonl."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Query files (JSONL with query and expected).")
    var files: [String] = []

    @Option(parsing: .upToNextOption, help: "Modes to measure.")
    var modes: [String] = ["exact", "prefix", "lexical", "semantic", "hybrid"]

    @Option(name: .customLong("model-dir"), help: "The all-MiniLM-L6-v2 folder.")
    var modelDir: String?

    func run() throws {
        let searchModes = try modes.map { name -> SearchMode in
            guard let mode = SearchMode(rawValue: name) else {
                printError("--modes: expected exact, prefix, lexical, semantic or hybrid, found \(name)")
                throw ExitStatus.usage
            }
            return mode
        }
        let paths = files.isEmpty ? ["data/eval/glossary-queries.jsonl", "data/eval/wordnet-queries.jsonl"] : files
        do {
            let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
            var semantic: SemanticComponents?
            if searchModes.contains(.semantic) || searchModes.contains(.hybrid) {
                do { semantic = try LocalSemanticSearch.load(database: database, modelDirectory: modelDir).components } catch {
                    printError("semantic modes skipped: \(error)")
                }
            }
            let evaluator = SearchQualityEvaluator(search: SearchService(database: database, semantic: semantic))
            let usable = searchModes.filter { semantic != nil || ($0 != .semantic) }
            var report: [[String: Any]] = []
            for path in paths where FileManager.default.fileExists(atPath: path) || !files.isEmpty {
                let queries = try SearchQualityEvaluator.loadQueries(path: path)
                let results = try evaluator.evaluate(queries, modes: usable)
                if global.json {
                    for result in results {
                        report.append(["file": path, "mode": result.mode, "queries": result.queries, "recall_at_1": result.recallAt1,
                                       "recall_at_10": result.recallAt10, "mean_ms": result.meanMilliseconds])
                    }
                } else {
                    print("\(path) (\(queries.count) queries)")
                    print("  mode       recall@1  recall@10  mean ms")
                    for result in results {
                        print("  " + result.mode.padding(toLength: 9, withPad: " ", startingAt: 0)
                              + String(format: "  %7.3f   %7.3f   %7.2f", result.recallAt1, result.recallAt10, result.meanMilliseconds))
                    }
                }
            }
            if global.json {
                print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }
}
