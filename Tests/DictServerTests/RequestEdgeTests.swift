import DictServer
import DictStore
import DictionaryCore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The request edge found by the hostile-client audit: non-canonical paths, methods, text sizes and JSON shapes.
@Suite("Request edge")
struct RequestEdgeTests {
    let jsonHeaders: HTTPFields = [.contentType: "application/json"]
    static let remaining = HTTPField.Name("X-RateLimit-Remaining")!

    /// The router serves `//api/v1/batch/query` and `/api/v1/batch/query/` as the batch route; the limiter used to
    /// look at the raw path, so those spellings were never counted (40 of 40 allowed at a limit of 30).
    @Test func everySpellingOfARouteCountsAgainstItsLimit() async throws {
        var configuration = TestHarness.defaultConfiguration
        configuration.rateLimits = RateLimitPolicy(
            defaultLimit: .init(limit: 100), routeLimits: ["POST /api/v1/batch/query": .init(limit: 3)])
        let harness = try TestHarness(seeded: true, configuration: configuration)
        try await harness.withClient { client in
            let spellings = ["//api/v1/batch/query", "/api//v1/batch/query", "/api/v1/batch/query/", "/api/v1/batch/query"]
            var statuses: [HTTPResponse.Status] = []
            for uri in spellings {
                let response = try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: try jsonBody(["terms": ["allegro"]]))
                statuses.append(response.status)
            }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests])
            // An unmatched spelling under /api still counts, against the default bucket.
            try await client.execute(uri: "//api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[Self.remaining] == "99")
            }
        }
    }

    @Test func wrongMethodIs405WithAllowAndHeadAnswersGetRoutes() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=allegro", method: .delete) { response in
                let body = try expectErrorEnvelope(response, status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED")
                #expect(response.headers[.allow] == "GET, HEAD")
                #expect(body["data"]?["allowed"] == ["GET", "HEAD"])
            }
            try await client.execute(uri: "/api/v1/batch/query", method: .get) { response in
                try expectErrorEnvelope(response, status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED")
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "//livez/", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/api/v1/terms/allegro", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/v1/terms/allegro", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
            }
            // Unknown paths stay 404.
            try await client.execute(uri: "/api/v1/nowhere", method: .delete) { response in
                try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
            }
        }
    }

    @Test(arguments: ["/api/v1/search?q=allegro&lang=", "/api/v1/terms/allegro?lang=", "/api/v1/search/suggestions?q=al&lang=%20"])
    func emptyLanguageIs400(uri: String) async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: uri, method: .get) { response in
                let body = try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                #expect(body["error"]?.stringValue?.contains("empty") == true)
            }
        }
    }

    /// One letter and 8,000 combining marks is one character but 16 kB; it used to be accepted and stored.
    @Test func textInputsAreCappedInBytesAsWellAsCharacters() async throws {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 8_000)
        #expect(zalgo.count == 1)
        let escaped = try #require(zalgo.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            for uri in ["/api/v1/search?q=\(escaped)", "/api/v1/search/suggestions?q=\(escaped)", "/api/v1/search/related?term=\(escaped)",
                        "/api/v1/terms/\(escaped)"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let body = try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                    #expect(body["error"]?.stringValue?.contains("UTF-8 bytes") == true, "\(uri.prefix(40))")
                }
            }
            let bodies: [(String, JSONValue)] = [
                ("/api/v1/batch/query", ["terms": ["allegro", .string(zalgo)]]),
                ("/api/v1/search/semantic", ["query": .string("abc" + String(repeating: "\u{0301}", count: 1_000))]),
                ("/api/v1/terms/\(try harness.entry("allegro").id)/feedback", ["rating": 4, "feedback_text": .string("a" + String(repeating: "\u{0301}", count: 2_500))]),
            ]
            for (uri, value) in bodies {
                try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: try jsonBody(value)) { response in
                    let body = try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                    #expect(body["error"]?.stringValue?.contains("UTF-8 bytes") == true, "\(uri): \(body["error"]?.stringValue ?? "")")
                }
            }
            // Ordinary multi-byte text within the caps is fine: 200 CJK characters are 600 bytes.
            let cjk = try #require(String(repeating: "渐", count: 200).addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            try await client.execute(uri: "/api/v1/search?q=\(cjk)", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        let stored = try harness.database.read { db in try Int.fetchOne(db, sql: "SELECT coalesce(max(length(CAST(term AS BLOB))), 0) FROM search_analytics") }
        #expect((stored ?? 0) <= 800)
    }

    @Test(arguments: [
        #"{"terms":["allegro"],"terms":["piano"]}"#,
        #"{"terms":["allegro"],"lang":"en","l\u0061ng":"es"}"#,
        #"{"terms":["alle\u0000gro"]}"#,
        #"{"terms":["allegro"],"lang":"e\u0000n"}"#,
    ])
    func duplicateKeysAndNULAreRejectedInEveryBody(body: String) async throws {
        let harness = try TestHarness(seeded: true, semantic: true)
        let feedback = "/api/v1/terms/\(try harness.entry("allegro").id)/feedback"
        let semanticBody = body.replacingOccurrences(of: #""terms":["#, with: #""query":"allegro fast","x":["#)
        let feedbackBody = body.replacingOccurrences(of: #""terms":["#, with: #""rating":4,"feedback_text":"ok","x":["#)
        try await harness.withClient { client in
            for (uri, text) in [("/api/v1/batch/query", body), ("/api/v1/search/semantic", semanticBody), (feedback, feedbackBody)] {
                try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: ByteBuffer(string: text)) { response in
                    let envelope = try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                    let message = envelope["error"]?.stringValue ?? ""
                    #expect(message.contains("more than once") || message.contains("NUL"), "\(uri): \(message)")
                }
            }
        }
    }

    @Test func openAPIDeclaresExportMediaTypesEmptyQueryRulesAndByteCaps() async throws {
        let harness = try TestHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/docs/openapi.json", method: .get) { response in
                let document = try json(response)
                let export = document["paths"]?["/api/v1/export"]?["get"]?["responses"]?["200"]?["content"]
                #expect(export?["text/csv; charset=utf-8"] != nil)
                #expect(export?["application/vnd.sqlite3"] != nil)
                #expect(export?["application/json"] != nil)
                let parameters = document["paths"]?["/api/v1/search"]?["get"]?["parameters"]?.arrayValue ?? []
                let q = try #require(parameters.first { $0["name"] == "q" })
                let description = q["description"]?.stringValue ?? ""
                #expect(description.contains("lexical and hybrid") && description.contains("exact, prefix and semantic"))
                #expect(q["schema"]?["x-maxUtf8Bytes"] == 800)
                let batch = document["paths"]?["/api/v1/batch/query"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
                #expect(batch?["properties"]?["terms"]?["items"]?["x-maxUtf8Bytes"] == 800)
            }
        }
    }
}
