import DictMigrations
import DictPostgres
import DictTesting
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionaryImport
@testable import DictionarySearch

/// One test body, two engines: the bundled glossary (728 entries in six languages, with relations) imported into
/// SQLite and into PostgreSQL, then the term-key modes asked the same questions through `SQLiteSearchStore` and
/// `PostgresSearchStore`: the same entries in the same order, totals, suggestions and notes; the same autocomplete,
/// batch lookups and related terms.
@Suite("Term-key search on SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct SearchStoreParityTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Exact and prefix requests covering the keys (normalized, accent-folded, CJK), filters, every sort, paging,
    /// the preferred language, the language fallback and both kinds of suggestions.
    static let requests: [SearchRequest] = {
        var requests: [SearchRequest] = []
        for query in ["allegro", "Allegro", "creme", "crème", "crescendo", "piano", "快板", "tempo", "cresc", "alegro", "Stacatto", "zzzqqq"] {
            requests.append(SearchRequest(query: query, mode: .exact))
            requests.append(SearchRequest(query: query, mode: .exact, preferredLanguage: .de))
        }
        requests.append(SearchRequest(query: "crescendo", mode: .exact, filters: SearchFilters(languages: [.fr]), limit: 10,
                                      preferredLanguage: .fr, languageFallback: true))
        requests.append(SearchRequest(query: "fröhlich", mode: .exact, filters: SearchFilters(languages: [.en]), limit: 10,
                                      preferredLanguage: .en, languageFallback: true))
        requests.append(SearchRequest(query: "allegro", mode: .exact, filters: SearchFilters(languages: [.es, .fr], minQuality: 10)))
        for sort in SearchSort.allCases {
            requests.append(SearchRequest(query: "allegro", mode: .exact, sort: sort))
            for (query, offset) in [("a", 0), ("a", 7), ("pi", 0), ("c", 20), ("快", 0), ("cre", 0)] {
                requests.append(SearchRequest(query: query, mode: .prefix, limit: 10, offset: offset, sort: sort))
                requests.append(SearchRequest(query: query, mode: .prefix, filters: SearchFilters(types: [.tempo, .dynamics]), limit: 5, sort: sort,
                                              preferredLanguage: .fr))
            }
        }
        requests.append(SearchRequest(query: "s", mode: .prefix, filters: SearchFilters(languages: [.en], minQuality: 50, maxQuality: 90), limit: 100))
        return requests
    }()

    /// What must agree: per hit its key, language, score and tier; the total, suggestions and notes.
    static func shape(_ response: SearchResponse) -> [String] {
        response.results.map { "\($0.entry.normalizedTerm)|\($0.entry.lang.rawValue)|\($0.score)|\($0.tier.map { "\($0)" } ?? "-")" }
            + ["total \(response.total)", "suggestions \(response.suggestions)", "notes \(response.notes)"]
    }

    /// An entry without what each engine assigns on its own (id, timestamps).
    static func content(_ entry: DictionaryEntry) -> DictionaryEntry {
        var entry = entry
        entry.id = ""; entry.createdAt = ""; entry.updatedAt = ""
        return entry
    }

    /// Runs `body` with a search service over the bundled glossary on each engine (SQLite in memory, a throwaway
    /// PostgreSQL database).
    static func withGlossaryOnBothEngines(_ body: (SearchService, SearchService) async throws -> Void) async throws {
        let files = GlossaryImporter.defaultFiles(from: packageRoot.path)
        let sqlite = try Service.dictionary.openInMemory()
        _ = try GlossaryImporter(repository: EntryRepository(database: sqlite)).importFiles(files)
        let sqliteService = SearchService(store: SQLiteSearchStore(database: sqlite))
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            _ = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            try await body(sqliteService, SearchService(store: PostgresSearchStore(session: session)))
        }
    }

    @Test("Exact, prefix, autocomplete, batch lookup and related terms answer alike on both engines")
    func sameAnswers() async throws {
        try await Self.withGlossaryOnBothEngines { sqliteService, postgresService in
            var nonEmpty = 0
            for request in Self.requests {
                let expected = try await sqliteService.search(request)
                let found = try await postgresService.search(request)
                #expect(Self.shape(found) == Self.shape(expected), "\(request.mode) \"\(request.query)\" \(request.sort) offset \(request.offset)")
                let sameEntries = found.results.map { Self.content($0.entry) } == expected.results.map { Self.content($0.entry) }
                #expect(sameEntries, "entries' content differs: \(request.mode) \"\(request.query)\"")
                if !expected.results.isEmpty { nonEmpty += 1 }
            }
            #expect(nonEmpty >= Self.requests.count * 3 / 4)
            // The typo and prefix suggestions were exercised, not only empty lists.
            #expect(try await postgresService.search(SearchRequest(query: "alegro", mode: .exact)).suggestions.contains("allegro"))
            #expect(try await postgresService.search(SearchRequest(query: "cresc", mode: .exact)).suggestions.contains("crescendo"))

            for (query, languages) in [("a", [Language]()), ("cre", [.en]), ("Alle", [.de]), ("速", [])] {
                let expected = try await sqliteService.suggestions(query, languages: languages, limit: 10)
                #expect(try await postgresService.suggestions(query, languages: languages, limit: 10) == expected, "suggestions \(query)")
                #expect(!expected.isEmpty)
            }
            let terms = ["Crescendo", "STACCATO", "nope", "allegro", "forte"]
            for lang in [Language.en, .de] {
                let expected = try await BatchLookup(store: sqliteService.store).lookup(terms, lang: lang)
                let found = try await BatchLookup(store: postgresService.store).lookup(terms, lang: lang)
                #expect(found.map { $0.entry.map(Self.content) } == expected.map { $0.entry.map(Self.content) })
                #expect(found.map(\.normalizedTerm) == expected.map(\.normalizedTerm))
            }
            var withRelations = 0
            for term in ["crescendo", "allegro", "staccato", "sonata", "forte", "legato"] {
                let request = SearchRequest(query: term, mode: .exact, filters: SearchFilters(languages: [.en]), limit: 1)
                guard let sqliteEntry = try await sqliteService.search(request).results.first?.entry,
                      let postgresEntry = try await postgresService.search(request).results.first?.entry else { continue }
                let expected = try await sqliteService.relatedTerms(to: sqliteEntry.id, limit: 10)
                let found = try await postgresService.relatedTerms(to: postgresEntry.id, limit: 10)
                #expect(found.map { "\($0.entry.normalizedTerm)|\($0.entry.lang) \($0.relationshipType) \($0.confidenceScore)" }
                        == expected.map { "\($0.entry.normalizedTerm)|\($0.entry.lang) \($0.relationshipType) \($0.confidenceScore)" }, "related \(term)")
                if !expected.isEmpty { withRelations += 1 }
            }
            #expect(withRelations >= 3)
        }
    }

    /// Lexical requests over every tier (exact, prefix, typo, contains, CJK, full text with all words and the any-word
    /// fallback), browsing, filters, sorts, paging and facets.
    static let lexicalRequests: [SearchRequest] = {
        var requests: [SearchRequest] = []
        let queries = ["cresc", "crescendo", "cresendo", "Stacatto", "渐强", "渐", "gradually louder", "piano", "sonata form",
                       "gradually getting louder and softer with feeling", "the", "a_", "100%", "zzzqqq", "ando", "Klavier",
                       // Query syntax of either engine is plain text: tsquery operators, FTS5 syntax, LIKE wildcards, quotes.
                       "o'clock", "a\\b & !c | (d:*)", "\"forte\" OR piano*", "%_\\", "'; DROP TABLE dictionary_entries; --"]
        for query in queries {
            requests.append(SearchRequest(query: query, mode: .lexical, limit: 100))
            requests.append(SearchRequest(query: query, mode: .lexical, filters: SearchFilters(languages: [.en, .de], minQuality: 20),
                                          limit: 100, preferredLanguage: .de, facets: [.lang, .type]))
        }
        for sort in SearchSort.allCases where sort != .relevance {
            for query in ["cresc", "tempo", "louder", ""] {
                requests.append(SearchRequest(query: query, mode: .lexical, limit: 10, offset: 3, sort: sort, facets: [.type]))
            }
        }
        requests.append(SearchRequest(query: "", mode: .lexical, filters: SearchFilters(languages: [.fr]), limit: 20, offset: 10))
        return requests
    }()

    /// What must agree in lexical search: the term tiers' hits in order, the set of full-text hits (their order is
    /// each engine's rank: BM25 on SQLite, `ts_rank` on PostgreSQL), the total, notes and facets.
    /// A page that does not hold every match agrees on the term tiers and the number of full-text hits only: which
    /// full-text matches make the page is each engine's rank.
    static func lexicalShape(_ response: SearchResponse, ordered: Bool, complete: Bool) -> [String] {
        let keyed = response.results.map { "\($0.entry.normalizedTerm)|\($0.entry.lang.rawValue)" }
        let terms = zip(keyed, response.results).filter { $0.1.tier != .other }.map { "\($0.0) \($0.1.tier.map { "\($0)" } ?? "-")" }
        let fullText = zip(keyed, response.results).filter { $0.1.tier == .other }.map(\.0)
        let facets = (response.facets ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key): \($0.value.sorted { $0.key < $1.key })" }
        return (ordered ? keyed : terms + (complete ? fullText.sorted() : ["\(fullText.count) full-text hits"]))
            + ["total \(response.total)", "notes \(response.notes)", "facets \(facets)"]
    }

    @Test("Lexical search: the same tiers, matches, totals, notes and facets on both engines; full-text order is each engine's")
    func lexicalAnswersAlike() async throws {
        try await Self.withGlossaryOnBothEngines { sqliteService, postgresService in
            var tiers = Set<MatchTier>()
            var completePages = 0
            for request in Self.lexicalRequests {
                let expected = try await sqliteService.search(request)
                let found = try await postgresService.search(request)
                // Other sorts and browsing have one order on both engines; relevance pages hold every match here.
                let ordered = request.sort != .relevance || request.query.isEmpty
                let complete = expected.total <= request.limit
                let same = Self.lexicalShape(found, ordered: ordered, complete: complete) == Self.lexicalShape(expected, ordered: ordered, complete: complete)
                #expect(same, "\(request.query) \(request.sort) \(request.filters.languages): \(Self.lexicalShape(found, ordered: ordered, complete: complete)) against \(Self.lexicalShape(expected, ordered: ordered, complete: complete))")
                if complete && !ordered { completePages += 1 }
                tiers.formUnion(expected.results.compactMap(\.tier))
            }
            #expect(tiers == [.exact, .prefix, .fuzzy, .contains, .other], "every tier was exercised: \(tiers)")
            #expect(completePages >= 16, "most relevance pages hold every match, so their full-text sets are compared")
        }
    }
}

