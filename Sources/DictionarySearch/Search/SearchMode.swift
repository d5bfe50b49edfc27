/// How a query is matched. Raw values are the `search_analytics.search_type` values.
package enum SearchMode: String, Codable, CaseIterable, Sendable {
    /// Normalized term (then accent-folded term) equality, requested language first.
    case exact
    /// Autocomplete: index range scan on the normalized and folded keys.
    case prefix
    /// Relevance tiers over the term keys (exact, prefix, typo, substring), then FTS5 BM25 over term, synonyms and
    /// definition text.
    case lexical
    /// Meaning: cosine of the embedded query to sense vectors, re-ranked by the description ranker.
    case semantic
    /// Typed-term tiers first, then semantic and lexical scores blended by `semanticRatio`.
    case hybrid
}

/// Result order. `relevance` is mode-specific (tiers and BM25, similarity, or fused rank).
package enum SearchSort: String, Codable, CaseIterable, Sendable {
    case relevance, alphabetical, quality, popularity
}

/// How a lexical or prefix hit matched the normalized (or accent-folded) query.
package enum MatchTier: Int, Codable, Sendable, Comparable {
    /// The whole term equals the query.
    case exact = 0
    /// The term starts with the query.
    case prefix = 1
    /// The term is within a small edit distance of a one- or two-word query (a typo: "cresendo").
    case fuzzy = 2
    /// The term contains the query.
    case contains = 3
    /// Matched through synonyms or definition text only.
    case other = 4

    package static func < (lhs: MatchTier, rhs: MatchTier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a search came from (`search_analytics.search_source`).
package enum SearchSource: String, Codable, CaseIterable, Sendable {
    case web, api, mobile, `extension`, cli
}
