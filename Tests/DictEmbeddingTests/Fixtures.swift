import Foundation

/// Test fixture files copied into the test bundle (`Tests/DictEmbeddingTests/Fixtures`).
enum Fixtures {
    /// The contents of `Fixtures/<name>`.
    static func data(_ name: String) throws -> Data {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
        return try Data(contentsOf: url)
    }

    /// One reference case: text, token ids, embedding.
    struct ReferenceCase: Decodable {
        var text: String
        var input_ids: [Int32]
        var embedding: [Float]
    }

    /// `cases.jsonl`, split on "\n" only (texts may contain U+2028, U+0085 or "\r").
    static func referenceCases() throws -> [ReferenceCase] {
        let data = try data("cases.jsonl")
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(ReferenceCase.self, from: Data($0)) }
    }
}
