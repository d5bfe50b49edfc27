import DictTesting
import Foundation
import Testing

/// Runs the built `dict` binary for `embed-text`.
@Suite struct EmbedTextCLITests {
    static var packageRoot: URL { DictBinary.packageRoot }
    static var modelInstalled: Bool { DictBinary.modelInstalled }

    /// Runs from the package root, so the model is found at ./models.
    func run(_ arguments: [String]) throws -> DictBinary.Run {
        try DictBinary.run(arguments, in: DictBinary.packageRoot)
    }

    @Test func malformedLineExitsThreeNamingTheLine() throws {
        let directory = try TemporaryDirectory()
        let input = directory.url.appendingPathComponent("in.jsonl")
        try Data("{\"text\": \"fine\"}\n{\"txt\": \"no text key\"}\n".utf8).write(to: input)
        let result = try run(["embed-text", "--input", input.path, "--output", directory.url.appendingPathComponent("out.jsonl").path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("in.jsonl:2"), "\(result.stderr)")

        // Invalid UTF-8 on line 3 is a data error too, never a crash.
        try (Data("{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"".utf8) + Data([0xFF, 0xFE]) + Data("\"}\n".utf8)).write(to: input)
        let invalid = try run(["embed-text", "--input", input.path, "--output", directory.url.appendingPathComponent("out.jsonl").path])
        #expect(invalid.status == 3)
        #expect(invalid.stderr.contains("in.jsonl:3"), "\(invalid.stderr)")
    }

    @Test func missingModelExitsThreeNamingInstallCommand() throws {
        let directory = try TemporaryDirectory()
        let input = directory.url.appendingPathComponent("in.jsonl")
        try Data("{\"text\": \"fine\"}\n".utf8).write(to: input)
        let result = try run(["embed-text", "--input", input.path, "--output", directory.url.appendingPathComponent("out.jsonl").path,
                              "--model-dir", directory.url.appendingPathComponent("no-model").path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("bash models/install.sh"), "\(result.stderr)")
    }

    @Test(.enabled(if: EmbedTextCLITests.modelInstalled, "model not installed: run `bash models/install.sh`"))
    func writesTextIdsAndEmbeddingPerLineInOrder() throws {
        let directory = try TemporaryDirectory()
        let input = directory.url.appendingPathComponent("in.jsonl"), output = directory.url.appendingPathComponent("out.jsonl")
        // Line 2 holds U+2028 inside the text: input is split on "\n" only.
        try Data("{\"text\": \"A man is eating food.\", \"id\": 7}\n{\"text\": \"a\\u2028b\"}\n{\"text\": \"\"}\n".utf8).write(to: input)
        let result = try run(["embed-text", "--input", input.path, "--output", output.path, "--batch-size", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try Data(contentsOf: output).split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 3)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
        #expect(objects.map { $0["text"] as? String } == ["A man is eating food.", "a\u{2028}b", ""])
        // Reference ids from the independent implementation (Tests/DictEmbeddingTests/Fixtures/cases.jsonl).
        #expect(objects[0]["input_ids"] as? [Int] == [101, 1037, 2158, 2003, 5983, 2833, 1012, 102])
        #expect(objects[2]["input_ids"] as? [Int] == [101, 102])
        for object in objects {
            let embedding = try #require(object["embedding"] as? [Double])
            #expect(embedding.count == 384)
            #expect(abs(embedding.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        }
    }

    @Test func textArgumentsAndInputAreExclusive() throws {
        #expect(try run(["embed-text"]).status == 2)
        #expect(try run(["embed-text", "hello", "--input", "x.jsonl"]).status == 2)
        // Text as arguments goes to the model like file input does: without one, exit 3 naming the install command.
        let missing = try run(["embed-text", "hello", "--model-dir", "/nonexistent/dict-model"])
        #expect(missing.status == 3 && missing.stderr.contains("bash models/install.sh"), "\(missing.stderr)")
    }

    @Test(.enabled(if: EmbedTextCLITests.modelInstalled, "model not installed: run `bash models/install.sh`"))
    func textArgumentsPrintTheVectorAndPipesWork() throws {
        let printed = try run(["embed-text", "A", "man", "is", "eating", "food."])
        #expect(printed.status == 0, "\(printed.stderr)")
        let vector = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [Double])
        #expect(vector.count == 384)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)

        // The same text through --input - --output - gives the same vector and the reference token ids.
        let piped = try DictBinary.run(
            ["embed-text", "--input", "-", "--output", "-"], in: DictBinary.packageRoot,
            input: Data("{\"text\": \"A man is eating food.\"}\n".utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any])
        #expect(line["input_ids"] as? [Int] == [101, 1037, 2158, 2003, 5983, 2833, 1012, 102])
        let embedding = try #require(line["embedding"] as? [Double])
        #expect(zip(embedding, vector).allSatisfy { abs($0 - $1) < 1e-6 })

        let json = try run(["embed-text", "--json", "A man is eating food."])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "A man is eating food." && object["input_ids"] as? [Int] == line["input_ids"] as? [Int])
    }
}
