import DictTesting
import Foundation
import Testing

/// Runs the built `dict` binary for `embed-text --model multilingual-e5-small`.
@Suite struct EmbedTextE5CLITests {
    /// `<package root>/models/multilingual-e5-small/e5-small-q4.bin`.
    static var modelFile: URL { DictBinary.packageRoot.appendingPathComponent("models/multilingual-e5-small/e5-small-q4.bin") }
    static var modelInstalled: Bool { FileManager.default.fileExists(atPath: modelFile.path) }

    @Test func unknownModelIsUsageErrorAndMissingModelNamesInstallCommand() throws {
        #expect(try DictBinary.run(["embed-text", "--model", "gpt-9", "hello"], in: DictBinary.packageRoot).status == 2)
        let missing = try DictBinary.run(["embed-text", "--model", "multilingual-e5-small", "hello", "--model-dir", "/nonexistent/e5"],
                                         in: DictBinary.packageRoot)
        #expect(missing.status == 3, "\(missing.stderr)")
        #expect(missing.stderr.contains("bash models/install.sh multilingual-e5-small"), "\(missing.stderr)")
    }

    /// Lines keep id, text and role; token counts and vectors match the reference engine's (two short cases of
    /// Tests/DictEmbeddingTests/Fixtures/e5_cases.jsonl, as a debug build encodes slowly).
    @Test(.enabled(if: EmbedTextE5CLITests.modelInstalled, "multilingual-e5-small not installed: run `bash models/install.sh multilingual-e5-small`"))
    func writesIdTextRoleTokenCountAndEmbeddingMatchingReference() throws {
        let fixtures = DictBinary.packageRoot.appendingPathComponent("Tests/DictEmbeddingTests/Fixtures/e5_cases.jsonl")
        let references = try Data(contentsOf: fixtures).split(separator: UInt8(ascii: "\n"))
            .map { try #require(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
            .filter { ["e5-059", "e5-010"].contains($0["id"] as? String) }
        #expect(references.count == 2)
        let directory = try TemporaryDirectory()
        let input = directory.url.appendingPathComponent("in.jsonl"), output = directory.url.appendingPathComponent("out.jsonl")
        var lines = try references.map { reference in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": reference["id"]!, "text": reference["text"]!,
                                                                        "is_query": reference["is_query"]!]), as: UTF8.self)
        }
        lines.append(#"{"text": "a", "id": 7}"#)  // no is_query: --role (query by default)
        lines.append(#"{"text": "a", "is_query": false}"#)  // no id: null
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)

        let result = try DictBinary.run(["embed-text", "--model", "multilingual-e5-small", "--input", input.path, "--output", output.path],
                                        in: DictBinary.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try Data(contentsOf: output).split(separator: UInt8(ascii: "\n"))
            .map { try #require(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
        #expect(objects.count == 4)
        for object in objects {
            #expect(Set(object.keys) == ["id", "text", "is_query", "token_count", "embedding"])
        }
        for (object, reference) in zip(objects, references) {
            #expect(object["id"] as? String == reference["id"] as? String)
            #expect(object["is_query"] as? Bool == reference["is_query"] as? Bool)
            #expect(object["token_count"] as? Int == reference["token_count"] as? Int)
            let vector = try #require(object["embedding"] as? [Double]), expected = try #require(reference["embedding"] as? [Double])
            let cosine = zip(vector, expected).reduce(0) { $0 + $1.0 * $1.1 }
                / (vector.reduce(0) { $0 + $1 * $1 }.squareRoot() * expected.reduce(0) { $0 + $1 * $1 }.squareRoot())
            #expect(cosine >= 0.99, "\(reference["id"]!): cosine \(cosine)")
        }
        #expect(objects[2]["id"] as? Int == 7 && objects[2]["is_query"] as? Bool == true)
        #expect(objects[3]["id"] is NSNull && objects[3]["is_query"] as? Bool == false)
        // "a" as a query is the reference's case e5-059: 6 tokens.
        #expect(objects[2]["token_count"] as? Int == 6)
    }
}
