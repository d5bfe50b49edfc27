import DictTesting
import Foundation
import Testing

/// Issue 14, items 8, 9 and 12 through a running `dict serve`: one version string, the same result objects as the
/// CLI, and an access-log line per request in plain text or JSON.
@Suite(.serialized) struct ServeCLITests {
    @Test func versionIsTheSameEverywhere() async throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let version = try CLIFixture.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty)
        let server = try ServeProcess(common)
        defer { server.stop() }
        let health = try CLIFixture.object(String(decoding: try await server.get("/health").body, as: UTF8.self))
        #expect(health["version"] as? String == version)
        let openAPI = try CLIFixture.object(String(decoding: try await server.get("/docs/openapi.json").body, as: UTF8.self))
        #expect((openAPI["info"] as? [String: Any])?["version"] as? String == version)
    }

    @Test func cliAndHTTPResultItemsHaveTheSameShape() async throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let cli = try CLIFixture.object(try CLIFixture.run(["search", "gradually", "--mode", "lexical", "--lang", "en", "--json"] + common).stdout)
        let server = try ServeProcess(common)
        defer { server.stop() }
        let (status, data) = try await server.get("/api/v1/search?q=gradually&mode=lexical&lang=en")
        #expect(status == 200)
        let http = try #require(try CLIFixture.object(String(decoding: data, as: UTF8.self))["data"] as? [String: Any])
        let cliItems = try #require(cli["results"] as? [[String: Any]])
        let httpItems = try #require(http["results"] as? [[String: Any]])
        #expect(cliItems.count == httpItems.count && !cliItems.isEmpty)
        for (mine, theirs) in zip(cliItems, httpItems) {
            #expect(Set(mine.keys) == Set(theirs.keys), "\(mine.keys.sorted()) vs \(theirs.keys.sorted())")
            for key in ["id", "term", "lang", "type", "definition", "quality_score", "score", "tier"] {
                #expect((mine[key] as? NSObject) == (theirs[key] as? NSObject), "\(key)")
            }
        }
        // The legacy parallel list stays for older clients.
        let hits = try #require(http["hits"] as? [[String: Any]])
        #expect(hits.map { $0["id"] as? String } == httpItems.map { $0["id"] as? String })
    }

    @Test(arguments: ["plain", "json"])
    func everyRequestLogsOneAccessLine(format: String) async throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let server = try ServeProcess(common + ["--log-format", format])
        _ = try await server.get("/readyz")
        _ = try await server.get("/api/v1/terms/crescendo")
        _ = try await server.get("/api/v1/nowhere")
        server.stop()
        let lines = server.stderr.split(separator: "\n").filter { $0.contains("GET ") && $0.contains(" ms") }
        #expect(lines.count == 3, "\(server.stderr)")
        for line in lines where format == "json" {
            let object = try CLIFixture.object(String(line))
            #expect(object["method"] as? String == "GET")
            #expect(object["status"] is NSNumber && object["duration_ms"] is NSNumber)
            #expect((object["request_id"] as? String)?.isEmpty == false)
            #expect(object["path"] is String)
        }
        let text = lines.joined(separator: "\n")
        #expect(text.contains("/readyz") && text.contains("200"))
        #expect(text.contains("/api/v1/terms/{term}"), "the route template, not the user's term")
        #expect(!text.contains("crescendo"))
        #expect(text.contains("NotFound") && text.contains("404"))
        #expect(format == "json" || lines.allSatisfy { $0.contains("request_id=") })
    }
}
