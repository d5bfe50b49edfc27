/// One autocomplete suggestion: the term as written, its type and language, and the entry's overall quality score
/// (0–100), which the original API called `score`.
public struct TermSuggestion: Sendable, Hashable, Encodable {
    public var term: String
    public var type: String
    public var lang: String
    public var score: Double
}
