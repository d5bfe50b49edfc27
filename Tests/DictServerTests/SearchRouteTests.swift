import DictServer
import DictStore
import DictionaryCore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Search routes")
struct SearchRouteTests {
    let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    @Test func lexicalSearchPagesAndEchoesTheQuery() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=crescendo&limit=1&offset=0", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                let results = try #require(data["results"]?.arrayValue)
                #expect(results.count == 1)
                expectValidEntry(results.first)
                #expect(results.first?["term"] == "crescendo")
                #expect((data["total"]?.numberValue ?? 0) >= 2)  // crescendo and decrescendo
                #expect(data["query"]?["limit"] == 1)
                #expect(data["query"]?["offset"] == 0)
                #expect(data["mode"] == "lexical")
                #expect(data["hits"]?.arrayValue?.first?["id"] == results.first?["id"])
            }
            try await client.execute(uri: "/api/v1/search?q=crescendo&limit=1&offset=1", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(results.first?["term"] == "decrescendo")
            }
        }
    }

    @Test func flatFiltersTheOriginalDroppedAreApplied() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=&types=tempo&searchAllLanguages=true&limit=50", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(Set(results.compactMap { $0["term"]?.stringValue }) == ["allegro", "Allegro", "allegretto"])
            }
            try await client.execute(uri: "/api/v1/search?q=allegro&languages=es", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(results.map { $0["lang"] } == ["es"])
            }
            try await client.execute(uri: "/api/v1/search?q=&min_quality=91&max_quality=93&limit=50", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(Set(results.compactMap { $0["term"]?.stringValue }) == ["allegro", "piano", "pianoforte"])
            }
            try await client.execute(uri: "/api/v1/search?q=&filters%5Btypes%5D=instrument", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(results.map { $0["term"] } == ["pianoforte"])
            }
            try await client.execute(uri: "/api/v1/search?q=&sort_by=quality&limit=2", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(results.map { $0["term"] } == ["staccato", "piano"])
            }
        }
    }

    @Test(arguments: ["exact", "prefix", "lexical"])
    func everyLexicalModeRuns(mode: String) async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=piano&mode=\(mode)", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["mode"] == .string(mode))
                #expect(data["results"]?.arrayValue?.first?["term"] == "piano")
            }
        }
    }

    @Test func semanticAndHybridNeedAModel() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/v1/search/semantic", method: .post, headers: jsonHeaders, body: try jsonBody(["query": "something fast"])
            ) { response in
                try expectErrorEnvelope(response, status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE")
            }
            try await client.execute(uri: "/api/v1/search?q=fast&mode=semantic", method: .get) { response in
                try expectErrorEnvelope(response, status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE")
            }
        }
    }

    @Test func semanticSearchRanksByCosine() async throws {
        let harness = try TestHarness(seeded: true, semantic: true)
        try await harness.withClient { client in
            try await client.execute(
                uri: "/api/v1/search/semantic", method: .post, headers: jsonHeaders,
                body: try jsonBody(["query": "something quick", "limit": 5, "threshold": 0.5])
            ) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["query"] == "something quick")
                let results = try #require(data["results"]?.arrayValue)
                #expect(results.count == 1)
                #expect(results.first?["entry"]?["term"] == "allegro")
                #expect(results.first?["similarity"] == 1)
                expectValidEntry(results.first?["entry"])
                #expect(data["total"] == 1)
            }
            try await client.execute(uri: "/api/v1/search?q=loud&mode=hybrid&searchAllLanguages=true", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["mode"] == "hybrid")
                #expect(data["results"]?.arrayValue?.contains { $0["term"] == "crescendo" } == true)
            }
            for body: JSONValue in [["query": "ab"], ["query": "valid query", "limit": 0], ["query": "valid query", "threshold": 1.5],
                                    ["query": "valid query", "languages": ["xx"]], ["limit": 3]] {
                try await client.execute(uri: "/api/v1/search/semantic", method: .post, headers: jsonHeaders, body: try jsonBody(body)) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                }
            }
        }
    }

    @Test func suggestionsArePrefixMatchesOncePerTerm() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search/suggestions?q=alle", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["query"] == "alle")
                let suggestions = try #require(data["suggestions"]?.arrayValue)
                // allegro exists in en and es with the same type: suggested once.
                #expect(suggestions.compactMap { $0["term"]?.stringValue?.lowercased() } == ["allegro", "allegretto"])
                #expect(suggestions.first?["type"] == "tempo")
            }
            try await client.execute(uri: "/api/v1/search/suggestions?q=alle&limit=1", method: .get) { response in
                let parsed = try json(response)
                #expect(parsed["data"]?["suggestions"]?.arrayValue?.count == 1)
            }
            for uri in ["/api/v1/search/suggestions", "/api/v1/search/suggestions?q=", "/api/v1/search/suggestions?q=a&limit=21",
                        "/api/v1/search/suggestions?q=\(String(repeating: "a", count: 51))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                }
            }
        }
    }

    @Test func popularAnswersBothShapes() async throws {
        let harness = try TestHarness(seeded: true)
        try harness.database.write { db in
            for (term, count) in [("allegro", 3), ("piano", 1)] {
                for _ in 0..<count {
                    try db.execute(
                        sql: "INSERT INTO search_analytics (id, term, normalized_term, found, response_time_ms) VALUES (?, ?, ?, 1, 1)",
                        arguments: [UUID().uuidString.lowercased(), term, term])
                }
            }
        }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search/popular?limit=5&days=7", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["popular"] == ["allegro", "piano"])
                #expect(data["terms"] == ["allegro", "piano"])
                #expect(data["searches"]?.arrayValue?.first?["search_count"] == 3)
                #expect(data["searches"]?.arrayValue?.first?["found_count"] == 3)
                #expect(data["period_days"] == 7)
            }
            for uri in ["/api/v1/search/popular?limit=0", "/api/v1/search/popular?days=91", "/api/v1/search/popular?limit=-5"] {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                }
            }
        }
    }

    @Test func relatedAnswersStringsAndObjects() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search/related?term=allegro", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["related"] == ["allegretto"])
                #expect(data["terms"] == ["allegretto"])
                expectValidEntry(data["related_terms"]?.arrayValue?.first?["entry"])
            }
            try await client.execute(uri: "/api/v1/search/related?term=unknownword", method: .get) { response in
                try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
            }
            try await client.execute(uri: "/api/v1/search/related", method: .get) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
        }
    }
}

