import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionarySearch


@Suite struct AnalyticsTests {
    @Test(arguments: DatabaseKind.allCases)
    func everyModeWritesOneRowWithItsCounts(kind: DatabaseKind) async throws {
        let fixture = try FixtureDictionary(kind: kind)
        let (components, _) = try fixture.semanticComponents()
        let recorder = SearchAnalyticsRecorder(database: fixture.database)
        defer { recorder.shutdown() }
        var configuration = SearchConfiguration()
        configuration.minSimilarity = 0.2
        let service = SearchService(database: fixture.database, semantic: components, analytics: recorder, configuration: configuration)
        var expected: [SearchMode: (Int, String?)] = [:]
        for mode in SearchMode.allCases {
            let response = try await service.search(SearchRequest(
                query: "Crescendo", mode: mode, filters: SearchFilters(languages: [.en, .es]), source: .cli, userID: "u1", sessionID: "s1"))
            expected[mode] = (response.total, response.results.first?.entry.id)
        }
        _ = try await service.search(SearchRequest(query: "zzzz nothing", mode: .lexical))
        recorder.flush()
        let rows = try fixture.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM search_analytics") }
        #expect(rows.count == SearchMode.allCases.count + 1)
        for row in rows where (row["term"] as String) == "Crescendo" {
            let mode = try #require(SearchMode(rawValue: row["search_type"]))
            #expect(row["result_count"] as Int == expected[mode]!.0)
            #expect(row["entry_id"] as String? == expected[mode]!.1)
            #expect(row["found"] as Int == 1)
            #expect(row["normalized_term"] as String == "crescendo")
            #expect(row["search_source"] as String == "cli")
            #expect(row["search_lang"] as String? == "en,es")
            #expect(row["user_id"] as String? == "u1" && row["user_session_id"] as String? == "s1")
            #expect((row["searched_at"] as String).hasSuffix("Z"))
        }
        let zero = try #require(rows.first { ($0["term"] as String) == "zzzz nothing" })
        #expect(zero["found"] as Int == 0 && zero["result_count"] as Int == 0)

        // Exact lookups bump the popularity counter of the entry they found.
        let crescendo = try #require(expected[.exact]!.1)
        let frequency = try fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT search_frequency FROM dictionary_entries WHERE id = ?", arguments: [crescendo]) }
        let original = try #require(fixture.entries.first { $0.id == crescendo })
        _ = original
        let reports = SearchAnalyticsReports(database: fixture.database)
        #expect(try reports.zeroResultSearches(days: 1).map(\.term) == ["zzzz nothing"])
        #expect(try reports.popularSearches(days: 7).first?.term == "crescendo")
        #expect(try reports.popularSearches(days: 7).first?.searchCount == SearchMode.allCases.count)
        #expect(try reports.dailyTrends(days: 1).map(\.total) == [SearchMode.allCases.count + 1])
        #expect(Set(try reports.latencyPercentiles(days: 1).map(\.mode)) == Set(SearchMode.allCases))
        #expect(frequency != nil)
    }

