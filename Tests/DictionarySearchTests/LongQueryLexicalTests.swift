import DictMigrations
import DictStore
import DictTesting
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


/// Lexical search of descriptions (more than `LexicalQuery.containsMaxWords` words) skips the substring tier, and a
/// long multi-word term is still found through the full-text tier when the query holds it as whole words.
@Suite("Lexical search of long queries")
struct LongQueryLexicalTests {
    @Test func longQueriesMatchMultiWordTermsByWholeWordsOnly() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let repository = EntryRepository(database: database)
        _ = try repository.create(EntryDraft(term: "american federation of labor and congress of industrial organizations",
                                             type: .general, definition: EntryDefinition(concise: "a federation of trade unions")))
        _ = try repository.create(EntryDraft(term: "labor", type: .general, definition: EntryDefinition(concise: "work")))
        let service = SearchService(database: database)
        func lexical(_ query: String) async throws -> SearchResponse { try await service.search(SearchRequest(query: query, mode: .lexical)) }

        // Three words: the substring tier, even across partial words.
        let short = try await lexical("ation of labor")
        #expect(short.results.first?.entry.term.hasPrefix("american federation") == true)
        #expect(short.results.first?.tier == .contains)
        // Five whole words: the full-text tier finds the term (term column), ranked first.
        let whole = try await lexical("federation of labor and congress")
        #expect(whole.results.first?.entry.term.hasPrefix("american federation") == true)
        #expect(whole.results.first?.tier == .other)
        // Five words cut mid-word at both ends: no substring tier, and "ation"/"congr" are not words of the term.
        let cut = try await lexical("ation of labor and congr")
        #expect(!cut.results.isEmpty && cut.results.allSatisfy { $0.tier == .other }, "only the any-word full-text tier")
    }
}
