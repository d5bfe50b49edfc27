/// Tunables of `SearchService`, with documented defaults.
public struct SearchConfiguration: Sendable {
    /// Semantic hits below this cosine similarity are dropped. all-MiniLM-L6-v2 similarities run far lower than
    /// the original's BGE model (its 0.7 would drop nearly every good match). Tuned with `dict eval
    /// --min-similarity` on the glossary queries: semantic recall@10 was 0.817 at 0.35, 0.888 at 0.25 and 0.909 at
    /// 0.15, while hybrid recall@1 rose from 0.680 to 0.710; 0.2 keeps most of that gain while still dropping
    /// unrelated text (random English pairs score about 0.0–0.15 with this model).
    public var minSimilarity: Float = 0.2
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
    /// Leave Chinese entries out of the semantic leg of non-Chinese queries that do not filter by language (their
    /// vectors are near-identical with the bundled model; see `SearchService.semanticFilters`).
    public var excludeChineseFromSemantic: Bool = true
    /// Longest accepted query, in characters.
    public var maxQueryLength: Int = 500
    /// Exact mode hides entries scoring below this (the original's hidden rule was 60; we default to 0 so an
    /// entry is never invisible to lookups yet blocks creation; use `filters.minQuality` to filter explicitly).
    public var exactMinimumScore: Double = 0

    public init() {}
}
