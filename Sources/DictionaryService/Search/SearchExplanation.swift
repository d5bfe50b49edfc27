/// Why a semantic or hybrid hit ranked where it did (`--explain`, `explain=true`): the matched sense, the
/// calibrated probability, and each ranking feature's value and contribution (weight × value) to the score.
public struct SearchExplanation: Sendable, Hashable {
    /// `term_embeddings.chunk` of the matched sense (0 = the entry's first sense).
    public var sense: Int
    /// The matched sense's part of speech, when known.
    public var partOfSpeech: String?
    /// The ranker's linear score and its calibrated probability.
    public var rankerScore: Double
    public var probability: Double
    /// Feature name → (value, contribution), in `RankingFeature` order.
    public var features: [(name: String, value: Double, contribution: Double)]
    /// Hybrid only: the normalized lexical score (0…1) and the semantic ratio it was blended with.
    public var lexicalScore: Double?
    public var semanticRatio: Double?

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.sense == rhs.sense && lhs.partOfSpeech == rhs.partOfSpeech && lhs.rankerScore == rhs.rankerScore
            && lhs.probability == rhs.probability && lhs.lexicalScore == rhs.lexicalScore
            && lhs.semanticRatio == rhs.semanticRatio && lhs.features.map(\.name) == rhs.features.map(\.name)
            && lhs.features.map(\.value) == rhs.features.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sense)
        hasher.combine(rankerScore)
        hasher.combine(probability)
    }
}
