import DictTesting
import Foundation
import Testing

/// Runs the built `dict` binary for `import glossary`, `search` and `lookup`.
@Suite struct DictionaryCLITests {
    typealias Run = DictBinary.Run

    static var binary: URL? { DictBinary.url }

    /// No model: these tests cover the lexical paths and the "semantic unavailable" behaviour, whatever is installed.
    func run(_ arguments: [String], in directory: URL? = nil) throws -> Run {
        try DictBinary.run(arguments, in: directory, environment: ["DICT_MODEL_DIR": "/nonexistent/dict-test-model"])
    }

    static let glossary = """
        {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually getting louder."},"metadata":{"related_terms":["decrescendo"]},"quality_score":{"overall":90}}
        {"term":"decrescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually getting softer."},"quality_score":{"overall":85}}
        {"term":"crème","lang":"fr","type":"general","definition":{"concise":"Crème."},"quality_score":{"overall":50}}
        {"term":"渐强","lang":"zh-CN","type":"dynamics","definition":{"concise":"逐渐变强"},"metadata":{"translation_of":"crescendo"},"quality_score":{"overall":85}}
        """

    @Test func importSearchAndLookupThroughTheBinary() throws {
        #expect(Self.binary != nil, "dict binary not built next to the tests")
        let dir = try TemporaryDirectory()
        try dir.write(Data(Self.glossary.utf8), to: "data/glossary/test.jsonl")
        let common = ["--data-dir", dir.url.appendingPathComponent("db").path]

        // Default files come from ./data/glossary.
        let imported = try run(["import", "glossary", "--json"] + common, in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\"entries\":4"))

        // Without a model (an empty --model-dir) hybrid runs lexical only and says so; semantic fails clearly.
        let noModel = ["--model-dir", dir.url.appendingPathComponent("no-model").path]
        let search = try run(["search", "cresc", "--json"] + noModel + common)
        #expect(search.status == 0, "\(search.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.first?["term"] as? String == "crescendo")
        #expect(body["mode"] as? String == "hybrid" && (body["total"] as? Int ?? 0) >= 1)
        #expect(search.stderr.contains("semantic search unavailable"))

        let filtered = try run(["search", "creme", "--mode", "prefix", "--lang", "fr"] + common)
        #expect(filtered.status == 0 && filtered.stdout.contains("crème"))
        let chinese = try run(["search", "渐强", "--mode", "lexical", "--lang", "zh-cn"] + common)
        #expect(chinese.status == 0 && chinese.stdout.contains("渐强"))

        #expect(try run(["search", "nothing matches this", "--mode", "exact"] + common).status == 1)
        #expect(try run(["search", "x", "--mode", "banana"] + common).status == 2)
        #expect(try run(["search", "x", "--lang", "xx"] + common).status == 2)
        #expect(try run(["search", "x", "--limit", "0"] + common).status == 2)
        let semantic = try run(["search", "x", "--mode", "semantic"] + noModel + common)
        #expect(semantic.status == 3 && semantic.stderr.contains("bash models/install.sh"), "\(semantic.stderr)")

        let lookup = try run(["lookup", "CRESCENDO"] + common)
        #expect(lookup.status == 0 && lookup.stdout.contains("Gradually getting louder.") && lookup.stdout.contains("decrescendo"))
        let missing = try run(["lookup", "cresc"] + common)
        #expect(missing.status == 1 && missing.stdout.contains("Did you mean: crescendo"))

        let bad = try dir.write(Data("{\"term\":\"x\",\"lang\":\"xx\",\"type\":\"general\"}\n".utf8), to: "data/glossary/bad.jsonl")
        let failed = try run(["import", "glossary", bad] + common)
        #expect(failed.status == 3 && failed.stderr.contains("bad.jsonl:1"))
    }
}
