/// A dictionary entry produced by a `DefinitionGenerator` (or edited by a reviewer), before it is stored.
/// Encoded with snake_case keys; that JSON is what `manual_review_queue.generated_content` holds.
package struct GeneratedEntry: Sendable, Equatable, Codable {
    /// The 12 entry types of the schema's `type` CHECK.
    package static let types = TermType.allCases.map(\.rawValue)

    /// The term as submitted.
    package var term: String
    /// One of `types`.
    package var type: String
    /// 1–2 sentences.
    package var concise: String
    /// 3–5 sentences.
    package var detailed: String
    /// The word's origin.
    package var etymology: String?
    /// IPA transcription.
    package var pronunciation: String?
    /// One sentence using the term.
    package var usageExample: String?
    /// Related music terms.
    package var relatedTerms: [String]
    /// 0...100 from `EntryQualityScorer`.
    package var qualityScore: Double

    /// Creates a value from its parts.
    package init(
        term: String, type: String, concise: String, detailed: String, etymology: String? = nil,
        pronunciation: String? = nil, usageExample: String? = nil, relatedTerms: [String] = [], qualityScore: Double = 0
    ) {
        self.term = term
        self.type = type
        self.concise = concise
        self.detailed = detailed
        self.etymology = etymology
        self.pronunciation = pronunciation
        self.usageExample = usageExample
        self.relatedTerms = relatedTerms
        self.qualityScore = qualityScore
    }

    enum CodingKeys: String, CodingKey {
        case term, type, concise, detailed, etymology, pronunciation
        case usageExample = "usage_example"
        case relatedTerms = "related_terms"
        case qualityScore = "quality_score"
    }
}
