import DictEmbedding
import DictMigrations
import DictStore
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


/// A query in one language, results in another: the query language's own entries are searched too and bring their
/// translations (`metadata.translation_of`), within the request's filters.
@Suite("Cross-language search through translations")
struct CrossLanguageTranslationTests {
    private let search: SearchService
    private let database: StoreDatabase
    private var entries: [DictionaryEntry] = []

    init() throws {
        database = try Service.dictionary.openInMemory()
        let repository = EntryRepository(database: database)
        let entries: [(String, Language, TermType, String, String?, Double)] = [
            ("crescendo", .en, .dynamics, "Gradually getting louder.", nil, 90),
            ("ritardando", .en, .tempo, "Gradually becoming slower.", nil, 90),
            ("Crescendo", .de, .dynamics, "Allmählich lauter werdend.", "crescendo", 80),
            ("Ritardando", .de, .tempo, "Allmählich langsamer werdend.", "Ritardando", 80),
            ("Lautstärke", .de, .general, "Wie laut etwas allmählich klingt.", nil, 80),
            ("crescendo", .fr, .dynamics, "En augmentant progressivement le volume.", "Crescendo", 20),
        ]
        for (term, lang, type, text, original, score) in entries {
            self.entries.append(try repository.create(EntryDraft(
                term: term, lang: lang, type: type, definition: EntryDefinition(concise: text),
                metadata: EntryMetadata(translationOf: original), qualityScore: QualityScore(overall: score))))
        }
        search = SearchService(database: database)
    }

    private func request(_ query: String, _ mode: SearchMode = .hybrid, results: [Language], from queryLanguage: Language?,
                         types: [TermType] = [], minQuality: Double? = nil) -> SearchRequest {
        SearchRequest(query: query, mode: mode, filters: SearchFilters(languages: results, types: types, minQuality: minQuality),
                      queryLanguage: queryLanguage)
    }

    @Test("A German description finds the English term through its German entry, first, with a note")
    func germanDescriptionFindsTheEnglishTerm() async throws {
        let response = try await search.search(request("allmählich lauter werdend", results: [.en], from: .de))
        #expect(response.results.first?.entry.term == "crescendo", "\(response.results.map(\.entry.term))")
        #expect(response.results.allSatisfy { $0.entry.lang == .en })
        #expect(response.notes.contains { $0.contains("also searched the de entries") }, "\(response.notes)")
        // Without the query's language the English entries hold none of its words.
        let undeclared = try await search.search(request("allmählich lauter werdend", results: [.en], from: nil))
        #expect(undeclared.results.isEmpty, "\(undeclared.results.map(\.entry.term))")
    }

    @Test("Translations between two other languages meet through the English key")
    func germanToFrench() async throws {
        let response = try await search.search(request("allmählich lauter", results: [.fr], from: .de))
        #expect(response.results.map(\.entry.term) == ["crescendo"])
        #expect(response.results.first?.entry.lang == .fr)
    }

    @Test("The request's filters hold for the translations; the query's own language among the results is no crossing")
    func filtersHold() async throws {
        let tempo = try await search.search(request("allmählich", results: [.en], from: .de, types: [.tempo]))
        #expect(tempo.results.map(\.entry.term) == ["ritardando"])
        let strict = try await search.search(request("allmählich lauter", results: [.fr], from: .de, minQuality: 50))
        #expect(strict.results.isEmpty, "the French entry scores 20")
        let both = try await search.search(request("allmählich lauter werdend", results: [.de, .en], from: .de))
        #expect(both.results.allSatisfy { $0.entry.lang == .de }, "\(both.results.map(\.entry.term))")
        #expect(!both.notes.contains { $0.contains("also searched") })
    }

    @Test("A cross-language search embeds its query once, though it ranks twice", arguments: [SearchMode.semantic, .hybrid])
    func queryIsEmbeddedOnce(mode: SearchMode) async throws {
        let embedder = CountingEmbedder()
        let backend = BruteForceBackend()
        for entry in entries {
            backend.add(entry, vector: try embedder.base.embed(["\(entry.term) \(entry.definition.concise ?? "")"])[0])
        }
        let service = SearchService(database: database, semantic: SemanticComponents(embedder: embedder, backend: backend))
        let response = try await service.search(request("allmählich lauter werdend", mode, results: [.en], from: .de))
        #expect(response.results.contains { $0.entry.term == "crescendo" }, "\(response.results.map(\.entry.term))")
        #expect(response.notes.contains { $0.contains("also searched the de entries") }, "\(response.notes)")
        #expect(embedder.calls == 1)
    }
}

/// The hashed bag-of-words double, counting its calls.
private final class CountingEmbedder: Embedder, @unchecked Sendable {
    let base = HashedBagOfWordsEmbedder()
    private let lock = NSLock()
    private var count = 0
    var modelName: String { base.modelName }
    var dimension: Int { base.dimension }
    var calls: Int { lock.withLock { count } }

    func embed(_ texts: [String]) throws -> [[Float]] {
        lock.withLock { count += 1 }
        return try base.embed(texts)
    }
    func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
}
