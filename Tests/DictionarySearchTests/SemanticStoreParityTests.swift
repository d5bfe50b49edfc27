import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryImport
@testable import DictionaryQueues
@testable import DictionarySearch

/// Semantic and hybrid search on both engines: the bundled glossary imported into SQLite and PostgreSQL, every entry
/// embedded with the same deterministic embedder (SQLite through `TermEmbeddingWriter`, PostgreSQL through
/// `PostgresEmbeddingStore.replace`, both in the entries' import order so row ids agree), each index loaded from
/// its own engine. Semantic answers must be the same ranking with the same scores; hybrid's lexical leg scores its
/// full-text matches by each engine's BM25 arithmetic, so its scores may differ in the third decimal.
@Suite("Semantic and hybrid search on SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct SemanticStoreParityTests {
    static let embedder = HashedBagOfWordsEmbedder(dimension: 64)

    static let requests: [SearchRequest] = {
        var requests: [SearchRequest] = []
        for query in ["gradually getting louder", "very slow tempo", "short detached notes", "a keyboard instrument",
                      "smoothly connected", "zzzqqq qqqzzz", "sehr langsam", "慢"] {
            for mode in [SearchMode.semantic, .hybrid] {
                requests.append(SearchRequest(query: query, mode: mode, limit: 20, facets: [.lang, .type]))
            }
        }
        for mode in [SearchMode.semantic, .hybrid] {
            for sort in SearchSort.allCases {
                requests.append(SearchRequest(query: "loud", mode: mode, limit: 10, offset: 3, sort: sort, preferredLanguage: .fr))
            }
            requests.append(SearchRequest(query: "getting softer", mode: mode, filters: SearchFilters(languages: [.de, .fr], types: [.dynamics]),
                                          limit: 10, explain: true))
            requests.append(SearchRequest(query: "becoming faster", mode: mode, filters: SearchFilters(minQuality: 60), limit: 10))
            // Cross-language: translations of the best English matches (TranslationLinks on each engine).
            requests.append(SearchRequest(query: "gradually louder", mode: mode, filters: SearchFilters(languages: [.de, .es]),
                                          limit: 10, queryLanguage: .en))
        }
        requests.append(SearchRequest(query: "allegro", mode: .hybrid, limit: 10))
        requests.append(SearchRequest(query: "cresendo", mode: .hybrid, limit: 10))
        return requests
    }()

    @Test("Semantic and hybrid search answer alike on both engines")
    func sameAnswers() async throws {
        let (files, sqlite, sqliteHashes) = try embeddedGlossaryOnSQLite()
        let model = Self.embedder.modelName
        let sqliteBackend = try VectorIndexBackend(database: sqlite, model: model, dimension: 64)
        let sqliteService = SearchService(database: sqlite, semantic: SemanticComponents(embedder: Self.embedder, backend: sqliteBackend))
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            _ = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            let store = PostgresEmbeddingStore(session: session)
            try await embedAll(store)
            // The texts and hashes PostgreSQL's JSON gives back are SQLite's: nothing is stale on either side.
            #expect(try await store.entries(model: model).map(\.sourceHash) == sqliteHashes.map(Optional.some))
            let coverage = try await store.coverage(model: model)
            #expect(coverage.entries == 728 && coverage.covered == 728)

            let snapshot = try await PostgresVectorSnapshot.load(session: session, model: model, dimension: 64)
            let postgresBackend = try VectorIndexBackend(source: snapshot, changes: nil, model: model, dimension: 64)
            snapshot.releaseVectors()
            #expect(postgresBackend.index.count == sqliteBackend.index.count)
            let postgresService = SearchService(store: PostgresSearchStore(session: session),
                                                semantic: SemanticComponents(embedder: Self.embedder, backend: postgresBackend))
            var nonEmpty = 0
            var semanticNonEmpty = 0
            var translated = 0
            for request in Self.requests {
                let expected = try await sqliteService.search(request)
                let found = try await postgresService.search(request)
                let label = "\(request.mode) \"\(request.query)\" \(request.sort) \(request.filters.languages)"
                #expect(found.total == expected.total, "\(label): total")
                #expect(found.notes == expected.notes, "\(label): notes")
                #expect(found.facets == expected.facets, "\(label): facets")
                let foundKeys = found.results.map(Self.key), expectedKeys = expected.results.map(Self.key)
                if request.mode == .semantic {
                    #expect(Self.tieGroups(found) == Self.tieGroups(expected), "\(label): \(foundKeys) against \(expectedKeys)")
                    #expect(found.results.map(\.score) == expected.results.map(\.score), "\(label): scores")
                    #expect(found.results.map { $0.explanation?.features.map(\.value) } == expected.results.map { $0.explanation?.features.map(\.value) },
                            "\(label): explanations")
                } else {
                    // Lexical BM25 differs in the last digits, which may swap two neighbours: the same hits, scores close.
                    #expect(Set(foundKeys) == Set(expectedKeys), "\(label): \(foundKeys) against \(expectedKeys)")
                    let scoreOf = Dictionary(expected.results.map { (Self.key($0), $0.score) }, uniquingKeysWith: max)
                    #expect(found.results.allSatisfy { abs($0.score - (scoreOf[Self.key($0)] ?? -9)) < 0.01 }, "\(label): scores")
                }
                if !expected.results.isEmpty { nonEmpty += 1 }
                if request.mode == .semantic, !expected.results.isEmpty { semanticNonEmpty += 1 }
                if expected.notes.contains(where: { $0.contains("rank as translations") }) { translated += 1 }
            }
            #expect(nonEmpty >= Self.requests.count * 3 / 4)
            #expect(semanticNonEmpty >= 10, "semantic answers were compared, not empty pages")
            #expect(translated == 2, "the cross-language requests brought translations on both engines")
            // The released snapshot cannot feed a refresh: it says so instead of reading nothing.
            #expect(throws: PostgresVectorSnapshotError.vectorsReleased) {
                try snapshot.vectors(model: model, dimension: 64, entryIDs: ["x"])
            }
        }
    }

    /// Query language shifts (`LanguageShiftSample`, `query_language_shifts`): both engines sample the same translated
    /// pairs (the glossary has 64 per language, fewer than `perLanguage`, so every one), store and read back the same
    /// shifts, and cross-language search with them answers alike (to float rounding: each engine sums its pairs in
    /// its own order).
    @Test("Language shifts: the same pairs, the same stored shifts, and shifted search answers alike")
    func languageShiftsAlike() async throws {
        let (files, sqlite, _) = try embeddedGlossaryOnSQLite()
        let model = Self.embedder.modelName
        let sqliteStore = SQLiteLanguageShiftStore(database: sqlite)
        #expect(try sqliteStore.shifts(model: model, dimension: 64).isEmpty)
        let sqlitePairs = try sqliteStore.samplePairs()
        #expect(sqlitePairs.mapValues(\.count) == [.es: 64, .fr: 64, .de: 64, .zhCN: 64, .zhTW: 64])
        #expect(sqlitePairs[.de]?.contains(LanguageShiftSample.Pair(text: "Allmählich lauter werdend.", english: "Gradually getting louder.")) == true)
        try sqliteStore.replace(model: model, dimension: 64, shifts: try LanguageShiftSample.shifts(of: sqlitePairs, embedder: Self.embedder))
        let sqliteShifts = try sqliteStore.shifts(model: model, dimension: 64)
        #expect(sqliteShifts.shifts.count == 5)
        let small = try sqliteStore.samplePairs(limit: 3)
        #expect(small.count == 5 && small.values.allSatisfy { $0.count == 3 })
        #expect(try LanguageShiftSample.shifts(of: small, embedder: Self.embedder).isEmpty, "three pairs are too few for a shift")
        let sqliteBackend = try VectorIndexBackend(database: sqlite, model: model, dimension: 64, languageShifts: sqliteShifts)
        let sqliteService = SearchService(database: sqlite, semantic: SemanticComponents(embedder: Self.embedder, backend: sqliteBackend))

        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            _ = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            try await embedAll(PostgresEmbeddingStore(session: session))
            let store = PostgresLanguageShiftStore(session: session)
            let pairs = try await store.samplePairs()
            func sorted(_ pairs: [Language: [LanguageShiftSample.Pair]]) -> [Language: [String]] {
                pairs.mapValues { $0.map { $0.text + "|" + $0.english }.sorted() }
            }
            #expect(sorted(pairs) == sorted(sqlitePairs))
            try await store.replace(model: model, dimension: 64, shifts: try LanguageShiftSample.shifts(of: pairs, embedder: Self.embedder))
            let shifts = try await store.shifts(model: model, dimension: 64)
            #expect(Set(shifts.shifts.keys) == Set(sqliteShifts.shifts.keys))
            for (language, shift) in shifts.shifts {
                #expect(zip(shift, sqliteShifts.shifts[language]!).allSatisfy { abs($0 - $1) < 1e-6 }, "\(language)")
            }
            // A stored shift of the wrong size is named, not used.
            try await session.execute("UPDATE query_language_shifts SET dimension = 3, shift = '\\x000000000000000000000000' WHERE lang = 'fr'")
            await #expect(throws: QueryLanguageShiftError.self) { try await store.shifts(model: model, dimension: 64) }
            try await store.replace(model: model, dimension: 64, shifts: try LanguageShiftSample.shifts(of: pairs, embedder: Self.embedder))

            let snapshot = try await PostgresVectorSnapshot.load(session: session, model: model, dimension: 64)
            let backend = try VectorIndexBackend(source: snapshot, changes: nil, model: model, dimension: 64, languageShifts: shifts)
            let service = SearchService(store: PostgresSearchStore(session: session), semantic: SemanticComponents(embedder: Self.embedder, backend: backend))
            var compared = 0
            for query in ["allmählich lauter werdend", "sehr langsam", "kurz und abgestoßen", "gradually getting louder"] {
                for queryLanguage in [nil, Language.de] {
                    let request = SearchRequest(query: query, mode: .semantic, filters: SearchFilters(languages: [.en]), limit: 10, queryLanguage: queryLanguage)
                    let expected = try await sqliteService.search(request), found = try await service.search(request)
                    #expect(Set(found.results.map(Self.key)) == Set(expected.results.map(Self.key)), "\(query) \(String(describing: queryLanguage))")
                    #expect(zip(found.results.map(\.score), expected.results.map(\.score)).allSatisfy { abs($0 - $1) < 1e-3 })
                    if !expected.results.isEmpty { compared += 1 }
                }
            }
            #expect(compared >= 6)
        }
    }

    static func key(_ hit: SearchHit) -> String { "\(hit.entry.normalizedTerm)|\(hit.entry.lang.rawValue)" }

    /// The hits as runs of equal score, each run a set: entries that tie are ordered by their ids, which each
    /// engine's import draws anew (translations of one source share its score). The page's last run may be cut
    /// anywhere, so only its size counts.
    static func tieGroups(_ response: SearchResponse) -> [Set<String>] {
        var groups: [(score: Double, keys: Set<String>)] = []
        for hit in response.results {
            if let last = groups.last, last.score == hit.score {
                groups[groups.count - 1].keys.insert(key(hit))
            } else {
                groups.append((hit.score, [key(hit)]))
            }
        }
        guard let last = groups.popLast() else { return [] }
        return groups.map(\.keys) + [Set((0..<last.keys.count).map { "#\($0)" })]
    }

    /// The bundled glossary's files, imported into an in-memory SQLite dictionary and embedded (`embedAll`), with the
    /// source hashes in `seq` order.
    private func embeddedGlossaryOnSQLite() throws -> (files: [String], database: StoreDatabase, hashes: [String]) {
        let files = GlossaryImporter.defaultFiles(from: SearchStoreParityTests.packageRoot.path)
        let sqlite = try Service.dictionary.openInMemory()
        _ = try GlossaryImporter(repository: EntryRepository(database: sqlite)).importFiles(files)
        return (files, sqlite, try embedAll(sqlite))
    }

    /// Embeds every SQLite entry in `seq` order; returns the source hashes in that order.
    private func embedAll(_ database: StoreDatabase) throws -> [String] {
        let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT id, term, definition FROM dictionary_entries ORDER BY seq") }
        var hashes: [String] = []
        for row in rows {
            let texts = try EmbeddingText.chunks(term: row["term"], definitionJSON: row["definition"], entryID: row["id"])
            let hash = EmbeddingText.sourceHash(of: texts)
            let vectors = try Self.embedder.embed(texts)
            try database.write { db in
                try TermEmbeddingWriter().write(entryID: row["id"], model: Self.embedder.modelName, vectors: vectors, sourceHash: hash, in: db)
            }
            hashes.append(hash)
        }
        return hashes
    }

    /// Embeds every PostgreSQL entry in `seq` order, 100 entries per transaction.
    private func embedAll(_ store: PostgresEmbeddingStore) async throws {
        let entries = try await store.entries(model: Self.embedder.modelName)
        var start = 0
        while start < entries.count {
            let batch = try entries[start..<min(start + 100, entries.count)].map { entry in
                let texts = try EmbeddingText.chunks(term: entry.term, definitionJSON: entry.definition, entryID: entry.id)
                return (entryID: entry.id, sourceHash: EmbeddingText.sourceHash(of: texts), vectors: try Self.embedder.embed(texts))
            }
            try await store.replace(model: Self.embedder.modelName, dimension: 64, entries: batch)
            start += batch.count
        }
    }
}
