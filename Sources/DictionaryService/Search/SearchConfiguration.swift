/// Tunables of `SearchService`, with documented defaults.
public struct SearchConfiguration: Sendable {
    /// Semantic hits below this cosine similarity are dropped. 0.35 by default: all-MiniLM-L6-v2 similarities run
    /// lower than the original's BGE model (0.7 was tuned for BGE and would drop most good matches); the lead
    /// re-tunes this on the real model.
    public var minSimilarity: Float = 0.35
    /// Candidates each leg contributes to hybrid fusion, and the minimum semantic top-k.
    public var candidateCount: Int = 100
    /// Reciprocal-rank-fusion constant k (Cormack et al.; 60 is the usual value).
    public var rrfK: Double = 60
    /// Leg weights in the fused score.
    public var lexicalWeight: Double = 1
    public var semanticWeight: Double = 1
    /// Hybrid skips the semantic leg when at least this fraction of the query's letters are CJK: the bundled
    /// model maps nearly all ideographs to [UNK], so its vectors would only add noise.
    public var cjkSkipFraction: Double = 0.5
    /// Longest accepted query, in characters.
    public var maxQueryLength: Int = 500
    /// Exact mode hides entries scoring below this (the original's hidden rule was 60; we default to 0 so an
    /// entry is never invisible to lookups yet blocks creation; use `filters.minQuality` to filter explicitly).
    public var exactMinimumScore: Double = 0

    public init() {}
}
