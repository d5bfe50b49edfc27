import ArgumentParser
import DictBenchmarks
import DictMigrations
import DictPostgres
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict bench search`: search latency per mode in process and throughput over HTTP (wrk), on a real-size data dir.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Benchmark search on a real-size dictionary: in-process p50/p99 per mode, then HTTP throughput with wrk.",
        discussion: """
            Uses the data dir given by --data-dir (or $DICT_DATA_DIR); --build first fills an empty one with the \
            glossary and WordNet and embeds it (about 25 minutes). Queries: the held-out everyday descriptions and \
            typed terms of data/eval. Each mode runs one warm-up pass and --passes timed passes (limit 20). The \
            semantic query's parts are then timed alone beside their memory-read bounds. The HTTP part starts \
            `dict serve` on a free loopback port (rate limit off) and runs wrk (apt-get install wrk) for 2 discarded \
            seconds, then --duration timed seconds per endpoint: exact lookup (response cache on, as deployed), \
            suggestions, hybrid search, then exact lookup again on a server started with --cache-seconds 0. \
            Benchmark on an idle machine: the load average is printed. With --database (or $DICT_DATABASE_URL) every \
            mode is timed on PostgreSQL and the HTTP part runs against `dict serve --database`.
            """
    )

    @OptionGroup var global: DataDirectoryOption
    @OptionGroup var database: DatabaseURLOption

    @Option(name: .customLong("descriptions"), help: "JSONL file of description queries.")
    var descriptionsFile = "data/eval/everyday-heldout.jsonl"

    @Option(name: .customLong("typed"), help: "JSONL file of typed-term queries.")
    var typedFile = "data/eval/typed-heldout.jsonl"

    @Option(help: "Timed passes over the queries per mode.")
    var passes = 3

    @Flag(name: .customLong("no-http"), help: "Skip the HTTP part.")
    var noHTTP = false

    @Option(help: "Seconds of wrk load per HTTP endpoint.")
    var duration = 10

    @Option(help: "Concurrent HTTP connections.")
    var connections = 32

    @Flag(help: "Import the glossary and WordNet and embed them first when the data dir has no WordNet entries.")
    var build = false

    @Option(name: .customLong("output"), help: "Also write the results as JSON to this path.")
    var jsonPath: String?

    func validate() throws {
        guard (1...20).contains(passes) else { throw ValidationError("--passes: expected 1…20, found \(passes)") }
        guard (1...120).contains(duration) else { throw ValidationError("--duration: expected 1…120 seconds, found \(duration)") }
        guard (1...1024).contains(connections) else { throw ValidationError("--connections: expected 1…1024, found \(connections)") }
    }

    /// Every mode on PostgreSQL, in process (the same queries and passes as on SQLite), then the same HTTP part
    /// against `dict serve --database`.
    private func benchPostgres(_ location: PostgresLocation, serverArguments: [String], load: Double) async throws {
        var configuration = SearchBenchmark.Configuration()
        let descriptions = try SearchQualityEvaluator.loadQueries(path: descriptionsFile)
        let typed = try SearchQualityEvaluator.loadQueries(path: typedFile)
        configuration.descriptions = descriptions.map(\.query)
        configuration.typedTerms = typed.map(\.query)
        configuration.passes = passes
        let progress: (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        let (modes, anchors) = try await PostgresSearch.with(location, semantic: true) { service, unavailable in
            if let unavailable { printError("semantic and hybrid skipped: \(unavailable)") }
            let semantic = service.semantic.flatMap { components in
                (components.backend as? VectorIndexBackend).map { (components, $0) }
            }
            return try await SearchBenchmark(configuration: configuration).run(service: service, semantic: semantic, progress: progress)
        }
        print(SearchBenchmark.table(modes, anchors: anchors, loadAverage: load))
        try printHTTP(descriptions: descriptions, typed: typed, serverArguments: serverArguments, progress: progress)
    }

    /// The HTTP table (unless `--no-http` or wrk is missing); returns its rows.
    @discardableResult
    private func printHTTP(
        descriptions: [EvaluationQuery], typed: [EvaluationQuery], serverArguments: [String], progress: (String) -> Void
    ) throws -> [WrkLoad.Result] {
        guard !noHTTP else { return [] }
        guard WrkLoad.executable() != nil else {
            printError("HTTP part skipped: wrk is not installed (apt-get install wrk)")
            return []
        }
        let http = try runHTTP(descriptions: descriptions, typed: typed, serverArguments: serverArguments, progress: progress)
        print("")
        print(Self.httpTable(http, connections: connections, duration: duration))
        return http
    }

    func run() async throws {
        #if DEBUG
        printError("warning: debug build; run `swift build -c release` and .build/release/dict for real numbers")
        #endif
        let load = Self.loadAverage()
        if load > 0.3 { printError(String(format: "warning: load average %.2f: other work is running, figures will be off", load)) }
        do {
            if let postgres = try database.location() {
                // The server reads the URL as this command did: the flag, else the inherited environment.
                try await benchPostgres(postgres, serverArguments: database.url.map { ["--database", $0] } ?? [], load: load)
                return
            }
            if build { try buildCorpusIfNeeded() }
            let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
            let semantic = try LocalSemanticSearch.load(database: database)
            // As `dict serve` has it: typo matching on the in-memory term trigrams (built here before timing).
            let termTrigrams = TermTrigramCache(database: database)
            let buildStart = DispatchTime.now().uptimeNanoseconds
            try termTrigrams.rebuild()
            printError(String(format: "in-memory term trigrams (typo matching) built in %.0f ms",
                              Double(DispatchTime.now().uptimeNanoseconds - buildStart) / 1e6))
            let service = SearchService(database: database, semantic: semantic.components, termTrigrams: termTrigrams)
            var configuration = SearchBenchmark.Configuration()
            let descriptions = try SearchQualityEvaluator.loadQueries(path: descriptionsFile)
            let typed = try SearchQualityEvaluator.loadQueries(path: typedFile)
            configuration.descriptions = descriptions.map(\.query)
            configuration.typedTerms = typed.map(\.query)
            configuration.passes = passes
            let progress: (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
            let (modes, anchors) = try await SearchBenchmark(configuration: configuration).run(
                service: service, semantic: (semantic.components, semantic.backend), progress: progress)
            print(SearchBenchmark.table(modes, anchors: anchors, loadAverage: load))
            let http = try printHTTP(descriptions: descriptions, typed: typed, serverArguments: [], progress: progress)
            if let jsonPath {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                struct Report: Encodable {
                    var loadAverage: Double
                    var modes: [SearchBenchmark.ModeResult]
                    var anchors: SearchBenchmark.Anchors?
                    var http: [WrkLoad.Result]
                }
                try encoder.encode(Report(loadAverage: load, modes: modes, anchors: anchors, http: http))
                    .write(to: URL(fileURLWithPath: jsonPath))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("bench search: \(error)")
            throw ExitStatus.dataError
        }
    }

    /// HTTP targets: requests/s per endpoint (p99 within 4 × p50 and no errors for all). The uncached lookup shares
    /// the lookup's target so the table shows what the response cache is worth.
    static let httpTargets = ["exact lookup": 3_000.0, "lookup, no cache": 3_000.0, "suggestions": 2_000.0, "hybrid search": 80.0]

    private func runHTTP(
        descriptions: [EvaluationQuery], typed: [EvaluationQuery], serverArguments engine: [String], progress: (String) -> Void
    ) throws -> [WrkLoad.Result] {
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
        let terms = typed.filter { $0.kind == "exact" }.compactMap(\.expected.first)
        let prefixes = typed.filter { $0.kind != "nonsense" }.map { String($0.query.prefix(4)) }
        let lookups = terms.map { "/api/v1/terms/\(encoded($0))?lang=en" }
        // The service as deployed (response cache on), then a second server with the cache off for the lookup alone.
        let runs: [(name: String, paths: [String], arguments: [String])] = [
            ("exact lookup", lookups, []),
            ("suggestions", prefixes.map { "/api/v1/search/suggestions?q=\(encoded($0))" }, []),
            ("hybrid search", descriptions.map { "/api/v1/search?q=\(encoded($0.query))&mode=hybrid&lang=en" }, []),
            ("lookup, no cache", lookups, ["--cache-seconds", "0"]),
        ]
        var results: [WrkLoad.Result] = []
        var server: ServerProcess?
        var serverArguments: [String]?
        defer { server?.stop() }
        for run in runs {
            if serverArguments != run.arguments {
                server?.stop()
                server = try ServerProcess.start(dataDirectory: global.dataDirectory, extraArguments: engine + run.arguments)
                serverArguments = run.arguments
            }
            guard let port = server?.port else { continue }
            var load = WrkLoad(baseURL: "http://127.0.0.1:\(port)")
            load.duration = duration
            load.connections = connections
            progress("bench search: HTTP \(run.name), \(duration) s, \(connections) connections")
            // Two discarded seconds of the same load first: a server just started still builds its typo copy and
            // faults its pages in, which put one-off stalls into the first endpoint's p99.
            var warmUp = load
            warmUp.duration = 2
            _ = try warmUp.run(name: run.name, paths: run.paths)
            results.append(try load.run(name: run.name, paths: run.paths))
        }
        return results
    }

    static func httpTable(_ results: [WrkLoad.Result], connections: Int, duration: Int) -> String {
        var lines = ["HTTP on loopback (wrk, \(connections) connections, \(duration) s per endpoint, 2 threads)"]
        lines.append("endpoint          requests/s  target  ratio   p50 ms   p99 ms  p99/p50  errors")
        for result in results {
            let target = httpTargets[result.name] ?? 0
            lines.append(result.name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: "  %10.0f  %6.0f  %5.2f  %7.2f  %7.2f  %7.2f  %6d", result.requestsPerSecond, target,
                         target > 0 ? result.requestsPerSecond / target : 0, result.p50Milliseconds, result.p99Milliseconds,
                         result.p99Milliseconds / result.p50Milliseconds, result.errors))
        }
        return lines.joined(separator: "\n")
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 0 }
        return Double(text.split(separator: " ").first ?? "0") ?? 0
    }

    /// Fills the data dir with the glossary and WordNet and embeds it, unless WordNet entries are already there.
    private func buildCorpusIfNeeded() throws {
        let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
        if try EntryRepository(database: database).count() > 100_000 { return }
        for arguments in [["migrate"], ["import", "glossary"], ["import", "wordnet"], ["embed"]] {
            FileHandle.standardError.write(Data("bench search: dict \(arguments.joined(separator: " "))\n".utf8))
            try ServerProcess.runSelf(arguments + ["--data-dir", global.dataDirectory])
        }
    }
}
