import DictServer
import DictStore
import DictionaryCore
import DictionaryImport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14, items 14 and 15 over HTTP, on the bundled glossary: `highlight=true` and `facets=lang,type` on
/// `GET /api/v1/search`.
@Suite("Search highlight and facets")
struct SearchHighlightFacetRouteTests {
    /// A harness holding the bundled glossary (`data/glossary/*.jsonl`).
    static func glossaryHarness() throws -> TestHarness {
        let harness = try TestHarness()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let report = try GlossaryImporter(repository: EntryRepository(database: harness.database))
            .importFiles(GlossaryImporter.defaultFiles(from: packageRoot))
        #expect(report.stored > 700)
        return harness
    }

    @Test func highlightMarksTheQueryInTermAndDefinitionOnlyWhenAsked() async throws {
        let harness = try Self.glossaryHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=cresc&searchAllLanguages=true&highlight=true&limit=20", method: .get) { response in
                #expect(response.status == .ok)
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                let first = try #require(results.first)
                expectValidEntry(first)
                #expect(first["term"] == "crescendo")
                #expect(first["highlight"]?["term"] == "<mark>cresc</mark>endo")
                // Every item carries both fields; the term is the entry's term with marks.
                for item in results {
                    let term = try #require(item["highlight"]?["term"]?.stringValue)
                    #expect(item["highlight"]?["definition"]?.stringValue != nil)
                    #expect(term.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
                        == item["term"]?.stringValue)
                }
            }
            try await client.execute(uri: "/api/v1/search?q=gradually%20louder&highlight=true", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                let crescendo = try #require(results.first { $0["term"] == "crescendo" })
                #expect(crescendo["highlight"]?["definition"] == "<mark>Gradually</mark> getting <mark>louder</mark>.")
            }
            // Not asked: no `highlight` key (the web client's entries stay as they were).
            try await client.execute(uri: "/api/v1/search?q=cresc", method: .get) { response in
                let results = try #require(try json(response)["data"]?["results"]?.arrayValue)
                #expect(!results.isEmpty && results.allSatisfy { $0["highlight"] == nil })
                #expect(try json(response)["data"]?["facets"] == nil)
            }
        }
    }

    /// Counts of `lang` and `type` over `results`.
    static func counts(_ results: [JSONValue]) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = ["lang": [:], "type": [:]]
        for item in results {
            counts["lang"]![item["lang"]?.stringValue ?? "?", default: 0] += 1
            counts["type"]![item["type"]?.stringValue ?? "?", default: 0] += 1
        }
        return counts
    }

    /// The `facets` object as plain dictionaries.
    static func facets(_ data: JSONValue?) throws -> [String: [String: Int]] {
        func members(_ value: JSONValue?) -> [String: JSONValue]? {
            if case .object(let members)? = value { return members }
            return nil
        }
        let object = try #require(members(data?["facets"]))
        return object.mapValues { value in (members(value) ?? [:]).mapValues { Int($0.numberValue ?? -1) } }
    }

    @Test(arguments: [
        "q=crescendo&searchAllLanguages=true",
        "q=forte&searchAllLanguages=true",
        "q=piano&searchAllLanguages=true",
        "q=cresendo&searchAllLanguages=true",
        "q=tempo&searchAllLanguages=true&mode=hybrid",
        "q=allegro&searchAllLanguages=true&sort_by=alphabetical",
        "q=&languages=de,fr&types=tempo,dynamics",
    ])
    func facetsCountTheWholeResultSetNotThePage(parameters: String) async throws {
        let harness = try Self.glossaryHarness()
        try await harness.withClient { client in
            // The full result set, independently: one page as large as the API allows.
            var expected: [String: [String: Int]] = [:]
            var total = 0
            try await client.execute(uri: "/api/v1/search?\(parameters)&limit=100", method: .get) { response in
                let data = try #require(try json(response)["data"])
                let results = try #require(data["results"]?.arrayValue)
                total = Int(data["total"]?.numberValue ?? -1)
                #expect(results.count == total && total > 2 && total < 100, "pick a query with 3…99 matches: \(total)")
                expected = Self.counts(results)
                #expect(expected["lang"]!.count >= 2, "pick a query matching several languages")
            }
            try await client.execute(uri: "/api/v1/search?\(parameters)&limit=2&facets=lang,type", method: .get) { response in
                #expect(response.status == .ok)
                let data = try #require(try json(response)["data"])
                #expect(data["results"]?.arrayValue?.count == 2)
                let facets = try Self.facets(data)
                #expect(facets == expected, "\(parameters)")
                #expect(facets["lang"]?.values.reduce(0, +) == total)
            }
            try await client.execute(uri: "/api/v1/search?\(parameters)&limit=2&facets=type", method: .get) { response in
                let facets = try Self.facets(try json(response)["data"])
                #expect(facets == ["type": expected["type"]!])
            }
        }
    }

    @Test(arguments: ["semantic", "hybrid"])
    func semanticAndHybridFacetsCountEveryRankedHit(mode: String) async throws {
        let harness = try TestHarness(seeded: true, semantic: true)
        try await harness.withClient { client in
            let parameters = "q=played%20softly&mode=\(mode)&searchAllLanguages=true&min_score=0"
            var expected: [String: [String: Int]] = [:]
            try await client.execute(uri: "/api/v1/search?\(parameters)&limit=100", method: .get) { response in
                let data = try #require(try json(response)["data"])
                let results = try #require(data["results"]?.arrayValue)
                #expect(results.count == Int(data["total"]?.numberValue ?? -1) && results.count > 2, "\(results.count)")
                expected = Self.counts(results)
            }
            try await client.execute(uri: "/api/v1/search?\(parameters)&limit=1&facets=lang,type", method: .get) { response in
                let data = try #require(try json(response)["data"])
                #expect(data["mode"] == .string(mode))
                #expect(try Self.facets(data) == expected)
            }
        }
    }

    @Test func unknownFacetsAndModesWithoutAResultSetAre400() async throws {
        let harness = try Self.glossaryHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/search?q=forte&facets=lang,colour", method: .get) { response in
                try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                let message = try #require(try json(response)["error"]?.stringValue)
                #expect(message.contains("'facets'") && message.contains("lang, type") && message.contains("colour"), "\(message)")
            }
            for mode in ["exact", "prefix"] {
                try await client.execute(uri: "/api/v1/search?q=forte&mode=\(mode)&facets=lang", method: .get) { response in
                    try expectErrorEnvelope(response, status: .badRequest, code: "VALIDATION_ERROR")
                    #expect(try json(response)["error"]?.stringValue?.contains("lexical, hybrid and semantic") == true)
                }
            }
        }
    }
}
