/// Why a semantic or hybrid hit ranked where it did (`--explain`, `explain=true`): the matched sense, the
/// calibrated probability, and each ranking feature's value and contribution (weight × value) to the score.
/// Encodes with the HTTP API's snake_case keys.
package struct SearchExplanation: Sendable, Hashable, Encodable {
    /// One ranking feature of the hit.
    package struct Feature: Sendable, Hashable, Encodable {
        package var name: String
        package var value: Double
        package var contribution: Double
    }

    /// `term_embeddings.chunk` of the matched sense (0 = the entry's first sense).
    package var sense: Int
    /// The matched sense's part of speech, when known.
    package var partOfSpeech: String?
    /// The ranker's linear score and its calibrated probability.
    package var rankerScore: Double
    package var probability: Double
    /// Every feature, in `RankingFeature` order.
    package var features: [Feature]
    /// Hybrid only: the normalized lexical score (0…1) and the semantic ratio it was blended with.
    package var lexicalScore: Double?
    package var semanticRatio: Double?

    enum CodingKeys: String, CodingKey {
        case sense, probability, features
        case partOfSpeech = "part_of_speech"
        case rankerScore = "ranker_score"
        case lexicalScore = "lexical_score"
        case semanticRatio = "semantic_ratio"
    }
}
