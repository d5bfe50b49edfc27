import DictServer
import DictStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Parameters an attacker or a confused client might send: every one gets a 200 with ordinary results or a 400
/// with a message, never a 500 and never SQL or FTS syntax errors leaking out.
@Suite("Hostile parameters")
struct HostileInputTests {
    static let harmlessQueries = [
        "%22allegro%22%20OR%20piano*",  // FTS5 syntax
        "NEAR(allegro%20piano)", "allegro%20AND%20NOT%20piano", "%5E%24%28%29%5B%5D%7B%7D", "-piano", "col%3Aterm",
        "'%3B%20DROP%20TABLE%20dictionary_entries%3B%20--",  // SQL metacharacters
        "%25", "_", "100%25%20legato", "%5C", "%F0%9F%8E%B9",  // LIKE wildcards, backslash, emoji
    ]

    @Test(arguments: harmlessQueries)
    func searchSyntaxIsTreatedAsText(query: String) async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            for mode in ["lexical", "prefix", "exact"] {
                try await client.execute(uri: "/api/v1/search?q=\(query)&mode=\(mode)", method: .get) { response in
                    #expect(response.status == .ok || response.status == .badRequest, "mode \(mode) gave \(response.status)")
                    if response.status == .ok {
                        let body = try json(response)
                        #expect(body["success"] == true)
                    }
                }
            }
            try await client.execute(uri: "/api/v1/terms/\(query)", method: .get) { response in
                #expect([.ok, .notFound, .badRequest].contains(response.status))
            }
            try await client.execute(uri: "/api/v1/search/suggestions?q=\(query)", method: .get) { response in
                #expect(response.status == .ok || response.status == .badRequest)
            }
        }
        // The table is still there.
        #expect(try harness.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") } == harness.entries.count)
    }

    @Test func percentAndUnderscoreAreLiteral() async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=100%25&mode=lexical", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(results.map { $0["term"] } == ["100% legato"])
            }
        }
    }

    @Test(arguments: [
        "/api/v1/search?q=\(String(repeating: "a", count: 10_240))",
        "/api/v1/search?q=a&limit=-1", "/api/v1/search?q=a&limit=0", "/api/v1/search?q=a&limit=101", "/api/v1/search?q=a&limit=ten",
        "/api/v1/search?q=a&offset=-3", "/api/v1/search?q=a&offset=10001",
        "/api/v1/search?q=a&lang=xx", "/api/v1/search?q=a&lang=%27%3B--", "/api/v1/search?q=a&languages=en,klingon",
        "/api/v1/search?q=a&type=notatype", "/api/v1/search?q=a&mode=fuzzy", "/api/v1/search?q=a&sort_by=random",
        "/api/v1/search?q=a&min_quality=101", "/api/v1/search?q=a&min_quality=NaN", "/api/v1/search?q=a&max_quality=-1",
        "/api/v1/search?q=a&min_quality=90&max_quality=10", "/api/v1/search?q=a&searchAllLanguages=maybe",
        "/api/v1/search?q=%ZZ", "/api/v1/search?q=%C3%28", "/api/v1/search?q=a%00b",
        "/api/v1/terms/allegro?lang=xx", "/api/v1/terms/\(String(repeating: "b", count: 201))", "/api/v1/terms/%ZZ",
        "/api/v1/terms/%20%20", "/api/v1/search/related?term=a&limit=-1",
    ])
    func badParametersAre400WithAMessage(uri: String) async throws {
        let harness = try TestHarness(seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: uri, method: .get) { response in
                let body = try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                // Messages never echo more than a short prefix of the input.
                #expect((body["error"]?.stringValue?.count ?? 0) < 300)
            }
        }
    }
}
