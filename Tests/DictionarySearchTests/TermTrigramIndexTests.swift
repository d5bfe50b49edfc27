import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryImport
@testable import DictionarySearch


/// Typo matching on the in-memory term trigrams gives exactly what the SQL trigram index gives, and is used only
/// while it reflects the entries (`dictionary_term_version`).
@Suite("In-memory term trigrams for typo matching")
struct TermTrigramIndexTests {
    /// The bundled glossary (six languages, accents, CJK) in a fresh data dir.
    static func glossaryDatabase() throws -> (StoreDatabase, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let report = try GlossaryImporter(repository: EntryRepository(database: database))
            .importFiles(GlossaryImporter.defaultFiles(from: packageRoot))
        #expect(report.stored > 700)
        return (database, directory)
    }

    /// One to two random edits (delete, insert, substitute, swap) of each of `count` terms, seeded.
    static func misspellings(of terms: [String], count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyzéü")
        return (0..<count).map { _ in
            var word = Array(terms.randomElement(using: &generator)!)
            for _ in 0..<Int.random(in: 1...2, using: &generator) where word.count > 2 {
                let position = Int.random(in: 0..<(word.count - 1), using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: word.remove(at: position)
                case 1: word.insert(letters.randomElement(using: &generator)!, at: position)
                case 2: word[position] = letters.randomElement(using: &generator)!
                default: word.swapAt(position, position + 1)
                }
            }
            return String(word)
        }
    }

    @Test func typoMatchesEqualTheSQLPathOnTheGlossary() async throws {
        let (database, directory) = try Self.glossaryDatabase()
        defer { _ = directory }
        let terms = try database.read { db in try String.fetchAll(db, sql: "SELECT term FROM dictionary_entries") }
        let cache = TermTrigramCache(database: database)
        try cache.rebuild()
        let inMemory = SearchService(database: database, termTrigrams: cache)
        let sqlOnly = SearchService(database: database)
        let seed: UInt64 = 0x7121_6A3
        let queries = Self.misspellings(of: terms, count: 300, seed: seed) + ["cresendo", "alegro", "stacatto", "fortisimo", "zzzqqq"]
        var suggested = 0
        for query in queries {
            let exact = try await inMemory.search(SearchRequest(query: query, mode: .exact))
            let exactSQL = try await sqlOnly.search(SearchRequest(query: query, mode: .exact))
            #expect(exact.suggestions == exactSQL.suggestions, "seed \(seed), query \(query)")
            if !exact.suggestions.isEmpty { suggested += 1 }
            let lexical = try await inMemory.search(SearchRequest(query: query, mode: .lexical, limit: 20))
            let lexicalSQL = try await sqlOnly.search(SearchRequest(query: query, mode: .lexical, limit: 20))
            #expect(lexical.results.map(\.entry.id) == lexicalSQL.results.map(\.entry.id), "seed \(seed), query \(query)")
            #expect(lexical.total == lexicalSQL.total, "seed \(seed), query \(query)")
        }
        #expect(try database.read { db in try cache.current(db) } != nil, "the copy stayed current, so it was used")
        #expect(suggested > 100, "the misspellings exercise typo matching (\(suggested) of \(queries.count) had suggestions)")
        let crescendo = try await inMemory.search(SearchRequest(query: "cresendo", mode: .exact))
        #expect(crescendo.suggestions.first == "crescendo")
    }

    @Test func aTrigramOverTheCapIsSkippedAsOnTheSQLPath() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var drafts = (0...LexicalQuery.postingsCap).map { index in
            let suffix = String([letters[index / 676 % 26], letters[index / 26 % 26], letters[index % 26]])
            return EntryDraft(term: "ion" + suffix, type: .general, definition: EntryDefinition(concise: "filler"))
        }
        drafts.append(EntryDraft(term: "pronunciation", type: .general, definition: EntryDefinition(concise: "how a word is said")))
        drafts.append(EntryDraft(term: "ionzzzz", type: .general, definition: EntryDefinition(concise: "one more")))
        _ = try EntryRepository(database: database).insertAll(drafts)
        let cache = TermTrigramCache(database: database)
        try cache.rebuild()
        let inMemory = SearchService(database: database, termTrigrams: cache)
        let sqlOnly = SearchService(database: database)
        for query in ["pronounciation", "ionzzzy", "ionzzz", "ionabd"] {
            let memory = try await inMemory.search(SearchRequest(query: query, mode: .exact))
            let sql = try await sqlOnly.search(SearchRequest(query: query, mode: .exact))
            #expect(memory.suggestions == sql.suggestions, "query \(query)")
        }
        #expect(try await inMemory.search(SearchRequest(query: "pronounciation", mode: .exact)).suggestions == ["pronunciation"])
        #expect(try await inMemory.search(SearchRequest(query: "ionzzzy", mode: .exact)).suggestions.contains("ionzzzz"))
    }

    @Test func aChangedTermMakesTheCopyStaleUntilRebuilt() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let repository = EntryRepository(database: database)
        _ = try repository.insertAll([EntryDraft(term: "allegro", type: .tempo, definition: EntryDefinition(concise: "fast"))])
        let cache = TermTrigramCache(database: database)
        try cache.rebuild()
        let before = try #require(try database.read { db in try cache.current(db) })
        #expect(before.termCount == 1)
        let service = SearchService(database: database, termTrigrams: cache)

        // A new term bumps the version: the copy is not used, the SQL path still finds the new word.
        _ = try repository.insertAll([EntryDraft(term: "crescendo", type: .dynamics, definition: EntryDefinition(concise: "louder"))])
        #expect(try database.read { db in try cache.current(db) } == nil)
        #expect(try await service.search(SearchRequest(query: "cresendo", mode: .exact)).suggestions == ["crescendo"])

        try cache.rebuild()
        let after = try #require(try database.read { db in try cache.current(db) })
        #expect(after.termCount == 2 && after.version > before.version)
        #expect(try await service.search(SearchRequest(query: "cresendo", mode: .exact)).suggestions == ["crescendo"])

        // A delete bumps it too.
        let version = after.version
        try database.write { db in try db.execute(sql: "DELETE FROM dictionary_entries WHERE term = 'allegro'") }
        #expect(try database.read { db in try TermTrigramIndex.currentVersion(db) } > version)
        #expect(try database.read { db in try cache.current(db) } == nil)
    }
}
