import DictServer
import DictStore
import DictTesting
import DictionaryCore
import DictionarySearch
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Term routes")
struct TermRouteTests {
    @Test(arguments: DatabaseKind.allCases)
    func exactLookupReturnsEntryAndRelatedTerms(kind: DatabaseKind) async throws {
        let harness = try TestHarness(kind: kind, seeded: true)
        let allegretto = try harness.entry("allegretto")
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/terms/Allegro", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["success"] == true)
                let entry = body["data"]?["entry"]
                expectValidEntry(entry)
                #expect(entry?["term"] == "allegro")
                #expect(entry?["lang"] == "en")
                #expect(body["data"]?["cache_hit"] == false)
                let related = try #require(body["data"]?["related_terms"]?.arrayValue)
                #expect(related.count == 1)
                #expect(related.first?["entry"]?["id"] == .string(allegretto.id))
                #expect(related.first?["relationship_type"] == "see_also")
                expectValidEntry(related.first?["entry"])
            }
        }
    }

    @Test func languageAndSearchAllLanguages() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/terms/allegro?lang=es", method: .get) { response in
                let parsed = try json(response)
                #expect(parsed["data"]?["entry"]?["lang"] == "es")
            }
            // crème exists only in French: 404 in English, found with searchAllLanguages.
            try await client.execute(uri: "/api/v1/terms/cr%C3%A8me", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/terms/cr%C3%A8me?searchAllLanguages=true", method: .get) { response in
                #expect(response.status == .ok)
                let parsed = try json(response)
                #expect(parsed["data"]?["entry"]?["lang"] == "fr")
            }
            // zh-CN in any case reaches Chinese entries (the original lower-cased it and lost them).
            try await client.execute(uri: "/api/v1/terms/%E6%B8%90%E5%BC%BA?lang=zh-cn", method: .get) { response in
                #expect(response.status == .ok)
                let parsed = try json(response)
                #expect(parsed["data"]?["entry"]?["lang"] == "zh-CN")
            }
            // "false" really means false (the original treated any non-empty value as true).
            try await client.execute(uri: "/api/v1/terms/cr%C3%A8me?searchAllLanguages=false", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func notFoundCarriesSuggestions() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/terms/cresc", method: .get) { response in
                let body = try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
                #expect(body["error"] == "Term not found")
                #expect(body["data"]?["term"] == "cresc")
                #expect(body["data"]?["normalized_term"] == "cresc")
                let suggestions = try #require(body["data"]?["suggestions"]?.arrayValue)
                #expect(suggestions.contains("crescendo"))
                #expect(suggestions.allSatisfy { $0.stringValue != nil })
            }
        }
    }

    @Test func lookupIsRecordedInAnalytics() async throws {
        let harness = try TestHarness(seeded: true)
        let recorder = SearchAnalyticsRecorder(database: harness.database, flushInterval: 60)
        let dependencies = ServerDependencies(dictionaryDatabase: harness.database, analytics: recorder)
        let application = DictHTTPServer.buildApplication(configuration: harness.configuration, dependencies: dependencies)
        try await application.test(.router) { client in
            _ = try await client.execute(uri: "/api/v1/terms/allegro", method: .get)
            _ = try await client.execute(uri: "/api/v1/terms/nothing-like-this", method: .get)
        }
        recorder.shutdown()
        let rows = try harness.database.read { db in
            try Row.fetchAll(db, sql: "SELECT normalized_term, found, search_type FROM search_analytics ORDER BY normalized_term")
        }
        #expect(rows.map { $0["normalized_term"] as String } == ["allegro", "nothing-like-this"])
        #expect(rows.map { $0["found"] as Int } == [1, 0])
        #expect(rows.allSatisfy { $0["search_type"] as String == "exact" })
    }

    @Test func lookupByID() async throws {
        let harness = try TestHarness(seeded: true)
        let staccato = try harness.entry("staccato")
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/terms/id/\(staccato.id.uppercased())", method: .get) { response in
                #expect(response.status == .ok)
                let entry = try json(response)["data"]?["entry"]
                expectValidEntry(entry)
                #expect(entry?["id"] == .string(staccato.id))
            }
            try await client.execute(uri: "/api/v1/terms/id/\(UUID().uuidString)", method: .get) { response in
                let body = try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
                #expect(body["error"] == "Entry not found")
            }
            try await client.execute(uri: "/api/v1/terms/id/not-a-uuid'%20OR%201=1", method: .get) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
        }
    }

    @Test func languagesMapsEachLanguageThatHasTheTerm() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/terms/allegro/languages", method: .get) { response in
                #expect(response.status == .ok)
                let data = try json(response)["data"]
                #expect(data?["term"] == "allegro")
                #expect(data?["normalized_term"] == "allegro")
                guard case .object(let languages)? = data?["languages"] else {
                    Issue.record("languages is not an object")
                    return
                }
                #expect(Set(languages.keys) == ["en", "es"])
                for entry in languages.values { expectValidEntry(entry) }
            }
            try await client.execute(uri: "/api/v1/terms/allegro/languages?languages=es,fr", method: .get) { response in
                guard case .object(let languages)? = try json(response)["data"]?["languages"] else {
                    Issue.record("languages is not an object")
                    return
                }
                #expect(Set(languages.keys) == ["es"])
            }
            try await client.execute(uri: "/api/v1/terms/allegro/languages?languages=en,xx", method: .get) { response in
                let body = try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                #expect(body["error"]?.stringValue?.contains("xx") == true)
            }
        }
    }

    @Test func feedbackIsStoredAndValidated() async throws {
        let harness = try TestHarness(seeded: true)
        let piano = try harness.entry("piano")
        try await harness.withClient { client in
            let uri = "/api/v1/terms/\(piano.id)/feedback"
            let jsonHeaders: HTTPFields = [.contentType: "application/json"]
            try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: try jsonBody(["rating": 1, "feedback_text": "unclear", "feedback_type": "clarity"])) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["success"] == true)
                #expect(body["message"] == "Thank you for your feedback")
                #expect(body["data"]?["feedback_id"]?.stringValue.flatMap { UUID(uuidString: $0) } != nil)
            }
            let (feedbackCount, queued) = try harness.database.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM user_feedback WHERE entry_id = ?", arguments: [piano.id]) ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM enhancement_queue WHERE entry_id = ?", arguments: [piano.id]) ?? 0)
            }
            #expect(feedbackCount == 1)
            #expect(queued == 1)
            try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: try jsonBody(["rating": 9])) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
            try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: try jsonBody([:])) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
            try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: try jsonBody(["feedback_type": "spam", "rating": 3])) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
            try await client.execute(
                uri: "/api/v1/terms/\(UUID().uuidString)/feedback", method: .post, headers: jsonHeaders, body: try jsonBody(["helpful": true])
            ) { response in
                try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
            }
            try await client.execute(uri: uri, method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "rating=5")) { response in
                try expectErrorEnvelope(response, status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE")
            }
            try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: ByteBuffer(string: "{\"rating\": 5,")) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
        }
    }
}
