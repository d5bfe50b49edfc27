import DictMigrations
import DictStore
import DictTesting
import Testing
@testable import DictionaryCore
@testable import DictionarySearch

/// A misspelling that keeps its first letters finds its word even when the trigram shortlist is full of terms that
/// share more trigrams with it ("beleive": believe shares only "bel", every "-ceive" word shares "eiv" and "ive").
@Suite("Typo candidates include terms starting like the query")
struct SameStartTypoTests {
    @Test(arguments: [false, true])
    func aWordSharingOnlyItsStartIsFound(inMemoryTrigrams: Bool) async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        // More than a shortlist of terms sharing two trigrams with "beleive" (none of its start, none within its
        // edit tolerance): "q0ceive" … "q449ceive".
        var drafts = (0..<(LexicalPlan.shortlistSize + 50)).map { index in
            EntryDraft(term: "q\(index)ceive", type: .general, definition: EntryDefinition(concise: "filler"))
        }
        drafts.append(EntryDraft(term: "believe", type: .general, definition: EntryDefinition(concise: "to accept as true")))
        _ = try EntryRepository(database: database).insertAll(drafts)
        var termTrigrams: TermTrigramCache?
        if inMemoryTrigrams {
            termTrigrams = TermTrigramCache(database: database)
            try termTrigrams?.rebuild()
        }
        let service = SearchService(database: database, termTrigrams: termTrigrams)
        let lexical = try await service.search(SearchRequest(query: "beleive", mode: .lexical, limit: 5))
        #expect(lexical.results.first?.entry.term == "believe")
        #expect(lexical.results.first?.tier == .fuzzy)
        let exact = try await service.search(SearchRequest(query: "beleive", mode: .exact))
        #expect(exact.total == 0)
        #expect(exact.suggestions.first == "believe", "\(exact.suggestions)")
    }
}
