/// One held-out query: what a user might type and the English terms a correct answer names.
public struct EvaluationQuery: Decodable, Sendable, Hashable {
    public var query: String
    public var expected: [String]
    public var lang: String?
    /// `paraphrase`, `typo`, `multilingual` (glossary set) or a part of speech (WordNet set).
    public var kind: String?
    public var pos: String?
}
