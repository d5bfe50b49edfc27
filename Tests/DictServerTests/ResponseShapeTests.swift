import DictServer
import DictStore
import DictionaryCore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14, items 3, 8 and 12 in-process: sorted keys and unescaped slashes, search items that are entries with
/// their scores (plus the legacy `hits`), and the "run `dict embed`" note.
@Suite("Response shapes")
struct ResponseShapeTests {
    /// The keys of the JSON object that starts at `text`'s first "{", in the order they are written (top level only).
    static func topLevelKeys(_ text: String) -> [String] {
        var keys: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        var expectingKey = false
        for character in text {
            if inString {
                if escaped { escaped = false; current.append(character); continue }
                if character == "\\" { escaped = true; current.append(character); continue }
                if character == "\"" {
                    inString = false
                    if expectingKey && depth == 1 { keys.append(current) }
                    expectingKey = false
                    continue
                }
                current.append(character)
                continue
            }
            switch character {
            case "\"": inString = true; current = ""
            case "{", "[": depth += 1; expectingKey = character == "{" && depth == 1
            case "}", "]": depth -= 1
            case ",": expectingKey = depth == 1
            default: break
            }
        }
        return keys
    }

    @Test func jsonBodiesHaveSortedKeysAndUnescapedSlashes() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            for uri in ["/api/v1/search?q=a/b&mode=lexical", "/health", "/api/v1/terms/allegro", "/api/v1/nowhere/at/all"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let body = text(response)
                    let keys = Self.topLevelKeys(body)
                    #expect(keys.count >= 2 && keys == keys.sorted(), "\(uri): \(keys)")
                    #expect(!body.contains("\\/"), "\(uri): escaped slash in \(body.prefix(200))")
                }
            }
            try await client.execute(uri: "/api/v1/search?q=a/b&mode=lexical", method: .get) { response in
                #expect(text(response).contains(#""q":"a/b""#))
                // Nested objects are sorted too: the query echo would start with "q" in declaration order.
                #expect(text(response).contains(#""query":{"lang":"en","languages":["en"],"limit":20,"mode":"lexical""#), "\(text(response))")
            }
        }
    }

    @Test func searchItemsAreEntriesWithTheirScoresAndHitsStayAsLegacy() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=allegro&mode=lexical&searchAllLanguages=true", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                let results = try #require(data["results"]?.arrayValue)
                let hits = try #require(data["hits"]?.arrayValue)
                #expect(results.count >= 2 && results.count == hits.count)
                for (item, hit) in zip(results, hits) {
                    expectValidEntry(item)
                    #expect(item["id"] == hit["id"])
                    #expect(item["score"] != nil && item["score"] == hit["score"])
                    #expect(item["tier"] == hit["tier"])
                }
            }
        }
    }

    @Test func semanticSearchOverEntriesWithoutVectorsSaysToRunEmbed() async throws {
        // The keyword backend answers, but no vector is stored in term_embeddings: `dict embed` never ran.
        let harness = try TestHarness(seeded: true, semantic: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=something%20quick&mode=hybrid", method: .get) { response in
                #expect(response.status == .ok)
                let notes = try #require(try json(response)["data"]?["notes"]?.arrayValue)
                #expect(notes.contains { $0.stringValue?.contains("run `dict embed`") == true }, "\(notes)")
            }
            try await client.execute(
                uri: "/api/v1/search/semantic", method: .post, headers: [.contentType: "application/json"],
                body: try jsonBody(["query": "something quick", "limit": 5])
            ) { response in
                #expect(response.status == .ok)
                let notes = try #require(try json(response)["data"]?["notes"]?.arrayValue)
                #expect(notes.contains { $0.stringValue?.contains("run `dict embed`") == true })
            }
        }
        // With a vector stored the note goes away.
        try harness.database.write { db in
            try db.execute(
                sql: "INSERT INTO term_embeddings (entry_id, model, dimension, embedding) VALUES (?, 'keyword-test', 3, ?)",
                arguments: [harness.entries[0].id, Data(count: 12)])
        }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=something%20quick&mode=hybrid", method: .get) { response in
                let notes = try json(response)["data"]?["notes"]?.arrayValue ?? []
                #expect(!notes.contains { $0.stringValue?.contains("dict embed") == true }, "\(notes)")
            }
        }
    }
}
