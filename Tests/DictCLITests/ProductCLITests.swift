import DictTesting
import Foundation
import Testing

/// The product surface through the built binary: embed, semantic search, eval, analytics, export, doctor.
@Suite struct ProductCLITests {
    func run(_ arguments: [String], in directory: URL? = nil) throws -> DictBinary.Run {
        try DictBinary.run(arguments, in: directory, environment: ["DICT_MODEL_DIR": DictBinary.modelDirectory.path])
    }

    @Test("embed → semantic search → eval → analytics → export → doctor", .enabled(if: DictBinary.modelInstalled, "needs bash models/install.sh"))
    func productFlow() throws {
        let dir = try TemporaryDirectory()
        let glossary = dir.url.appendingPathComponent("g.jsonl")
        try Data(DictionaryCLITests.glossary.utf8).write(to: glossary)
        let common = ["--data-dir", dir.url.appendingPathComponent("db").path]
        #expect(try run(["migrate"] + common).status == 0)
        #expect(try run(["import", "glossary", glossary.path] + common).status == 0)

        // Doctor fails while vectors are missing, and says what to run.
        let before = try run(["doctor"] + common)
        #expect(before.status == 3 && before.stdout.contains("run: dict embed"), "\(before.stdout)")

        let embed = try run(["embed", "--json"] + common)
        #expect(embed.status == 0, "\(embed.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(embed.stdout.utf8)) as? [String: Any])
        #expect(report["entries_embedded"] as? Int == 4)
        #expect(try run(["embed", "--json"] + common).stdout.contains("\"entries_embedded\":0"))

        let semantic = try run(["search", "softer and softer", "--mode", "semantic", "--json", "--lang", "en"] + common)
        #expect(semantic.status == 0, "\(semantic.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(semantic.stdout.utf8)) as? [String: Any])
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.first?["term"] as? String == "decrescendo")

        let queries = dir.url.appendingPathComponent("q.jsonl")
        try Data(#"{"query": "getting softer", "expected": ["decrescendo"]}"#.utf8).write(to: queries)
        let eval = try run(["eval", queries.path, "--modes", "lexical", "hybrid", "--json"] + common)
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("\"mode\":\"hybrid\"") && eval.stdout.contains("\"acc_at_10\":1"))

        let popular = try run(["analytics", "popular", "--json"] + common)
        #expect(popular.status == 0 && popular.stdout.contains("softer and softer"), "\(popular.stdout)")
        let tokens = try run(["analytics", "tokens"] + common)
        #expect(tokens.status == 0 && tokens.stdout.contains("embedding"))
        #expect(try run(["analytics", "popular", "--days", "0"] + common).status != 0)

        let exported = dir.url.appendingPathComponent("out.db")
        #expect(try run(["export", "--format", "sqlite", "--output", exported.path] + common).status == 0)
        #expect(FileManager.default.fileExists(atPath: exported.path))
        #expect(try run(["export", "--format", "xml"] + common).status == 2)

        let after = try run(["doctor", "--json"] + common)
        #expect(after.status == 0, "\(after.stdout)")
        #expect(!after.stdout.contains("\"ok\":false"))
        #expect(try run(["doctor", "--data-dir", dir.url.appendingPathComponent("missing").path]).status == 3)
    }
}
