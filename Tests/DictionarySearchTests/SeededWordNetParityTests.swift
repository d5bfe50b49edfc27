import DictMigrations
import DictPostgres
import DictTesting
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionaryImport
@testable import DictionarySearch

/// The second corpus for "the same answers on both engines": a seeded WordNet-shaped sample (2,000 synsets,
/// `SeededWordNetSample`) imported by the WordNet importer into SQLite and into PostgreSQL, then asked seeded
/// questions: exact lookups (with case and accent variants), prefixes, typos, and full-text descriptions made of
/// gloss words. The seeds are fixed so a failure reproduces; each run prints them. A typo's "did you mean" list is
/// the one documented difference (docs/postgres.md: pg_trgm's space-padded trigrams reach candidates that share no
/// inner trigram, e.g. "ricaré" → "ribre"), so typos compare their results and totals, not their suggestions.
@Suite("A seeded WordNet sample on SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct SeededWordNetParityTests {
    static func withSampleOnBothEngines(seed: UInt64, _ body: (SeededWordNetSample, SearchService, SearchService) async throws -> Void) async throws {
        let sample = SeededWordNetSample(seed: seed, synsetCount: 2_000)
        let lexicon = WordNetLexicon(synsets: sample.synsets)
        let sqlite = try Service.dictionary.openInMemory()
        let sqliteReport = try await WordNetImporter(repository: EntryRepository(database: sqlite)).importLexicon(lexicon)
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let postgresReport = try await WordNetImporter(store: PostgresEntryImportStore(session: session)).importLexicon(lexicon)
            #expect(postgresReport == sqliteReport, "\(postgresReport) against \(sqliteReport)")
            #expect(sqliteReport.stored > 1_000 && sqliteReport.relationsCreated > 100, "\(sqliteReport)")
            try await body(sample, SearchService(store: SQLiteSearchStore(database: sqlite)), SearchService(store: PostgresSearchStore(session: session)))
        }
    }

    /// Seeded requests over the sample: every kind of term-key question and full-text descriptions; `typos` are the
    /// misspelt ones.
    static func requests(_ sample: SeededWordNetSample, seed: UInt64) -> (requests: [SearchRequest], typos: Set<String>) {
        var random = SeededGenerator(seed: seed ^ 0x5eed)
        var requests: [SearchRequest] = []
        for _ in 0..<40 {
            let lemma = sample.lemmas.randomElement(using: &random)!
            requests.append(SearchRequest(query: lemma, mode: .exact))
            requests.append(SearchRequest(query: lemma.uppercased().replacingOccurrences(of: "É", with: "E"), mode: .exact))
        }
        var typos = Set<String>()
        for _ in 0..<15 {
            let lemma = sample.lemmas.randomElement(using: &random)!
            var letters = Array(lemma)
            if letters.count > 4 { letters.swapAt(2, 3) }
            typos.insert(String(letters))
            requests.append(SearchRequest(query: String(letters), mode: .exact))
        }
        for sort in SearchSort.allCases {
            for _ in 0..<4 {
                let lemma = sample.lemmas.randomElement(using: &random)!
                requests.append(SearchRequest(query: String(lemma.prefix(Int.random(in: 2...4, using: &random))), mode: .prefix, limit: 20, sort: sort))
            }
        }
        for _ in 0..<25 {
            let words = (0..<Int.random(in: 1...3, using: &random)).map { _ in sample.vocabulary.randomElement(using: &random)! }
            requests.append(SearchRequest(query: words.joined(separator: " "), mode: .lexical, limit: 50))
        }
        return (requests, typos)
    }

    @Test("Seeded questions over a seeded WordNet sample answer alike", arguments: [UInt64(20261206), 7])
    func sameAnswers(seed: UInt64) async throws {
        print("SeededWordNetParityTests seed: \(seed)")
        try await Self.withSampleOnBothEngines(seed: seed) { sample, sqliteService, postgresService in
            var found = 0, fullTextCompared = 0
            let (requests, typos) = Self.requests(sample, seed: seed)
            for request in requests {
                let expected = try await sqliteService.search(request)
                let answered = try await postgresService.search(request)
                if request.mode == .lexical {
                    let complete = expected.total <= request.limit
                    let shape = { SearchStoreParityTests.lexicalShape($0, ordered: false, complete: complete) }
                    let same = shape(answered) == shape(expected)
                    #expect(same, "lexical \"\(request.query)\": \(shape(answered)) against \(shape(expected))")
                    if complete && expected.total > 0 { fullTextCompared += 1 }
                } else if typos.contains(request.query) {
                    let shape = { (response: SearchResponse) in SearchStoreParityTests.shape(response).filter { !$0.hasPrefix("suggestions") } }
                    let same = shape(answered) == shape(expected)
                    #expect(same, "typo \"\(request.query)\": \(shape(answered)) against \(shape(expected))")
                } else {
                    let same = SearchStoreParityTests.shape(answered) == SearchStoreParityTests.shape(expected)
                    #expect(same, "\(request.mode) \"\(request.query)\" \(request.sort): \(SearchStoreParityTests.shape(answered)) against \(SearchStoreParityTests.shape(expected))")
                    let sameEntries = answered.results.map { SearchStoreParityTests.content($0.entry) } == expected.results.map { SearchStoreParityTests.content($0.entry) }
                    #expect(sameEntries, "entries' content differs: \(request.mode) \"\(request.query)\"")
                }
                if !expected.results.isEmpty { found += 1 }
            }
            #expect(found > 100, "most questions find something: \(found)")
            #expect(fullTextCompared > 5, "some full-text pages hold every match, so their sets are compared: \(fullTextCompared)")
        }
    }
}
