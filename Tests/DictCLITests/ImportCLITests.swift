import DictTesting
import Foundation
import Testing

/// Runs the built `dict` binary for `import entries` and `import embeddings`: exit codes, error lines, `--json`.
@Suite struct ImportCLITests {
    let cli = DictionaryCLITests()

    @Test func badFilesExitThreeNameTheLineAndWriteNothing() throws {
        #expect(DictionaryCLITests.binary != nil, "dict binary not built next to the tests")
        let dir = try TemporaryDirectory()
        let common = ["--data-dir", dir.url.appendingPathComponent("db").path]
        let bad = dir.url.appendingPathComponent("bad.jsonl")
        try Data("""
            {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually louder."}}
            {"term":"decrescendo","lang":"en","type":"nope"}
            """.utf8).write(to: bad)

        let failed = try cli.run(["import", "entries", bad.path] + common)
        #expect(failed.status == 3)
        let lines = failed.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.contains("\(bad.path):2: type: expected one of") == true, "\(failed.stderr)")
        // Nothing was written: line 1's term is not in the dictionary.
        #expect(try cli.run(["lookup", "crescendo"] + common).status == 1)

        // With --skip-invalid the good line is imported and the bad one reported.
        let skipped = try cli.run(["import", "entries", bad.path, "--skip-invalid", "--json"] + common)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(skipped.stdout.utf8)) as? [String: Any])
        #expect(body["written"] as? Int == 1)
        #expect((body["skipped"] as? [[String: Any]])?.first?["line"] as? Int == 2)
        #expect(skipped.stderr.contains("\(bad.path):2: skipped:"))
        #expect(try cli.run(["lookup", "crescendo"] + common).status == 0)

        // Embeddings: a wrong-dimension line aborts with its line; a matrix without --ids is a usage error.
        let vectors = dir.url.appendingPathComponent("v.jsonl")
        try Data("{\"term\":\"crescendo\",\"lang\":\"en\",\"vector\":[1,2,3]}\n".utf8).write(to: vectors)
        let embedded = try cli.run(["import", "embeddings", vectors.path, "--model", "test-model", "--dimension", "4"] + common)
        #expect(embedded.status == 3 && embedded.stderr.contains("\(vectors.path):1: dimension mismatch: expected 4, found 3"), "\(embedded.stderr)")
        let good = dir.url.appendingPathComponent("good.jsonl")
        try Data("{\"term\":\"crescendo\",\"lang\":\"en\",\"vector\":[1,2,3,4]}\n".utf8).write(to: good)
        let stored = try cli.run(["import", "embeddings", good.path, "--model", "test-model", "--dimension", "4", "--json"] + common)
        #expect(stored.status == 0 && stored.stdout.contains("\"written\":1"), "\(stored.stderr)")
        #expect(try cli.run(["import", "embeddings", dir.url.appendingPathComponent("v.npy").path] + common).status == 2)
        #expect(try cli.run(["import", "entries", bad.path, "--on-existing", "merge"] + common).status == 2)
    }
}
