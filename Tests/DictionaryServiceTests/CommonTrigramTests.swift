import DictMigrations
import DictStore
import DictTesting
import Testing

@testable import DictionaryService

/// Typo matching learns which trigrams are too common to read (more than `LexicalQuery.postingsCap` terms) and skips
/// them on later queries with the same answers.
@Suite("Typo matching remembers common trigrams")
struct CommonTrigramTests {
    @Test func aCommonTrigramIsReadOnceThenSkippedWithTheSameSuggestions() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        // postingsCap + 1 terms holding "ion", spelled "ion" + three letters, and the word the typo is for.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var drafts = (0...LexicalQuery.postingsCap).map { index in
            let suffix = String([letters[index / 676 % 26], letters[index / 26 % 26], letters[index % 26]])
            return EntryDraft(term: "ion" + suffix, type: .general, definition: EntryDefinition(concise: "filler"))
        }
        drafts.append(EntryDraft(term: "pronunciation", type: .general, definition: EntryDefinition(concise: "how a word is said")))
        _ = try EntryRepository(database: database).insertAll(drafts)
        let service = SearchService(database: database)
        #expect(!service.commonTrigrams.contains("ion"))

        let first = try service.search(SearchRequest(query: "pronounciation", mode: .exact))
        #expect(first.total == 0)
        #expect(first.suggestions == ["pronunciation"])
        #expect(service.commonTrigrams.contains("ion"), "the capped trigram is remembered")
        #expect(!service.commonTrigrams.contains("pro"), "a rare trigram is not")

        let again = try service.search(SearchRequest(query: "pronounciation", mode: .exact))
        #expect(again.suggestions == first.suggestions)
        let lexical = try service.search(SearchRequest(query: "pronounciation", mode: .lexical))
        #expect(lexical.results.first?.entry.term == "pronunciation")
        #expect(lexical.results.first?.tier == .fuzzy)
    }
}
