import ArgumentParser
import DictEmbedding
import DictMigrations
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict eval`: accuracy@1/@10/@100, median rank and latency per search mode on query sets (`data/eval/*.jsonl`).
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure search quality: accuracy@1/@10/@100 and median rank per mode on query sets.",
        discussion: """
            A query is answered at rank k when one of its expected terms (or, for a translation, the term it \
            translates) is the k-th result; each query asks for 100 results. Queries with no expected term (nonsense) \
            count as right when nothing comes back. Default sets: the held-out halves data/eval/everyday-heldout.jsonl, \
            typed-heldout.jsonl and glossary-heldout.jsonl (nothing was fitted on them). --dump-features writes the \
            semantic ranker's candidate features (for scripts/train-ranker.py; use it on tuning sets only). With \
            --database (or $DICT_DATABASE_URL) the sets are measured on PostgreSQL; semantic and hybrid need the \
            schema's vectors (`dict embed --database`) and are skipped with a note without them.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "Query files (JSONL with query and expected); - for standard input.", completion: .file(extensions: ["jsonl"]))
    var files: [String] = []

    @Option(parsing: .upToNextOption, help: "Modes to measure.")
    var modes: [SearchMode] = SearchMode.allCases

    @Option(name: .customLong("model-dir"), help: "The folder of the data directory's semantic model (default: $DICT_MODEL_DIR or ./models/all-MiniLM-L6-v2; for multilingual-e5-small $DICT_E5_MODEL_DIR or ./models/multilingual-e5-small).")
    var modelDir: String?

    @Option(name: .customLong("semantic-ratio"), help: "Hybrid's blend of meaning and words, 0…1 (default: the service's).")
    var semanticRatio: Double?

    @Option(name: .customLong("min-score"), help: "Drop semantic/hybrid hits scoring below this, 0…1 (default: the service's).")
    var minScore: Double?

    @Option(name: .customLong("companion-weight"), help: "With multilingual-e5-small and its English companion's vectors: the companion's share of an English query's semantic score, 0…1 (default: the service's; 0 ranks by e5 alone).")
    var companionWeight: Float?

    @Flag(name: .customLong("unstated-query-lang"), help: "Search cross-language queries (results_lang) without their lang, as the web client sends them: search guesses the language.")
    var unstatedQueryLanguage = false

    @OptionGroup var compute: ComputeOptions

    @Option(name: .customLong("dump-features"), help: "Write the semantic ranker's candidate features as JSONL to this file (- for standard output).", completion: .file())
    var dumpFeatures: String?

    // Held-out halves only: a default report must not mix in sets the rankers were fitted on.
    static let defaultFiles = ["data/eval/everyday-heldout.jsonl", "data/eval/typed-heldout.jsonl",
                               "data/eval/glossary-heldout.jsonl"]

    func validate() throws {
        if let semanticRatio, !(0...1).contains(semanticRatio) { throw ValidationError("--semantic-ratio: expected 0…1, found \(semanticRatio)") }
        if let minScore, !(0...1).contains(minScore) { throw ValidationError("--min-score: expected 0…1, found \(minScore)") }
        if let companionWeight, !(0...1).contains(companionWeight) {
            throw ValidationError("--companion-weight: expected 0…1, found \(companionWeight)")
        }
    }

    func run() async throws {
        let searchModes = modes
        let computeConfiguration = try compute.resolve()
        let paths = files.isEmpty ? Self.defaultFiles.filter { FileManager.default.fileExists(atPath: $0) } : files
        do {
            let template = SearchRequest(query: "", semanticRatio: semanticRatio, minScore: minScore)
            if let postgres = try database.location() {
                guard dumpFeatures == nil else { throw ValidationError("--dump-features: reads a SQLite data directory's vectors; drop --database") }
                let wantsSemantic = searchModes.contains(.semantic) || searchModes.contains(.hybrid)
                try await PostgresSearch.with(postgres, semantic: wantsSemantic, modelDirectory: modelDir) { service, unavailable in
                    if let unavailable, wantsSemantic { printError("semantic modes skipped: \(unavailable)") }
                    if let companion = service.semantic?.companion {
                        printError("note: English queries blended with \(companion.embedder.modelName)")
                    }
                    var evaluator = SearchQualityEvaluator(search: service, template: template)
                    evaluator.statesQueryLanguage = !unstatedQueryLanguage
                    try await report(evaluator,
                                     modes: searchModes.filter { service.semantic != nil || $0 != .semantic }, paths: paths)
                }
                return
            }
            let database = try ExistingDatabase.open(dataDirectory: global.dataDirectory)
            var semantic: SemanticComponents?
            if searchModes.contains(.semantic) || searchModes.contains(.hybrid) || dumpFeatures != nil {
                do {
                    let loaded = try LocalSemanticSearch.load(database: database, modelDirectory: modelDir, compute: computeConfiguration)
                    semantic = loaded.components
                    printError("note: semantic model \(loaded.model.rawValue) (the data directory's; `dict doctor` shows how it was chosen)"
                        + (loaded.components.companion.map { ", English queries blended with \($0.embedder.modelName)" } ?? ""))
                } catch {
                    printError("semantic modes skipped: \(error)")
                }
            }
            var configuration = SearchConfiguration()
            if let companionWeight { configuration.companionWeight = companionWeight }
            var evaluator = SearchQualityEvaluator(search: SearchService(database: database, semantic: semantic, configuration: configuration),
                                                   template: template)
            evaluator.statesQueryLanguage = !unstatedQueryLanguage
            if let dumpFeatures {
                try await writeFeatures(evaluator: evaluator, paths: paths, to: dumpFeatures)
                return
            }
            try await report(evaluator, modes: searchModes.filter { semantic != nil || ($0 != .semantic) }, paths: paths)
        } catch let error as ValidationError {
            throw error
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// Evaluates every file in `modes` and prints the table (or, with --json, one JSON array at the end).
    private func report(_ evaluator: SearchQualityEvaluator, modes: [SearchMode], paths: [String]) async throws {
        var report: [[String: Any]] = []
        for path in paths {
            let queries = try SearchQualityEvaluator.loadQueries(path: path)
            let results = try await evaluator.evaluate(queries, modes: modes)
            if global.json {
                for result in results {
                    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result))
                    report.append(["file": path, "result": object])
                }
            } else {
                print("\(path) (\(queries.count) queries)")
                print("  mode       acc@1  acc@10  acc@100  median rank  empty  p50 ms  p99 ms")
                for result in results { print("  " + Self.row(result)) }
            }
        }
        if global.json {
            print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    /// One table row; "–" where a figure does not apply (no answerable or no unanswerable queries).
    static func row(_ result: ModeQuality) -> String {
        func figure(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }
        let answerable = result.answerable > 0
        return result.mode.padding(toLength: 9, withPad: " ", startingAt: 0)
            + " " + figure(answerable ? result.accuracyAt1 : nil, "%6.3f").leftPadded(6)
            + "  " + figure(answerable ? result.accuracyAt10 : nil, "%6.3f").leftPadded(6)
            + "  " + figure(answerable ? result.accuracyAt100 : nil, "%7.3f").leftPadded(7)
            + "  " + figure(result.medianRank.map { min($0, Double(ModeQuality.depth + 1)) }, "%11.1f").leftPadded(11)
            + "  " + figure(result.emptyRate, "%5.2f").leftPadded(5)
            + "  " + figure(result.p50Milliseconds, "%6.1f").leftPadded(6)
            + "  " + figure(result.p99Milliseconds, "%6.1f").leftPadded(6)
    }

    /// One JSON line per query: its text, expected terms and every semantic candidate with its features and label.
    private func writeFeatures(evaluator: SearchQualityEvaluator, paths: [String], to output: String) async throws {
        var lines: [String] = []
        for path in paths {
            for query in try SearchQualityEvaluator.loadQueries(path: path) where !query.expected.isEmpty {
                let candidates = try await evaluator.rankingFeatures(for: query)
                var object: [String: Any] = [
                    "file": path, "query": query.query, "expected": query.expected,
                    "features": RankingFeature.allCases.map(\.name),
                    "candidates": candidates.map {
                        ["term": $0.term, "label": $0.isExpected ? 1 : 0, "semantic": $0.fromSemanticLeg, "values": $0.values]
                    },
                ]
                // A cross-language query's languages: its candidates also fit the cross-language calibration.
                if let results = query.resultsLang { object["results_lang"] = results }
                if let lang = query.lang, query.resultsLang != nil { object["lang"] = lang }
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        if output == "-" {
            print(text, terminator: "")
            FileHandle.standardError.write(Data("wrote features of \(lines.count) queries to standard output\n".utf8))
            return
        }
        try text.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote features of \(lines.count) queries to \(output)")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
