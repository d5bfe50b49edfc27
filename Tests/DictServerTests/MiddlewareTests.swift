import DictServer
import DictStore
import DictionaryCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Middleware: request ids, CORS, rate limits, body size")
struct MiddlewareTests {
    @Test func requestIDIsEchoedOrGenerated() async throws {
        let harness = try TestHarness()
        let requestID = HTTPField.Name("X-Request-ID")!
        let correlationID = HTTPField.Name("X-Correlation-ID")!
        try await harness.withClient { client in
            try await client.execute(uri: "/livez", method: .get, headers: [requestID: "abc-123.x:y_z"]) { response in
                #expect(response.headers[requestID] == "abc-123.x:y_z")
            }
            try await client.execute(uri: "/livez", method: .get, headers: [correlationID: "corr-9"]) { response in
                #expect(response.headers[requestID] == "corr-9")
            }
            try await client.execute(uri: "/livez", method: .get) { response in
                let generated = try #require(response.headers[requestID])
                #expect(UUID(uuidString: generated) != nil)
            }
            // Hostile ids (spaces, too long) are replaced, not echoed.
            for hostile in ["evil id", String(repeating: "a", count: 129), "<script>"] {
                try await client.execute(uri: "/livez", method: .get, headers: [requestID: hostile]) { response in
                    let id = try #require(response.headers[requestID])
                    #expect(id != hostile)
                    #expect(UUID(uuidString: id) != nil)
                }
            }
            // Error envelopes carry the same id.
            try await client.execute(uri: "/missing", method: .get, headers: [requestID: "err-1"]) { response in
                #expect(response.headers[requestID] == "err-1")
                let parsed = try json(response)
                #expect(parsed["request_id"] == "err-1")
            }
        }
    }

    @Test func corsAllowsOnlyConfiguredOrigins() async throws {
        var configuration = TestHarness.defaultConfiguration
        configuration.corsOrigins = ["https://app.example", "http://localhost:5173"]
        let harness = try TestHarness(configuration: configuration)
        try await harness.withClient { client in
            try await client.execute(uri: "/livez", method: .get, headers: [.origin: "https://app.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "https://app.example")
                #expect(response.headers[.accessControlAllowCredentials] == "true")
                #expect(response.headers[.accessControlExposeHeaders]?.contains("X-Request-ID") == true)
                #expect(response.headers[.vary] == "Origin")
            }
            // The original answered unknown origins with the first allowed one; we send nothing.
            try await client.execute(uri: "/livez", method: .get, headers: [.origin: "https://evil.example"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            let preflight: HTTPFields = [.origin: "http://localhost:5173", .accessControlRequestMethod: "POST"]
            try await client.execute(uri: "/api/v1/batch/query", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "http://localhost:5173")
                #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
                #expect(response.headers[.accessControlAllowHeaders]?.contains("Content-Type") == true)
            }
            let hostilePreflight: HTTPFields = [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]
            try await client.execute(uri: "/api/v1/batch/query", method: .options, headers: hostilePreflight) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                #expect(response.headers[.accessControlAllowMethods] == nil)
            }
        }
    }

    @Test func noCORSHeadersWithoutConfiguration() async throws {
        let harness = try TestHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/livez", method: .get, headers: [.origin: "https://app.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    @Test func rateLimitCountsEachRequestOnceAndSendsRetryAfter() async throws {
        var configuration = TestHarness.defaultConfiguration
        configuration.rateLimits = RateLimitPolicy(defaultLimit: .init(limit: 3, windowSeconds: 60), routeLimits: [:])
        configuration.trustForwardedHeaders = true
        let harness = try TestHarness(configuration: configuration)
        let forwarded = HTTPField.Name("X-Forwarded-For")!
        let remaining = HTTPField.Name("X-RateLimit-Remaining")!
        let limit = HTTPField.Name("X-RateLimit-Limit")!
        let reset = HTTPField.Name("X-RateLimit-Reset")!
        try await harness.withClient { client in
            for expectedRemaining in ["2", "1", "0"] {
                try await client.execute(uri: "/api/v1/unknown", method: .get, headers: [forwarded: "10.0.0.1"]) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[limit] == "3")
                    #expect(response.headers[remaining] == expectedRemaining)
                }
            }
            try await client.execute(uri: "/api/v1/unknown", method: .get, headers: [forwarded: "10.0.0.1"]) { response in
                let body = try expectErrorEnvelope(response, status: .tooManyRequests, code: "RATE_LIMITED")
                let retryAfter = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...60).contains(retryAfter))
                #expect(body["data"]?["retry_after"] == .number(Double(retryAfter)))
                #expect(response.headers[remaining] == "0")
                let resetText = try #require(response.headers[reset])
                #expect(resetText.hasSuffix("Z"))
                #expect(response.headers[HTTPField.Name("X-Request-ID")!] != nil)
            }
            // Another client has its own window; non-API routes are never limited.
            try await client.execute(uri: "/api/v1/unknown", method: .get, headers: [forwarded: "10.0.0.2"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[remaining] == "2")
            }
            try await client.execute(uri: "/livez", method: .get, headers: [forwarded: "10.0.0.1"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[limit] == nil)
            }
        }
    }

    @Test func forwardedHeadersAreIgnoredUnlessTrusted() async throws {
        var configuration = TestHarness.defaultConfiguration
        configuration.rateLimits = RateLimitPolicy(defaultLimit: .init(limit: 1, windowSeconds: 60), routeLimits: [:])
        let harness = try TestHarness(configuration: configuration)
        let forwarded = HTTPField.Name("X-Forwarded-For")!
        try await harness.withClient { client in
            _ = try await client.execute(uri: "/api/v1/unknown", method: .get, headers: [forwarded: "10.0.0.1"])
            // A client cannot escape its limit by inventing a new X-Forwarded-For.
            try await client.execute(uri: "/api/v1/unknown", method: .get, headers: [forwarded: "10.0.0.99"]) { response in
                #expect(response.status == .tooManyRequests)
            }
        }
    }

    @Test func oversizedBodyIsRefusedWith413() async throws {
        var configuration = TestHarness.defaultConfiguration
        configuration.maxRequestBodyBytes = 2048
        let harness = try TestHarness(configuration: configuration)
        try await harness.withClient { client in
            let body = ByteBuffer(string: String(repeating: "x", count: 4096))
            try await client.execute(
                uri: "/api/v1/batch/query", method: .post, headers: [.contentType: "application/json"], body: body
            ) { response in
                try expectErrorEnvelope(response, status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE")
            }
        }
    }
}
