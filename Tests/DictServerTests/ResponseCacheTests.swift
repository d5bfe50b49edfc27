@testable import DictServer
import DictStore
import DictionaryCore
import DictionarySearch
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Response cache")
struct ResponseCacheTests {
    @Test func repeatedLookupIsReplayedAndStillRecorded() async throws {
        let harness = try TestHarness(seeded: true)
        let recorder = SearchAnalyticsRecorder(database: harness.database, flushInterval: 60)
        let dependencies = ServerDependencies(dictionaryDatabase: harness.database, analytics: recorder)
        let application = DictHTTPServer.buildApplication(configuration: harness.configuration, dependencies: dependencies)
        try await application.test(.router) { client in
            var bodies: [JSONValue] = []
            for expected in ["MISS", "HIT", "HIT"] {
                try await client.execute(uri: "/api/v1/terms/allegro", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[ResponseCache.header] == expected)
                    let body = try json(response)
                    #expect(body["data"]?["cache_hit"] == .bool(expected == "HIT"))
                    bodies.append(body)
                }
            }
            // The replayed entry and related terms are the ones the miss returned.
            #expect(bodies[0]["data"]?["entry"] == bodies[1]["data"]?["entry"])
            #expect(bodies[0]["data"]?["related_terms"] == bodies[2]["data"]?["related_terms"])
            #expect(bodies[1]["data"]?["related_terms"]?.arrayValue?.count == 1)
            // Not-found answers are never cached.
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/terms/nothing-like-this", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[ResponseCache.header] == nil)
                }
            }
        }
        recorder.shutdown()
        let rows = try harness.database.read { db in
            try Row.fetchAll(db, sql: "SELECT normalized_term, found FROM search_analytics ORDER BY normalized_term")
        }
        // Every lookup is an analytics row, hits included (the original skipped them).
        #expect(rows.map { $0["normalized_term"] as String } == ["allegro", "allegro", "allegro", "nothing-like-this", "nothing-like-this"])
        #expect(Set(try harness.database.read { db in try String.fetchAll(db, sql: "SELECT id FROM search_analytics") }).count == 5)
    }

    @Test func aWriteThroughTheServerEmptiesTheCache() async throws {
        let harness = try TestHarness(seeded: true)
        let piano = try harness.entry("piano")
        try await harness.withClient { client in
            for expected in ["MISS", "HIT"] {
                try await client.execute(uri: "/api/v1/terms/piano", method: .get) { response in
                    #expect(response.headers[ResponseCache.header] == expected)
                }
            }
            try await client.execute(
                uri: "/api/v1/terms/\(piano.id)/feedback", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"rating": 5}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/terms/piano", method: .get) { response in
                #expect(response.headers[ResponseCache.header] == "MISS")
            }
            // A rejected write (400) leaves the cache alone.
            try await client.execute(
                uri: "/api/v1/terms/\(piano.id)/feedback", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/terms/piano", method: .get) { response in
                #expect(response.headers[ResponseCache.header] == "HIT")
            }
        }
    }

    @Test func zeroSecondsTurnsTheCacheOff() async throws {
        var configuration = TestHarness.defaultConfiguration
        configuration.responseCacheSeconds = 0
        let harness = try TestHarness(seeded: true, configuration: configuration)
        try await harness.withClient { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/terms/allegro", method: .get) { response in
                    #expect(response.headers[ResponseCache.header] == nil)
                    let body = try json(response)
                    #expect(body["data"]?["cache_hit"] == false)
                }
            }
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration.resolve(environment: ["DICT_RESPONSE_CACHE_SECONDS": "-1"])
        }
        #expect(try ServerConfiguration.resolve(environment: ["DICT_RESPONSE_CACHE_SECONDS": "5"]).responseCacheSeconds == 5)
    }

    @Test func entriesExpireAndTheOldestGoFirst() throws {
        let cache = ResponseCache(seconds: 1, capacity: 2)
        cache.store(Response(status: .ok), event: nil, for: "a")
        cache.store(Response(status: .ok), event: nil, for: "b")
        cache.store(Response(status: .accepted), event: nil, for: "b")  // an update keeps one slot
        #expect(cache.count == 2)
        #expect(cache.entry(for: "b")?.response.status == .accepted)
        cache.store(Response(status: .ok), event: nil, for: "c")
        #expect(cache.entry(for: "a") == nil)
        #expect(cache.entry(for: "b") != nil && cache.entry(for: "c") != nil)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(cache.entry(for: "c") == nil)
        cache.removeAll()
        #expect(cache.count == 0)
    }
}
