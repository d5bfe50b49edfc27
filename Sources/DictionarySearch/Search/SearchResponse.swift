package import DictionaryCore
/// One result row: the entry and how it scored.
package struct SearchHit: Sendable, Hashable {
    package var entry: DictionaryEntry
    /// Mode-specific score, higher is better: exact 1 (0.9 for an accent-folded match), prefix/lexical
    /// `−bm25` when FTS matched (else 0), semantic the calibrated probability (0…1) that the entry is the word
    /// described, hybrid the blended score (docs/search.md).
    package var score: Double
    /// Lexical/prefix match tier.
    package var tier: MatchTier?
    /// Cosine similarity of the best vector of the entry (semantic, hybrid).
    package var similarity: Float?
    /// 1-based ranks in the lexical and semantic legs (hybrid), for `--explain`.
    package var lexicalRank: Int?
    package var semanticRank: Int?
    /// How the semantic ranker scored this hit (semantic and hybrid modes).
    package var explanation: SearchExplanation?
}

/// A page of results with the total number of matches.
package struct SearchResponse: Sendable {
    package var results: [SearchHit]
    /// Matches before paging (semantic/hybrid: among the candidates considered, see `SearchConfiguration`).
    package var total: Int
    /// The mode that ran (hybrid without a semantic backend reports `hybrid` with a note).
    package var mode: SearchMode
    /// Exact mode with no match: up to 5 terms starting with the query.
    package var suggestions: [String]
    /// Human-readable notes on how the search ran (e.g. a skipped semantic leg).
    package var notes: [String]
    /// Normalized query.
    package var normalizedQuery: String
    /// Per requested facet, how many matches have each value, over the same set `total` counts: lexical, every
    /// match (up to `SearchService.totalCap`); semantic and hybrid, every ranked hit above the score floor. Nil
    /// unless `SearchRequest.facets` asked.
    package var facets: [SearchFacet: [String: Int]]? = nil
}
