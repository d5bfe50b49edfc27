import DictMigrations
import DictStore
import DictTesting
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


/// Typo matching learns which trigrams are too common to read (more than `LexicalQuery.postingsCap` terms), and the
/// any-word full-text tier which words are too common to count, and both skip them on later queries with the same answers.
@Suite("Lexical search remembers common trigrams and words")
struct CommonKeysTests {
    @Test func aCommonTrigramIsReadOnceThenSkippedWithTheSameSuggestions() async throws {
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
        let store = SQLiteSearchStore(database: database)
        let service = SearchService(store: store)
        #expect(!store.commonTrigrams.contains("ion"))

        let first = try await service.search(SearchRequest(query: "pronounciation", mode: .exact))
        #expect(first.total == 0)
        #expect(first.suggestions == ["pronunciation"])
        #expect(store.commonTrigrams.contains("ion"), "the capped trigram is remembered")
        #expect(!store.commonTrigrams.contains("pro"), "a rare trigram is not")

        let again = try await service.search(SearchRequest(query: "pronounciation", mode: .exact))
        #expect(again.suggestions == first.suggestions)
        let lexical = try await service.search(SearchRequest(query: "pronounciation", mode: .lexical))
        #expect(lexical.results.first?.entry.term == "pronunciation")
        #expect(lexical.results.first?.tier == .fuzzy)
    }

    @Test func aCommonWordIsCountedOnceThenLeftOutWithTheSameResults() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        // commonWordCutoff + 1 entries whose definition holds "ordinary"; two that also hold rarer words.
        var drafts = (0...LexicalQuery.commonWordCutoff).map { index in
            EntryDraft(term: "filler \(index)", type: .general, definition: EntryDefinition(concise: "an ordinary filler"))
        }
        drafts.append(EntryDraft(term: "lute", type: .instrument, definition: EntryDefinition(concise: "an ordinary plucked instrument")))
        drafts.append(EntryDraft(term: "zither", type: .instrument, definition: EntryDefinition(concise: "a flat box of strings, plucked")))
        _ = try EntryRepository(database: database).insertAll(drafts)
        let store = SQLiteSearchStore(database: database)
        let service = SearchService(store: store)
        #expect(!store.commonWords.contains("ordinary"))
        // No entry holds all three words, so the any-word tier runs without the common one.
        let request = SearchRequest(query: "ordinary plucked strings", mode: .lexical, limit: 10)
        let first = try await service.search(request)
        #expect(store.commonWords.contains("ordinary"), "the word past the cutoff is remembered")
        #expect(!store.commonWords.contains("plucked"), "a rare word is not")
        #expect(Set(first.results.map(\.entry.term)) == ["lute", "zither"])
        let again = try await service.search(request)
        #expect(again.results.map(\.entry.id) == first.results.map(\.entry.id))
        #expect(again.total == first.total)
    }
}