    @Test(arguments: DatabaseKind.allCases)
    func exactLookupsBumpSearchFrequency(kind: DatabaseKind) async throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let entry = try EntryRepository(database: database).create(EntryDraft(term: "fermata", type: .notation))
        let recorder = SearchAnalyticsRecorder(database: database)
        let service = SearchService(database: database, analytics: recorder)
        for _ in 0..<3 { _ = try await service.search(SearchRequest(query: "Fermata", mode: .exact)) }
        _ = try await service.search(SearchRequest(query: "fermata", mode: .lexical))
        recorder.shutdown()
        let row = try #require(try database.read { db in try Row.fetchOne(db, sql: "SELECT search_frequency, last_accessed FROM dictionary_entries WHERE id = ?", arguments: [entry.id]) })
        #expect(row["search_frequency"] as Int == 3)
        #expect((row["last_accessed"] as String?)?.hasSuffix("Z") == true)
    }

    /// 10,000 events from four concurrent producers while the writer flushes in the background, plus real
    /// searches feeding the same recorder: every event is written, none dropped.
    @Test(arguments: DatabaseKind.allCases)
    func aBurstOfTenThousandSearchesLosesNothing(kind: DatabaseKind) async throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        try EntryRepository(database: database).insertAll((0..<50).map { EntryDraft(term: "term \($0)", type: .general) })
        let recorder = SearchAnalyticsRecorder(database: database, capacity: 20_000, batchSize: 500, flushInterval: 0.05)
        let service = SearchService(database: database, analytics: recorder)
        let searches = 200
        let burst = 10_000
        DispatchQueue.concurrentPerform(iterations: 4) { producer in
            for index in 0..<(burst / 4) {
                let term = "burst \(producer) \(index)"
                recorder.record(SearchEvent(term: term, normalizedTerm: term, searchType: .lexical, resultCount: index % 3, entryID: nil, responseTimeMs: 0.5, source: .api))
            }
        }
        for index in 0..<searches {
            _ = try await service.search(SearchRequest(query: "term \(index % 60)", mode: .prefix, limit: 1))
        }
        recorder.shutdown()
        let count = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_analytics") }
        #expect(count == burst + searches)
        #expect(recorder.droppedCount == 0 && recorder.failedCount == 0 && recorder.writtenCount == burst + searches)
        let found = try database.read { db in try Int.fetchOne(db, sql: "SELECT sum(found) FROM search_analytics WHERE search_type = 'prefix'") }
        let expectedFound = (0..<searches).filter { index in (0..<50).contains { "term \($0)".hasPrefix("term \(index % 60)") } }.count
        #expect(found == expectedFound)
        let burstFound = try database.read { db in try Int.fetchOne(db, sql: "SELECT sum(found) FROM search_analytics WHERE search_type = 'lexical'") }
        #expect(burstFound == 4 * (0..<(burst / 4)).filter { $0 % 3 > 0 }.count)
    }

    @Test func aFullBufferDropsAndCountsInsteadOfBlocking() throws {
        let database = try DatabaseKind.memory.open(.dictionary).database
        let recorder = SearchAnalyticsRecorder(database: database, capacity: 10, batchSize: 1_000, flushInterval: 60)
        var accepted = 0
        for index in 0..<25 {
            if recorder.record(SearchEvent(term: "t\(index)", normalizedTerm: "t\(index)", searchType: .prefix, resultCount: 0, entryID: nil, responseTimeMs: 1, source: .api)) {
                accepted += 1
            }
        }
        #expect(accepted == 10)
        #expect(recorder.droppedCount == 15)
        recorder.shutdown()
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_analytics") } == 10)
        #expect(recorder.record(SearchEvent(term: "late", normalizedTerm: "late", searchType: .exact, resultCount: 0, entryID: nil, responseTimeMs: 1, source: .api)) == false)
    }

    @Test func reportPeriodsAreApplied() throws {
        let database = try DatabaseKind.memory.open(.dictionary).database
        let recorder = SearchAnalyticsRecorder(database: database)
        let old = Timestamp.format(Date().addingTimeInterval(-10 * 86_400))
        for (term, at) in [("old", old), ("new", Timestamp.now()), ("new", Timestamp.now())] {
            recorder.record(SearchEvent(term: term, normalizedTerm: term, searchType: .exact, resultCount: 0, entryID: nil, responseTimeMs: 2, source: .api, searchedAt: at))
        }
        recorder.shutdown()
        let reports = SearchAnalyticsReports(database: database)
        #expect(try reports.popularSearches(days: 7).map(\.term) == ["new"])
        #expect(try reports.popularSearches(days: 30).map(\.term) == ["new", "old"])
        #expect(throws: SearchError.invalidPeriod(expected: 1...3650, found: 0)) { try reports.popularSearches(days: 0) }
    }
}
