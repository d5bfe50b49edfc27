import ArgumentParser
import DictionaryService
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

    @Option(help: "Language of the entry (en, es, fr, de, zh-CN, zh-TW).")
    var lang: String = "en"

    @Flag(name: .customLong("all-languages"), help: "Show the term in every language, the requested one first.")
    var allLanguages = false

    func run() throws {
        guard let language = Language(code: lang) else {
            printError("\(SearchError.invalidLanguage(found: lang))")
            throw ExitStatus.usage
        }
        let handle: StoreDatabaseHandle
        do { handle = try StoreDatabaseHandle(dataDirectory: global.dataDirectory) } catch {
            printError("cannot open the dictionary database in \(global.dataDirectory): \(error)")
            throw ExitStatus.dataError
        }
        defer { handle.close() }
        let request = SearchRequest(
            query: term, mode: .exact, filters: SearchFilters(languages: allLanguages ? [] : [language]), limit: 10,
            preferredLanguage: language, source: .cli)
        let response: SearchResponse
        do { response = try handle.search.search(request) } catch let error as SearchError {
            printError("\(error)")
            throw ExitStatus.usage
        } catch {
            printError("lookup failed: \(error)")
            throw ExitStatus.dataError
        }
        let reader = RelatedTermsReader(database: handle.database)
        if global.json {
            struct Body: Encodable {
                var entries: [DictionaryEntry]
                var related_terms: [String: [String]]
                var suggestions: [String]
            }
            var related: [String: [String]] = [:]
            for hit in response.results { related[hit.entry.id] = try reader.related(to: hit.entry.id).map(\.entry.term) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(Body(entries: response.results.map(\.entry), related_terms: related, suggestions: response.suggestions)), as: UTF8.self))
        } else if response.results.isEmpty {
            print("\"\(term)\" not found\(allLanguages ? "" : " in \(language.rawValue)").")
            if !response.suggestions.isEmpty { print("Did you mean: \(response.suggestions.joined(separator: ", "))?") }
        } else {
            for (index, hit) in response.results.enumerated() {
                if index > 0 { print("") }
                print(try Self.describe(hit.entry, related: reader.related(to: hit.entry.id)))
            }
        }
        for note in response.notes { printError("note: \(note)") }
        if response.results.isEmpty { throw ExitStatus.notFound }
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
