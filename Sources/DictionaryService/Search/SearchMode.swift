/// How a query is matched. Raw values are the `search_analytics.search_type` values.
public enum SearchMode: String, Codable, CaseIterable, Sendable {
    /// Normalized term (then accent-folded term) equality, requested language first.
    case exact
    /// Autocomplete: index range scan on the normalized and folded keys.
    case prefix
    /// FTS5 BM25 over term, synonyms and definition text, plus substring matches, in relevance tiers.
    case lexical
    /// Cosine similarity of the embedded query to entry vectors.
    case semantic
    /// Reciprocal-rank fusion of lexical and semantic.
    case hybrid
}

/// Result order. `relevance` is mode-specific (tiers and BM25, similarity, or fused rank).
public enum SearchSort: String, Codable, CaseIterable, Sendable {
    case relevance, alphabetical, quality, popularity
}

/// How a lexical or prefix hit matched the normalized (or accent-folded) query.
public enum MatchTier: Int, Codable, Sendable, Comparable {
    /// The whole term equals the query.
    case exact = 0
    /// The term starts with the query.
    case prefix = 1
    /// The term contains the query.
    case contains = 2
    /// Matched through synonyms or definition text only.
    case other = 3

    public static func < (lhs: MatchTier, rhs: MatchTier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a search came from (`search_analytics.search_source`).
public enum SearchSource: String, Codable, CaseIterable, Sendable {
    case web, api, mobile, `extension`, cli
}