@Suite("Search routes: query language")
struct SearchQueryLanguageRouteTests {
    /// `query_lang` is the query's language while `lang` stays the results': echoed, validated, and with the
    /// harness's English-only embedder a German query gets the note saying meaning does not cross languages.
    @Test func queryLangIsEchoedValidatedAndNotedForAnEnglishModel() async throws {
        let harness = try TestHarness(seeded: true, semantic: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=loud&mode=hybrid&lang=en&query_lang=de", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["query"]?["query_lang"] == "de")
                #expect(data["query"]?["lang"] == "en")
                let notes = data["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(notes.contains { $0.contains("query language de") && $0.contains("multilingual-e5-small") }, "\(notes)")
                #expect(data["results"]?.arrayValue?.allSatisfy { $0["lang"] == "en" } == true)
            }
            try await client.execute(uri: "/api/v1/search?q=loud&mode=hybrid", method: .get) { response in
                let data = try #require(try json(response)["data"])
                #expect(data["query"]?["query_lang"] == nil)
                #expect(data["notes"]?.arrayValue?.contains { $0.stringValue?.contains("query language") == true } != true)
            }
            for bad in ["xx", ""] {
                try await client.execute(uri: "/api/v1/search?q=loud&query_lang=\(bad)", method: .get) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                }
            }
        }
    }

    /// POST /search/semantic takes the same `query_lang`: the English-only harness embedder notes it; a bad code is a 400.
    @Test func semanticBodyTakesQueryLang() async throws {
        let harness = try TestHarness(seeded: true, semantic: true)
        let headers: HTTPFields = [.contentType: "application/json"]
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search/semantic", method: .post, headers: headers,
                                     body: try jsonBody(["query": "something quick", "languages": ["en"], "query_lang": "fr"])) { response in
                #expect(response.status == .ok)
                let notes = try #require(try json(response)["data"]?["notes"]?.arrayValue).compactMap(\.stringValue)
                #expect(notes.contains { $0.contains("query language fr") }, "\(notes)")
            }
            try await client.execute(uri: "/api/v1/search/semantic", method: .post, headers: headers,
                                     body: try jsonBody(["query": "something quick", "query_lang": "xx"])) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
        }
    }
}
