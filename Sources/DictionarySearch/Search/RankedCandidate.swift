/// A semantic candidate after the ranker: what was read about it, its matched sense's cosine, the ranker's score
/// and calibrated probability, and (when asked) the explanation. Its full entry is read only if it makes the page.
struct RankedCandidate: Sendable {
    var record: CandidateRecord
    var similarity: Float
    var score: Double
    var probability: Double
    /// 1-based position in the vector index's candidate list.
    var candidateRank: Int
    var explanation: SearchExplanation?
}
