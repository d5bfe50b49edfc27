import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionaryImport
@testable import DictionarySearch

/// One test body, two engines, for what `dict serve` stores and reports besides search: the same search events
/// written through `SQLiteSearchEventWriter` and `PostgresSearchEventWriter` give the same analytics reports, overview
/// and entry counters; feedback is validated, stored and queued alike; the statistics agree. The bundled glossary is
/// imported into SQLite (in memory) and into a throwaway PostgreSQL database.
@Suite("Analytics, feedback and statistics on SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct ServerStoreParityTests {
    /// The glossary on each engine: the SQLite database, and a session plus the location of the PostgreSQL one.
    static func withGlossaryOnBothEngines(_ body: (StoreDatabase, PostgresSession, PostgresLocation) async throws -> Void) async throws {
        let files = GlossaryImporter.defaultFiles(from: SearchStoreParityTests.packageRoot.path)
        let sqlite = try Service.dictionary.openInMemory()
        _ = try GlossaryImporter(repository: EntryRepository(database: sqlite)).importFiles(files)
        try await PostgresTestDatabase.with { database in
            _ = try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                _ = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
                try await body(sqlite, session, database.location)
            }
        }
    }

    /// Entry ids by "normalized_term|lang" (each engine draws its own ids).
    static func sqliteIDs(_ database: StoreDatabase) throws -> [String: String] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, normalized_term, lang FROM dictionary_entries").map {
                ("\($0["normalized_term"] as String)|\($0["lang"] as String)", $0["id"] as String)
            })
        }
    }

    static func postgresIDs(_ session: PostgresSession) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for row in try await session.execute("SELECT id, normalized_term, lang FROM dictionary_entries") {
            let (id, term, lang) = try row.decode((String, String, String).self)
            ids["\(term)|\(lang)"] = id
        }
        return ids
    }

    /// `count` seeded events over the last `days` days: glossary terms and misses in every mode, exact hits bumping
    /// their entry (`ids` maps "term|lang" keys to this engine's ids). The same seed gives the same events.
    static func events(count: Int, seed: UInt64, ids: [String: String], now: Date) -> [SearchEvent] {
        var random = SeededGenerator(seed: seed)
        let keys = ids.keys.sorted()
        return (0..<count).map { i in
            let miss = Int.random(in: 0..<5, using: &random) == 0
            let key = keys[Int.random(in: 0..<keys.count, using: &random)]
            let term = miss ? "zz\(Int.random(in: 0..<20, using: &random))" : String(key.split(separator: "|")[0])
            let mode = SearchMode.allCases[Int.random(in: 0..<SearchMode.allCases.count, using: &random)]
            let at = Timestamp.format(now.addingTimeInterval(-Double(Int.random(in: 0..<(5 * 86_400), using: &random))))
            let entry = miss ? nil : ids[key]
            var event = SearchEvent(
                term: term, normalizedTerm: term, searchType: mode, resultCount: miss ? 0 : Int.random(in: 1...30, using: &random),
                entryID: entry, responseTimeMs: Double(Int.random(in: 1...4000, using: &random)) / 10, source: .api,
                searchLanguages: i % 3 == 0 ? "en" : nil, resultLanguage: miss ? nil : String(key.split(separator: "|")[1]),
                bumpedEntryID: mode == .exact ? entry : nil, searchedAt: at)
            event.id = "event-\(seed)-\(i)"
            return event
        }
    }

    /// The overview without what each engine assigns itself (ids, creation and update times).
    static func comparable(_ overview: DictionaryOverview) -> String {
        let references = { (list: [DictionaryOverview.EntryReference]) in list.map { "\($0.term)|\($0.lang)|\($0.type)|\($0.qualityScore)" } }
        return "\(overview.totalTerms) \(overview.averageQualityScore) \(overview.qualityDistribution.sorted { $0.key < $1.key }) "
            + "\(overview.typeDistribution.sorted { $0.key < $1.key }) \(overview.languageDistribution.sorted { $0.key < $1.key }) "
            + "\(references(overview.lowQualityTerms)) \(overview.searchStatistics.totalSearches) \(overview.searchStatistics.uniqueTerms) "
            + "\(overview.searchStatistics.successRate)"
    }

    @Test("The same events through either writer give the same reports, overview and entry counters")
    func analyticsAgree() async throws {
        try await Self.withGlossaryOnBothEngines { sqlite, session, location in
            let now = Date()
            let sqliteIDs = try Self.sqliteIDs(sqlite), postgresIDs = try await Self.postgresIDs(session)
            #expect(Set(sqliteIDs.keys) == Set(postgresIDs.keys))
            let connection = try PostgresBlockingConnection(to: location, schema: "dictionary")
            defer { connection.close() }
            let postgresWriter = PostgresSearchEventWriter(connection: connection)
            // 1,500 events: more than one statement's worth, so PostgreSQL writes the batch in one transaction of two.
            for (count, seed) in [(1500, UInt64(7)), (40, UInt64(8))] {
                try SQLiteSearchEventWriter(database: sqlite).write(Self.events(count: count, seed: seed, ids: sqliteIDs, now: now))
                try postgresWriter.write(Self.events(count: count, seed: seed, ids: postgresIDs, now: now))
            }
            let onSQLite = SearchAnalyticsReports(database: sqlite), onPostgres = PostgresSearchAnalyticsReports(session: session)
            for days in [1, 3, 30] {
                let popular = try onSQLite.popularSearches(days: days, limit: 50)
                #expect(try await onPostgres.popularSearches(days: days, limit: 50) == popular, "days \(days)")
                #expect(popular.count == 50)
                let gaps = try onSQLite.zeroResultSearches(days: days, limit: 10)
                #expect(try await onPostgres.zeroResultSearches(days: days, limit: 10) == gaps, "days \(days)")
                #expect(!gaps.isEmpty)
                // Averages are float sums taken in each engine's order: equal to 1e-9.
                let trends = try onSQLite.dailyTrends(days: days), postgresTrends = try await onPostgres.dailyTrends(days: days)
                #expect(postgresTrends.map { "\($0.date) \($0.total) \($0.found)" } == trends.map { "\($0.date) \($0.total) \($0.found)" })
                #expect(zip(postgresTrends, trends).allSatisfy { abs($0.averageResponseMs - $1.averageResponseMs) < 1e-9 }, "days \(days)")
                #expect(trends.count == min(days, 5) || trends.count == min(days, 5) + 1)
                let latency = try onSQLite.latencyPercentiles(days: days)
                #expect(try await onPostgres.latencyPercentiles(days: days) == latency, "days \(days)")
                #expect(latency.count == SearchMode.allCases.count)
                let cutoff = Timestamp.format(now.addingTimeInterval(-Double(days) * 86_400))
                let overview = try onSQLite.overview(periodDays: days, cutoff: cutoff)
                #expect(Self.comparable(try await onPostgres.overview(periodDays: days, cutoff: cutoff)) == Self.comparable(overview))
                #expect(overview.searchStatistics.totalSearches > 0)
            }
            // Exact hits bumped their entries by their count, to their last search's time, on both engines.
            let sqliteCounters = try sqlite.read { db in
                try Row.fetchAll(db, sql: "SELECT normalized_term, lang, search_frequency, last_accessed FROM dictionary_entries WHERE search_frequency > 0")
                    .map { "\($0["normalized_term"] as String)|\($0["lang"] as String) \($0["search_frequency"] as Int) \($0["last_accessed"] as String)" }
            }
            let postgresCounters = try await session.execute(
                "SELECT normalized_term, lang, search_frequency, last_accessed FROM dictionary_entries WHERE search_frequency > 0").map { row in
                let (term, lang, frequency, accessed) = try row.decode((String, String, Int, String).self)
                return "\(term)|\(lang) \(frequency) \(accessed)"
            }
            #expect(Set(postgresCounters) == Set(sqliteCounters))
            #expect(sqliteCounters.count > 50)
        }
    }

    @Test("A batch with a bad event is written by neither engine, however long")
    func failedBatchesWriteNothing() async throws {
        try await Self.withGlossaryOnBothEngines { sqlite, session, location in
            let connection = try PostgresBlockingConnection(to: location, schema: "dictionary")
            defer { connection.close() }
            /// The seeded events with the last one repeating the first one's primary key.
            func badBatch(_ count: Int, ids: [String: String]) -> [SearchEvent] {
                var batch = Self.events(count: count, seed: UInt64(count), ids: ids, now: Date())
                batch[count - 1].id = batch[0].id
                return batch
            }
            for count in [10, 2500] {
                let postgresBatch = badBatch(count, ids: try await Self.postgresIDs(session))
                #expect(throws: PostgresFailure.self) { try PostgresSearchEventWriter(connection: connection).write(postgresBatch) }
                let sqliteBatch = badBatch(count, ids: try Self.sqliteIDs(sqlite))
                #expect(throws: (any Error).self) { try SQLiteSearchEventWriter(database: sqlite).write(sqliteBatch) }
                #expect(try await session.execute("SELECT count(*) FROM search_analytics").first?.decode(Int.self) == 0)
                #expect(try await session.execute("SELECT count(*) FROM dictionary_entries WHERE search_frequency > 0").first?.decode(Int.self) == 0)
                #expect(try sqlite.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_analytics") } == 0)
            }
            // The connection is still usable after the failures.
            try PostgresSearchEventWriter(connection: connection).write(Self.events(count: 3, seed: 1, ids: try await Self.postgresIDs(session), now: Date()))
            #expect(try await session.execute("SELECT count(*) FROM search_analytics").first?.decode(Int.self) == 3)
        }
    }

    @Test("Feedback is validated, stored and queued for enhancement alike")
    func feedbackAgrees() async throws {
        try await Self.withGlossaryOnBothEngines { sqlite, session, _ in
            let sqliteIDs = try Self.sqliteIDs(sqlite), postgresIDs = try await Self.postgresIDs(session)
            let key = try #require(sqliteIDs.keys.sorted().first { $0.hasSuffix("|en") })
            let engines: [(FeedbackService, String)] = [
                (FeedbackService(database: sqlite), sqliteIDs[key]!), (FeedbackService(store: PostgresFeedbackStore(session: session)), postgresIDs[key]!),
            ]
            for (service, entry) in engines {
                await #expect(throws: FeedbackService.FeedbackError.invalidRating(expected: 1...5, found: 0)) { try await service.submit(.init(entryID: entry, rating: 0)) }
                await #expect(throws: FeedbackService.FeedbackError.empty) { try await service.submit(.init(entryID: entry, text: " \n ")) }
                await #expect(throws: FeedbackService.FeedbackError.entryNotFound(id: "missing")) { try await service.submit(.init(entryID: "missing", rating: 1)) }
                try await service.submit(.init(entryID: entry, rating: 4, helpful: true, text: "  clear ", type: .clarity))
                try await service.submit(.init(entryID: entry, userID: "u", rating: 2, helpful: false))
                try await service.submit(.init(entryID: entry, rating: 1, text: "wrong"))
            }
            func line(_ user: String?, _ rating: Int?, _ helpful: Int?, _ text: String?, _ type: String?) -> String {
                [user, rating.map(String.init), helpful.map(String.init), text, type].map { $0 ?? "NULL" }.joined(separator: "|")
            }
            let columns = "SELECT user_id, rating, helpful, feedback_text, feedback_type FROM user_feedback ORDER BY rating"
            let sqliteRows = try sqlite.read { db in
                try Row.fetchAll(db, sql: columns).map { line($0[0], $0[1], $0[2], $0[3], $0[4]) }
            }
            let postgresRows = try await session.execute(columns).map { row in
                let (user, rating, helpful, text, type) = try row.decode((String?, Int?, Int?, String?, String?).self)
                return line(user, rating, helpful, text, type)
            }
            #expect(postgresRows == sqliteRows)
            #expect(sqliteRows == ["NULL|1|NULL|wrong|NULL", "u|2|0|NULL|NULL", "NULL|4|1|clear|clarity"])
            let queued = try await session.execute("SELECT entry_id, priority, reason, status FROM enhancement_queue").map { try $0.decode((String, Int, String, String).self) }
            #expect(queued.count == 1)
            #expect(queued.first.map { "\($0.0) \($0.1) \($0.2) \($0.3)" } == "\(postgresIDs[key]!) 8 user_feedback pending")
            #expect(try sqlite.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM enhancement_queue") } == 1)
        }
    }

    @Test("Entry and vector counts agree")
    func statisticsAgree() async throws {
        try await Self.withGlossaryOnBothEngines { sqlite, session, _ in
            let onSQLite: any DictionaryStatisticsReading = DictionaryStatistics(database: sqlite)
            let onPostgres: any DictionaryStatisticsReading = PostgresDictionaryStatistics(session: session)
            #expect(try await onPostgres.hasEntries())
            #expect(try await onSQLite.hasEntries())
            let (entries, embeddings) = try await onPostgres.totals()
            let expected = try await onSQLite.totals()
            #expect(entries == expected.entries && embeddings == expected.embeddings && entries == 728)
            let languages = try await onSQLite.entriesPerLanguage(), models = try await onSQLite.embeddingsPerModel()
            #expect(try await onPostgres.entriesPerLanguage() == languages && languages.count == 6)
            #expect(try await onPostgres.embeddingsPerModel() == models)
            try await session.execute("DELETE FROM dictionary_entries")
            #expect(try await onPostgres.hasEntries() == false)
        }
    }
}
