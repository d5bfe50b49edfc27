/// One autocomplete suggestion: the term as written, its type and language, and the entry's overall quality score
/// (0–100), which the original API called `score`.
package struct TermSuggestion: Sendable, Hashable, Encodable {
    package var term: String
    package var type: String
    package var lang: String
    package var score: Double
}
