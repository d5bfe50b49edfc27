@testable import DictServer
import DictStore
import DictTesting
import DictionaryCore
import DictionarySearch
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Analytics and export routes")
struct ReportRouteTests {
    @Test func analyticsSummaryCountsEntriesAndSearches() async throws {
        let harness = try TestHarness(seeded: true)
        try harness.database.write { db in
            for (term, found) in [("allegro", 1), ("allegro", 1), ("zzz", 0)] {
                try db.execute(
                    sql: "INSERT INTO search_analytics (id, term, normalized_term, found, result_count, response_time_ms) VALUES (?, ?, ?, ?, ?, 2)",
                    arguments: [UUID().uuidString.lowercased(), term, term, found, found])
            }
        }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/analytics/summary", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["total_terms"] == .number(Double(harness.entries.count)))
                #expect(data["type_distribution"]?["tempo"] == 3)
                #expect(data["language_distribution"]?["es"] == 1)
                #expect(data["quality_distribution"]?["excellent"] == 5)  // 92, 90, 95, 93, 91
                #expect(data["low_quality_terms"]?.arrayValue?.isEmpty == true)  // lowest score is 50
                #expect(data["search_statistics"]?["total_searches"] == 3)
                #expect(data["search_statistics"]?["unique_terms"] == 2)
                #expect(data["popular_searches"]?.arrayValue?.first?["term"] == "allegro")
                #expect(data["zero_result_searches"]?.arrayValue?.first?["term"] == "zzz")
                #expect(data["recent_additions"]?.arrayValue?.count == 10)
            }
            try await client.execute(uri: "/api/v1/analytics/summary?days=0", method: .get) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
        }
    }

    /// The recorder holds searches in memory for its flush interval; the summary writes them first.
    @Test func summaryIncludesSearchesStillBuffered() async throws {
        let harness = try TestHarness(seeded: true)
        let recorder = SearchAnalyticsRecorder(database: harness.database, flushInterval: 600)
        let dependencies = ServerDependencies(dictionaryDatabase: harness.database, analytics: recorder)
        let application = DictHTTPServer.buildApplication(configuration: harness.configuration, dependencies: dependencies)
        try await application.test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=qqxyzzyq&mode=lexical", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/analytics/summary", method: .get) { response in
                let data = try #require(try json(response)["data"])
                #expect(data["search_statistics"]?["total_searches"] == 1)
                #expect(data["zero_result_searches"]?.arrayValue?.first?["term"] == "qqxyzzyq")
            }
        }
        recorder.shutdown()
    }

    @Test func exportStreamsJSONAndCSVAndRecordsHistory() async throws {
        let harness = try TestHarness(kind: .file, seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/export?types=tempo", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                let body = try json(response)
                #expect(body["count"] == 3)
                let entries = try #require(body["data"]?.arrayValue)
                #expect(entries.count == 3)
                entries.forEach { expectValidEntry($0) }
                #expect(entries.first?["term"] == "allegro")  // best score first
            }
            try await client.execute(uri: "/api/v1/export?format=csv&languages=en&limit=2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                let lines = text(response).split(whereSeparator: \.isNewline)
                #expect(lines.count == 3)
                #expect(lines.first?.hasPrefix("term,lang,type,concise") == true)
            }
            for uri in ["/api/v1/export?format=xml", "/api/v1/export?limit=0", "/api/v1/export?limit=10001", "/api/v1/export?types=nope",
                        "/api/v1/export?min_quality=-1"] {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                }
            }
        }
        let history = try harness.database.read { db in try String.fetchAll(db, sql: "SELECT format FROM export_history ORDER BY format") }
        #expect(history == ["csv", "json"])
    }
}
