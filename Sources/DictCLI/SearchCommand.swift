import ArgumentParser
import DictMigrations
import DictionaryService
import Foundation

/// `dict search QUERY`: every search mode from the command line, as a table or JSON. Exit 1 when nothing matches.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the dictionary (modes: exact, prefix, lexical, semantic, hybrid)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What to look for.")
    var query: String

    @Option(help: "exact | prefix | lexical | semantic | hybrid.")
    var mode: String = SearchMode.hybrid.rawValue

    @Option(name: .customLong("lang"), help: "Only these languages (repeat or comma-separate: en, es, fr, de, zh-CN, zh-TW).")
    var languages: [String] = []

    @Option(name: .customLong("type"), help: "Only these term types (repeat or comma-separate).")
    var types: [String] = []

    @Option(help: "Results per page, 1-100.")
    var limit: Int = 20

    @Option(help: "Results to skip.")
    var offset: Int = 0

    @Option(help: "relevance | alphabetical | quality | popularity.")
    var sort: String = SearchSort.relevance.rawValue

    @Option(name: .customLong("min-quality"), help: "Lowest overall score, 0-100.")
    var minQuality: Double?

    @Option(name: .customLong("max-quality"), help: "Highest overall score, 0-100.")
    var maxQuality: Double?

    @Option(name: .customLong("model-dir"), help: "The all-MiniLM-L6-v2 folder (default: $DICT_MODEL_DIR or ./models/all-MiniLM-L6-v2).")
    var modelDir: String?

    @Option(name: .customLong("semantic-ratio"), help: "Hybrid: meaning against words, 0…1 (0 words only, 1 meaning only; default 0.5, the trained blend).")
    var semanticRatio: Double?

    @Option(name: .customLong("min-score"), help: "Semantic/hybrid: drop hits the ranker gives a lower probability, 0…1 (default 0.002).")
    var minScore: Double?

    @Flag(help: "Show match tier, ranks and similarity for each result, and each ranking feature's contribution.")
    var explain = false

    func validate() throws {
        if let semanticRatio, !(semanticRatio.isFinite && (0...1).contains(semanticRatio)) {
            throw ValidationError("--semantic-ratio: expected 0…1, found \(semanticRatio)")
        }
        if let minScore, !(minScore.isFinite && (0...1).contains(minScore)) {
            throw ValidationError("--min-score: expected 0…1, found \(minScore)")
        }
    }

    func run() throws {
        guard let mode = SearchMode(rawValue: mode) else {
            printError("--mode: expected one of \(SearchMode.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(self.mode)\"")
            throw ExitStatus.usage
        }
        guard let sort = SearchSort(rawValue: sort) else {
            printError("--sort: expected one of \(SearchSort.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(self.sort)\"")
            throw ExitStatus.usage
        }
        let filters: SearchFilters
        do {
            filters = SearchFilters(
                languages: try SearchFilters.languages(from: languages), types: try SearchFilters.types(from: types),
                minQuality: minQuality, maxQuality: maxQuality)
        } catch {
            printError("\(error)")
            throw ExitStatus.usage
        }
        let handle: StoreDatabaseHandle
        do {
            handle = try StoreDatabaseHandle(
                dataDirectory: global.dataDirectory, semantic: mode == .semantic || mode == .hybrid, modelDirectory: modelDir)
        } catch {
            printError("cannot open the dictionary database in \(global.dataDirectory): \(error)")
            throw ExitStatus.dataError
        }
        defer { handle.close() }
        if mode == .semantic, let reason = handle.semanticUnavailable {
            printError("semantic search is unavailable: \(reason)")
            throw ExitStatus.dataError
        }
        let request = SearchRequest(
            query: query, mode: mode, filters: filters, limit: limit, offset: offset, sort: sort, semanticRatio: semanticRatio,
            minScore: minScore, explain: explain, source: .cli)
        let response: SearchResponse
        do { response = try handle.search.search(request) } catch let error as SearchError {
            printError("\(error)")
            throw ExitStatus.usage
        } catch {
            printError("search failed: \(error)")
            throw ExitStatus.dataError
        }
        for note in response.notes { printError("note: \(note)") }
        if global.json {
            print(try Self.json(response))
        } else {
            print(Self.table(response, explain: explain))
            if explain { print(Self.explanations(response)) }
        }
        if response.total == 0 { throw ExitStatus.notFound }
    }

    /// `{"results":[{id, term, lang, type, score, definition, …}], "total", "mode", "suggestions", "notes"}`.
    static func json(_ response: SearchResponse) throws -> String {
        struct Row: Encodable {
            var id, term, lang, type, definition: String
            var score: Double
            var quality: Double
            var tier: String?
            var similarity: Float?
            var lexical_rank: Int?
            var semantic_rank: Int?
            var explanation: ExplanationRow?
        }
        struct ExplanationRow: Encodable {
            var sense: Int
            var part_of_speech: String?
            var ranker_score: Double
            var probability: Double
            var lexical_score: Double?
            var semantic_ratio: Double?
            var features: [String: [String: Double]]
        }
        struct Body: Encodable {
            var results: [Row]
            var total: Int
            var mode: String
            var suggestions: [String]
            var notes: [String]
        }
        let body = Body(
            results: response.results.map { hit in
                Row(id: hit.entry.id, term: hit.entry.term, lang: hit.entry.lang.rawValue, type: hit.entry.type.rawValue,
                    definition: hit.entry.definition.summary, score: hit.score, quality: hit.entry.overallScore,
                    tier: hit.tier.map { "\($0)" }, similarity: hit.similarity, lexical_rank: hit.lexicalRank, semantic_rank: hit.semanticRank,
                    explanation: hit.explanation.map { explanation in
                        ExplanationRow(
                            sense: explanation.sense, part_of_speech: explanation.partOfSpeech, ranker_score: explanation.rankerScore,
                            probability: explanation.probability, lexical_score: explanation.lexicalScore,
                            semantic_ratio: explanation.semanticRatio,
                            features: Dictionary(uniqueKeysWithValues: explanation.features.map {
                                ($0.name, ["value": $0.value, "contribution": $0.contribution])
                            }))
                    })
            },
            total: response.total, mode: response.mode.rawValue, suggestions: response.suggestions, notes: response.notes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    /// A readable table: term, lang, type, score, one-line definition.
    static func table(_ response: SearchResponse, explain: Bool) -> String {
        guard !response.results.isEmpty else {
            var text = "No results (\(response.mode.rawValue))."
            if !response.suggestions.isEmpty { text += " Did you mean: \(response.suggestions.joined(separator: ", "))?" }
            return text
        }
        var rows: [[String]] = [["TERM", "LANG", "TYPE", "SCORE", "DEFINITION"]]
        for hit in response.results {
            var score = String(format: "%.3f", hit.score)
            if explain {
                var parts: [String] = []
                if let tier = hit.tier { parts.append("\(tier)") }
                if let rank = hit.lexicalRank { parts.append("lex#\(rank)") }
                if let rank = hit.semanticRank { parts.append("sem#\(rank)") }
                if let similarity = hit.similarity { parts.append(String(format: "cos %.3f", similarity)) }
                parts.append(String(format: "q %.0f", hit.entry.overallScore))
                score += " (" + parts.joined(separator: ", ") + ")"
            }
            rows.append([hit.entry.term, hit.entry.lang.rawValue, hit.entry.type.rawValue, score, clip(hit.entry.definition.summary, 70)])
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + row[4]
        }
        lines.append("\(response.results.count) of \(response.total) (\(response.mode.rawValue))")
        return lines.joined(separator: "\n")
    }

    /// `--explain`: for each ranked hit, its sense, probability and the features that moved it most.
    static func explanations(_ response: SearchResponse) -> String {
        var lines: [String] = []
        for hit in response.results {
            guard let explanation = hit.explanation, !explanation.features.isEmpty else { continue }
            let top = explanation.features.filter { $0.contribution != 0 }.sorted { abs($0.contribution) > abs($1.contribution) }.prefix(6)
            let parts = top.map { String(format: "%@ %+.2f", $0.name, $0.contribution) }.joined(separator: ", ")
            lines.append("\(hit.entry.term): sense \(explanation.sense)\(explanation.partOfSpeech.map { " (\($0))" } ?? ""), "
                + String(format: "p %.3f, score %.2f: ", explanation.probability, explanation.rankerScore) + parts)
        }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n")
    }

    /// `text` on one line, cut to `length` characters with an ellipsis.
    static func clip(_ text: String, _ length: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= length ? line : String(line.prefix(length - 1)) + "…"
    }
}
