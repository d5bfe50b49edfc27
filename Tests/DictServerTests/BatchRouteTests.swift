import DictServer
import DictStore
import DictionaryCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Batch route")
struct BatchRouteTests {
    let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    @Test func answersTheClientShapeAndTheOriginalShape() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            let body = try jsonBody(["terms": ["Allegro", "staccato", "nonexistent", "ALLEGRO"], "include_related": true])
            try await client.execute(uri: "/api/v1/batch/query", method: .post, headers: jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                let found = try #require(data["found"]?.arrayValue)
                #expect(Set(found.compactMap { $0["term"]?.stringValue }) == ["allegro", "staccato"])
                found.forEach { expectValidEntry($0) }
                #expect(data["not_found"] == ["nonexistent"])
                #expect(data["processing"] == [])
                #expect(data["results"]?["Allegro"]?["found"] == true)
                #expect(data["results"]?["Allegro"]?["related_terms"]?.arrayValue?.count == 1)
                #expect(data["results"]?["nonexistent"]?["found"] == false)
                #expect(data["results"]?["nonexistent"]?["message"] == "Term not found")
                // Duplicates after normalization count once.
                #expect(data["summary"]?["total_requested"] == 3)
                #expect(data["summary"]?["found"] == 2)
                #expect(data["summary"]?["not_found"] == 1)
            }
            try await client.execute(
                uri: "/api/v1/batch/query", method: .post, headers: jsonHeaders, body: try jsonBody(["terms": ["allegro"], "lang": "es"])
            ) { response in
                let found = try json(response)["data"]?["found"]?.arrayValue
                #expect(found?.first?["lang"] == "es")
            }
        }
    }

    @Test func rejectsBadBatches() async throws {
        let harness = try TestHarness(seeded: true)
        let tooMany = JSONValue.array((0..<51).map { .string("term\($0)") })
        let bodies: [JSONValue] = [
            ["terms": []], ["terms": tooMany], ["terms": [""]], ["terms": [.string(String(repeating: "x", count: 201))]],
            ["terms": ["a"], "lang": "klingon"], ["terms": "allegro"], ["terms": [1, 2]], ["lang": "en"],
        ]
        try await harness.withClient { client in
            for body in bodies {
                try await client.execute(uri: "/api/v1/batch/query", method: .post, headers: jsonHeaders, body: try jsonBody(body)) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                }
            }
            try await client.execute(uri: "/api/v1/batch/query", method: .post, headers: jsonHeaders) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
            try await client.execute(uri: "/api/v1/batch/query", method: .post, headers: jsonHeaders, body: ByteBuffer(string: "not json")) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
            }
            try await client.execute(
                uri: "/api/v1/batch/query", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "terms=allegro")
            ) { response in
                try expectErrorEnvelope(response, status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE")
            }
        }
    }
}
