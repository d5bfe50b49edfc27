import Foundation
import Testing

/// A small imported dictionary for the CLI surface tests (their folders are DictTesting's `TemporaryDirectory`).
enum CLIFixture {
    /// Entries with every kind of relation, two languages of one word and a CJK term (JSONL `dict import entries` reads).
    static let entries = """
        {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually getting louder.","etymology":"Italian, growing","pronunciation":{"ipa":"krəˈʃɛndoʊ"},"usage_example":"A long crescendo."},"metadata":{"synonyms":["swell"],"antonyms":["decrescendo"],"related_terms":["forte"],"categories":["dynamics","italian"]},"references":{"wikipedia":{"url":"https://en.wikipedia.org/wiki/Crescendo"}},"lang_confidence":0.9,"ai_metadata":{"generated_by":"test"},"quality_score":{"overall":90,"human_verified":true}}
        {"term":"decrescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually getting softer."},"metadata":{"antonyms":["crescendo"]},"quality_score":{"overall":85}}
        {"term":"swell","lang":"en","type":"dynamics","definition":{"concise":"A crescendo followed by a diminuendo."},"quality_score":{"overall":60}}
        {"term":"forte","lang":"en","type":"dynamics","definition":{"concise":"Loud; played strongly."},"quality_score":{"overall":80}}
        {"term":"Klavier","lang":"de","type":"instrument","definition":{"concise":"Tasteninstrument mit Saiten."},"quality_score":{"overall":70}}
        {"term":"渐强","lang":"zh-CN","type":"dynamics","definition":{"concise":"逐渐变强的力度记号"},"metadata":{"translation_of":"crescendo"},"quality_score":{"overall":85}}
        """

    /// Runs the binary without a model, so results do not depend on what is installed.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Data? = nil) throws -> DictBinary.Run {
        try DictBinary.run(arguments, in: directory, environment: ["DICT_MODEL_DIR": "/nonexistent/dict-test-model"].merging(environment) { $1 }, input: input)
    }

    /// A migrated data directory inside `directory` holding `entries`; returns its `--data-dir` arguments.
    static func importedDataDirectory(in directory: URL, entries: String = CLIFixture.entries) throws -> [String] {
        let common = ["--data-dir", directory.appendingPathComponent("db").path]
        let file = directory.appendingPathComponent("entries.jsonl")
        try Data(entries.utf8).write(to: file)
        let migrated = try run(["migrate"] + common)
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let imported = try run(["import", "entries", file.path] + common)
        #expect(imported.status == 0, "\(imported.stderr)")
        return common
    }

    /// The JSON object `text` holds.
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }
}