/// The PostgreSQL store's text pieces: user text only ever inside quoted lexemes and escaped patterns.
@Suite struct PostgresLexicalTextTests {
    @Test func lexemesAndPatternsAreQuotedAndEscaped() {
        #expect(PostgresSearchStore.lexeme("o'clock") == "'o''clock'")
        #expect(PostgresSearchStore.lexeme("a\\b") == "'a\\\\b'")
        #expect(PostgresSearchStore.tsquery(["gradually", "louder"], any: false) == "'gradually' & 'louder':*")
        #expect(PostgresSearchStore.tsquery(["gradually", "l"], any: true) == "'gradually' | 'l'")
        #expect(PostgresSearchStore.tsquery(["cresc"], any: false, prefixLast: false) == "'cresc'")
        #expect(PostgresSearchStore.tsquery([], any: false) == nil)
        #expect(PostgresSearchStore.likePattern("50%_a\\b") == "%50\\%\\_a\\\\b%")
    }

    @Test func idfFollowsFTS5() {
        #expect(abs(PostgresDocumentFrequencies.idf(holding: 10, of: 1_000) - log(990.5 / 10.5)) < 1e-12)
        #expect(PostgresDocumentFrequencies.idf(holding: 900, of: 1_000) == 1e-6, "a word in most documents still counts a little")
        #expect(PostgresDocumentFrequencies.idf(holding: 1, of: 1_000) > PostgresDocumentFrequencies.idf(holding: 100, of: 1_000))
    }

    @Test func rememberedCountsExpireAndStayBounded() {
        let frequencies = PostgresDocumentFrequencies()
        let start = Date()
        frequencies.remember("'a'", count: 3, now: start)
        #expect(frequencies.count("'a'", now: start.addingTimeInterval(1)) == 3)
        #expect(frequencies.count("'a'", now: start.addingTimeInterval(PostgresDocumentFrequencies.maximumAge + 1)) == nil)
        for index in 0..<(PostgresDocumentFrequencies.capacity + 10) {
            frequencies.remember("'w\(index)'", count: index, now: start.addingTimeInterval(Double(index) / 1_000))
        }
        #expect(frequencies.count("'w\(PostgresDocumentFrequencies.capacity + 9)'", now: start) != nil, "the newest stays")
        #expect(frequencies.count("'w0'", now: start) == nil, "the oldest went")
    }
}
