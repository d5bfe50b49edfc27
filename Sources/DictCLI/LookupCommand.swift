import ArgumentParser
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict lookup TERM`: the exact entry for a term, with its related terms. Exit 1 (with suggestions) if absent.
struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Show the entry for a term (exact, normalized match; accent-insensitive as a fallback)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The term.")
    var term: String

    @Option(help: "Language of the entry; when the term is not in it, other languages are shown with a note.")
    var lang: Language = .en

    @Flag(name: .customLong("all-languages"), help: "Show the term in every language, the requested one first.")
    var allLanguages = false

    func run() throws {
        let language = lang
        let handle = try StoreDatabaseHandle(dataDirectory: global.dataDirectory)
        defer { handle.close() }
        let request = SearchRequest(
            query: term, mode: .exact, filters: SearchFilters(languages: allLanguages ? [] : [language]), limit: 10,
            preferredLanguage: language, languageFallback: true, source: .cli)
        let response: SearchResponse
        do { response = try handle.search.search(request) } catch let error as SearchError {
            printError("\(error)")
            throw ExitStatus.usage
        } catch {
            printError("lookup failed: \(error)")
            throw ExitStatus.dataError
        }
        // The query itself is never a useful suggestion ("not found in en. Did you mean: Klavier?").
        let normalized = TermNormalizer.normalize(term)
        let suggestions = response.suggestions.filter { TermNormalizer.normalize($0) != normalized }
        var notes = response.notes
        let foundElsewhere = !allLanguages && !response.results.isEmpty && !response.results.contains { $0.entry.lang == language }
        if foundElsewhere {
            let found = Array(Set(response.results.map(\.entry.lang.rawValue))).sorted().joined(separator: ", ")
            notes = ["\"\(term)\" is not in \(language.rawValue); showing \(found)"]
        }
        let reader = RelatedTermsReader(database: handle.database)
        var related: [String: [RelatedTermsReader.RelatedTerm]] = [:]
        for hit in response.results { related[hit.entry.id] = try Self.distinct(reader.related(to: hit.entry.id, limit: 10)) }
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

        init(_ related: RelatedTermsReader.RelatedTerm) {
            id = related.entry.id
            term = related.entry.term
            lang = related.entry.lang.rawValue
            relationshipType = related.relationshipType
            confidenceScore = related.confidenceScore
        }
    }

    /// Each related entry once, keeping its strongest relation (the reader orders by confidence).
    static func distinct(_ related: [RelatedTermsReader.RelatedTerm]) -> [RelatedTermsReader.RelatedTerm] {
        var seen = Set<String>()
        return related.filter { seen.insert($0.entry.id).inserted }
    }

    static func describe(_ entry: DictionaryEntry, related: [RelatedTermsReader.RelatedTerm]) -> String {
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
