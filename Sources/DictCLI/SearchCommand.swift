import ArgumentParser
import DictMigrations
import DictPostgres
import DictServer
import DictionaryCore
import DictionaryImport
import DictionarySearch
import Foundation

/// `dict search QUERY`: every search mode from the command line, as a table, JSON, JSON Lines or CSV. Exit 1 when
/// nothing matches.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the dictionary (modes: exact, prefix, lexical, semantic, hybrid).",
        discussion: """
            Defaults differ from the HTTP API: `dict search` runs hybrid search in every language, while \
            GET /api/v1/search runs lexical search in English (mode=lexical, lang=en) unless told otherwise, as the \
            original web client expects. Pass --mode and --lang to get the same results from both. --query-lang \
            says which language the query is in while --lang keeps the results' languages (HTTP: query_lang and \
            lang): with multilingual-e5-small a German description finds English terms. The JSON items \
            (--format json or jsonl) are the objects GET /api/v1/search returns in data.results: the entry with \
            its score. Notes (such as "semantic leg skipped") go to stderr.

            --highlight marks where the query's words occur (case- and accent-insensitive, the last word also as \
            a prefix): the table shows the term and a definition fragment around the first match in bold when \
            stdout is a terminal (plain when piped, never with NO_COLOR set, always with CLICOLOR_FORCE=1); \
            JSON items get "highlight": {"term", "definition"}, HTML-escaped with matches in <mark>…</mark> and \
            the definition cut to about 160 characters. --facets lang,type counts the languages and types of \
            every match, not just the page (lexical, hybrid and semantic modes): a "facets" object in JSON, \
            a line per facet under the table.

            --database (or $DICT_DATABASE_URL) searches a PostgreSQL database instead of the data directory; it \
            runs every mode; semantic and hybrid load the schema's stored vectors at each call.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "What to look for.")
    var query: String

    @Option(help: "Search mode (hybrid: meaning and words in one ranking).")
    var mode: SearchMode = .hybrid

    @Option(name: .customLong("lang"), help: "Only these languages (repeat or comma-separate): the results' languages.")
    var languages: [CommaSeparated<Language>] = []

    @Option(name: .customLong("query-lang"), help: "The language the query is written in, when it differs from --lang (\"query in de, results in en\"; needs the multilingual-e5-small model to cross languages).")
    var queryLanguage: Language?

    @Option(name: .customLong("type"), help: "Only these term types (repeat or comma-separate).")
    var types: [CommaSeparated<TermType>] = []

    @Option(help: "Results per page, 1-100.")
    var limit: Int = 20

    @Option(help: "Results to skip.")
    var offset: Int = 0

    @Option(help: "Result order.")
    var sort: SearchSort = .relevance

    @Option(help: "Output: an aligned table, one JSON object, JSON Lines (one result per line) or CSV.")
    var format: SearchOutputFormat?

    @Option(name: .customLong("min-quality"), help: "Lowest overall score, 0-100.")
    var minQuality: Double?

    @Option(name: .customLong("max-quality"), help: "Highest overall score, 0-100.")
    var maxQuality: Double?

    @Option(name: .customLong("model-dir"), help: "The folder of the data directory's semantic model (default: $DICT_MODEL_DIR or ./models/all-MiniLM-L6-v2; for multilingual-e5-small $DICT_E5_MODEL_DIR or ./models/multilingual-e5-small).", completion: .directory)
    var modelDir: String?

    @Option(name: .customLong("semantic-ratio"), help: "Hybrid: meaning against words, 0…1 (0 words only, 1 meaning only; default 0.5, the trained blend).")
    var semanticRatio: Double?

    @Option(name: .customLong("min-score"), help: "Semantic/hybrid: drop hits the ranker gives a lower probability, 0…1 (default 0.002).")
    var minScore: Double?

    @Flag(help: "Show match tier, ranks and similarity for each result, and each ranking feature's contribution.")
    var explain = false

    @Flag(help: "Mark the query's words in each term and definition fragment (bold in a terminal, <mark> in JSON).")
    var highlight = false

    @Option(help: "Count these fields' values over every match, not just the page (repeat or comma-separate).")
    var facets: [CommaSeparated<SearchFacet>] = []

    func validate() throws {
        if let semanticRatio, !(semanticRatio.isFinite && (0...1).contains(semanticRatio)) {
            throw ValidationError("--semantic-ratio: expected 0…1, found \(semanticRatio)")
        }
        if let minScore, !(minScore.isFinite && (0...1).contains(minScore)) {
            throw ValidationError("--min-score: expected 0…1, found \(minScore)")
        }
        if global.json, let format, format != .json {
            throw ValidationError("--json and --format \(format.rawValue) disagree; --json means --format json")
        }
        if highlight, outputFormat == .csv {
            throw ValidationError("--highlight: shown in table, json and jsonl output, not csv")
        }
        if !facets.isEmpty, outputFormat != .table, outputFormat != .json {
            throw ValidationError("--facets: shown in table and json output, not \(outputFormat.rawValue)")
        }
        if !facets.isEmpty, mode == .exact || mode == .prefix {
            throw ValidationError("--facets: counted in lexical, hybrid and semantic search, not in \(mode.rawValue) mode")
        }
    }

    /// `--format`, with `--json` as a synonym of `--format json`.
    var outputFormat: SearchOutputFormat { format ?? (global.json ? .json : .table) }

    func run() async throws {
        let filters = SearchFilters(
            languages: languages.flatMap(\.values), types: types.flatMap(\.values), minQuality: minQuality, maxQuality: maxQuality)
        let request = SearchRequest(
            query: query, mode: mode, filters: filters, limit: limit, offset: offset, sort: sort, queryLanguage: queryLanguage,
            semanticRatio: semanticRatio,
            minScore: minScore, explain: explain, facets: facets.flatMap(\.values), source: .cli)
        let (response, notes) = try await search(request)
        for note in notes { printError("note: \(note)") }
        let highlighter = highlight ? SearchHighlighter(query: query) : nil
        switch outputFormat {
        case .json: print(try Self.json(response, notes: notes, highlighter: highlighter))
        case .jsonl: try Self.jsonLines(response, highlighter: highlighter)
        case .csv: print(Self.csv(response), terminator: "")
        case .table:
            print(Self.table(response, explain: explain, highlighter: highlighter, bold: TerminalEmphasis.isEnabled()))
            if explain { print(Self.explanations(response)) }
            if let facets = response.facets, !response.results.isEmpty { print(Self.facetLines(facets)) }
        }
        if response.total == 0 { throw ExitStatus.notFound }
    }

    /// The response and its notes, from PostgreSQL with `--database`, else from the data directory. Exit 2 for a
    /// request the service refuses, 3 when the database cannot be read.
    private func search(_ request: SearchRequest) async throws -> (SearchResponse, [String]) {
        try await SearchExit.mapping("search") {
            let wantsSemantic = mode == .semantic || mode == .hybrid
            if let postgres = try database.location() {
                return try await PostgresSearch.with(postgres, semantic: wantsSemantic, modelDirectory: modelDir) { service, unavailable in
                    try await respond(request, service: service, semanticUnavailable: unavailable)
                }
            }
            let handle = try StoreDatabaseHandle(dataDirectory: global.dataDirectory, semantic: wantsSemantic, modelDirectory: modelDir)
            defer { handle.close() }
            return try await respond(request, service: handle.search, semanticUnavailable: handle.semanticUnavailable)
        }
    }

    /// The response of `service` and its notes; semantic mode without its model or index is exit 3.
    private func respond(_ request: SearchRequest, service: SearchService, semanticUnavailable: String?) async throws
        -> (SearchResponse, [String]) {
        if mode == .semantic, let semanticUnavailable {
            printError("semantic search is unavailable: \(semanticUnavailable)")
            throw ExitStatus.dataError
        }
        let response = try await service.search(request)
        var notes = response.notes
        if mode == .hybrid, let semanticUnavailable { notes.append("semantic leg unavailable: \(semanticUnavailable)") }
        if let note = try? await VectorCoverage.note(store: service.store, mode: mode, resultCount: response.results.count) {
            notes.append(note)
        }
        return (response, notes)
    }

    /// `{"results":[item…], "total", "mode", "suggestions", "notes"}` (and `facets` when asked); each item is a
    /// `SearchResultItem`, the same object `GET /api/v1/search` returns in `data.results`.
    static func json(_ response: SearchResponse, notes: [String], highlighter: SearchHighlighter? = nil) throws -> String {
        struct Body: Encodable {
            var results: [SearchResultItem]
            var total: Int
            var mode: String
            var suggestions: [String]
            var notes: [String]
            var facets: [String: [String: Int]]?
        }
        let body = Body(
            results: response.results.map { SearchResultItem($0, highlighter: highlighter) }, total: response.total,
            mode: response.mode.rawValue, suggestions: response.suggestions, notes: notes,
            facets: response.facets.map { counts in Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }) })
        return String(decoding: try JSONOutput.encoder.encode(body), as: UTF8.self)
    }

    /// One `SearchResultItem` per line.
    static func jsonLines(_ response: SearchResponse, highlighter: SearchHighlighter? = nil) throws {
        for hit in response.results {
            print(String(decoding: try JSONOutput.encoder.encode(SearchResultItem(hit, highlighter: highlighter)), as: UTF8.self))
        }
    }

    /// One line per facet, values by count then name: `lang: en 12, de 3`.
    static func facetLines(_ facets: [SearchFacet: [String: Int]]) -> String {
        SearchFacet.allCases.compactMap { facet in
            facets[facet].map { counts in
                let values = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                return "\(facet.rawValue): " + values.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
        }.joined(separator: "\n")
    }

    /// RFC 4180 CSV: `id,term,lang,type,score,definition`, one row per result.
    static func csv(_ response: SearchResponse) -> String {
        var text = "id,term,lang,type,score,definition\r\n"
        for hit in response.results {
            let fields = [hit.entry.id, hit.entry.term, hit.entry.lang.rawValue, hit.entry.type.rawValue,
                          String(format: "%.6f", hit.score), hit.entry.definition.summary]
            text += fields.map(CSVField.quote).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// A readable table: term, lang, type, score, one-line definition. With a highlighter the term and a definition
    /// fragment around the first match, matches in bold when `bold`.
    static func table(_ response: SearchResponse, explain: Bool, highlighter: SearchHighlighter? = nil, bold: Bool = false) -> String {
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
            var term = hit.entry.term
            var definition = clip(hit.entry.definition.summary, 70)
            if let highlighter {
                let marked = highlighter.highlight(hit.entry, fragmentLength: 68)
                term = terminalText(marked.term, bold: bold)
                definition = terminalText(marked.definition, bold: bold)
            }
            rows.append([term, hit.entry.lang.rawValue, hit.entry.type.rawValue, score, definition])
        }
        let table = TextTable(header: rows[0], rows: Array(rows.dropFirst())).render()
        return table + "\n\(response.results.count) of \(response.total) (\(response.mode.rawValue))"
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

    /// Highlighted text on one line, matches in bold when `bold`.
    static func terminalText(_ text: HighlightedText, bold: Bool) -> String {
        let line = HighlightedText(segments: text.segments.map {
            .init(text: $0.text.split(whereSeparator: \.isNewline).joined(separator: " "), isMatch: $0.isMatch)
        })
        return bold ? line.rendered(open: TerminalEmphasis.boldOn, close: TerminalEmphasis.boldOff) : line.plain
    }

    /// `text` on one line, cut to `length` characters with an ellipsis.
    static func clip(_ text: String, _ length: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= length ? line : String(line.prefix(length - 1)) + "…"
    }
}
