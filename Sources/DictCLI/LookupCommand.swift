import ArgumentParser
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict lookup TERM`: the exact entry for a term, with its related terms. Exit 1 (with suggestions) if absent.
struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Show the entry for a term (exact, normalized match; accent-insensitive as a fallback)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "The term.")
    var term: String

    @Option(help: "Language of the entry; when the term is not in it, other languages are shown with a note.")
    var lang: Language = .en

    @Flag(name: .customLong("all-languages"), help: "Show the term in every language, the requested one first.")
    var allLanguages = false

    func run() async throws {
        let language = lang
        let request = SearchRequest(
            query: term, mode: .exact, filters: SearchFilters(languages: allLanguages ? [] : [language]), limit: 10,
            preferredLanguage: language, languageFallback: true, source: .cli)
        let (response, related) = try await lookup(request)
        // The query itself is never a useful suggestion ("not found in en. Did you mean: Klavier?").
        let normalized = TermNormalizer.normalize(term)
        let suggestions = response.suggestions.filter { TermNormalizer.normalize($0) != normalized }
        var notes = response.notes
        let foundElsewhere = !allLanguages && !response.results.isEmpty && !response.results.contains { $0.entry.lang == language }
        if foundElsewhere {
            let found = Array(Set(response.results.map(\.entry.lang.rawValue))).sorted().joined(separator: ", ")
            notes = ["\"\(term)\" is not in \(language.rawValue); showing \(found)"]
        }
        for note in notes { printError("note: \(note)") }
        if global.json {
            let body = Body(
                entries: response.results.map(\.entry),
                relatedTerms: related.mapValues { $0.map(RelatedItem.init) }, suggestions: suggestions)
            try JSONOutput.print(body)
        } else if response.results.isEmpty {
            print("\"\(term)\" not found\(allLanguages ? "" : " in any language").")
            if !suggestions.isEmpty { print("Did you mean: \(suggestions.joined(separator: ", "))?") }
        } else {
            for (index, hit) in response.results.enumerated() {
                if index > 0 { print("") }
                print(Self.describe(hit.entry, related: related[hit.entry.id] ?? []))
            }
        }
        if response.results.isEmpty { throw ExitStatus.notFound }
    }

    /// The exact matches and each one's related terms, from PostgreSQL with `--database`, else from the data
    /// directory. Exit 2 for a request the service refuses, 3 when the database cannot be read.
    private func lookup(_ request: SearchRequest) async throws -> (SearchResponse, [String: [RelatedTerm]]) {
        try await SearchExit.mapping("lookup") {
            if let postgres = try database.location() {
                return try await PostgresSearch.with(postgres) { try await Self.lookup(request, in: $0) }
            }
            let handle = try StoreDatabaseHandle(dataDirectory: global.dataDirectory)
            defer { handle.close() }
            return try await Self.lookup(request, in: handle.search)
        }
    }

    private static func lookup(_ request: SearchRequest, in service: SearchService) async throws -> (SearchResponse, [String: [RelatedTerm]]) {
        let response = try await service.search(request)
        var related: [String: [RelatedTerm]] = [:]
        for hit in response.results { related[hit.entry.id] = distinct(try await service.relatedTerms(to: hit.entry.id, limit: 10)) }
        return (response, related)
    }

    /// `--json`: the entries, each entry's related terms with their relation, and suggestions.
    struct Body: Encodable {
        var entries: [DictionaryEntry]
        var relatedTerms: [String: [RelatedItem]]
        var suggestions: [String]

        enum CodingKeys: String, CodingKey {
            case entries, suggestions
            case relatedTerms = "related_terms"
        }
    }

    /// One related term: which entry, and how it is related.
    struct RelatedItem: Encodable {
        var id: String
        var term: String
        var lang: String
        var relationshipType: String
        var confidenceScore: Double

        enum CodingKeys: String, CodingKey {
            case id, term, lang
            case relationshipType = "relationship_type"
            case confidenceScore = "confidence_score"
        }

        init(_ related: RelatedTerm) {
            id = related.entry.id
            term = related.entry.term
            lang = related.entry.lang.rawValue
            relationshipType = related.relationshipType
            confidenceScore = related.confidenceScore
        }
    }

    /// Each related entry once, keeping its strongest relation (the reader orders by confidence).
    static func distinct(_ related: [RelatedTerm]) -> [RelatedTerm] {
        var seen = Set<String>()
        return related.filter { seen.insert($0.entry.id).inserted }
    }

    static func describe(_ entry: DictionaryEntry, related: [RelatedTerm]) -> String {
        var lines = ["\(entry.term)  [\(entry.lang.rawValue), \(entry.type.rawValue), score \(Int(entry.overallScore))]"]
        let definition = entry.definition
        if let ipa = definition.pronunciation?.ipa { lines.append("  pronunciation: \(ipa)") }
        if let concise = definition.concise { lines.append("  \(concise)") }
        if let detailed = definition.detailed { lines.append("  \(detailed)") }
        for sense in definition.senses ?? [] { lines.append("  (\(sense.pos)) \(sense.gloss)") }
        if let etymology = definition.etymology { lines.append("  etymology: \(etymology)") }
        if let usage = definition.usageExample { lines.append("  example: \(usage)") }
        if let synonyms = entry.metadata.synonyms, !synonyms.isEmpty { lines.append("  synonyms: \(synonyms.joined(separator: ", "))") }
        if !related.isEmpty {
            lines.append("  related: " + related.map { "\($0.entry.term) (\($0.relationshipType))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
