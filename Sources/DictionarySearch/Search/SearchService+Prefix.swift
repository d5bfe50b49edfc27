package import DictionaryCore

extension SearchService {
    /// Autocomplete: terms whose normalized or accent-folded key starts with the query. Two index range scans
    /// (`normalized_term >= q AND < q + U+10FFFF`, same on `folded_term`), so the cost is O(log n + matches) and
    /// fast enough per keystroke. Relevance: exact match first, then shorter terms, then quality.
    func prefix(_ request: SearchRequest, normalized: String) async throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .prefix) }
        let query = TermKeyQuery(normalized: normalized, filters: request.filters, sort: request.sort, preferredLanguage: request.preferredLanguage)
        let page = try await store.prefixPage(query, limit: request.limit, offset: request.offset)
        let hits = page.entries.map { entry -> SearchHit in
            let tier: MatchTier = entry.normalizedTerm == normalized || entry.foldedTerm == query.folded ? .exact : .prefix
            return SearchHit(entry: entry, score: tier == .exact ? 1 : 0.5, tier: tier)
        }
        return SearchResponse(results: hits, total: page.total, mode: .prefix, suggestions: [], notes: [], normalizedQuery: normalized)
    }

    /// Autocomplete for a search box: up to `limit` distinct (term, type) pairs starting with `query`, in the
    /// prefix search's relevance order, reading only the columns a suggestion shows (no entry is decoded).
    /// Throws `SearchError.emptyQuery` for a query that normalizes to nothing. Not recorded in analytics.
    package func suggestions(_ query: String, languages: [Language], limit: Int) async throws -> [TermSuggestion] {
        let normalized = TermNormalizer.normalize(query)
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .prefix) }
        guard limit > 0 else { return [] }
        // Over-fetch so that de-duplicating the same term across languages still fills the page.
        let rows = try await store.prefixSuggestions(
            TermKeyQuery(normalized: normalized, filters: SearchFilters(languages: languages)), limit: min(100, limit * 4))
        var seen = Set<String>()
        var suggestions: [TermSuggestion] = []
        for row in rows where suggestions.count < limit {
            guard seen.insert("\(row.normalizedTerm)\u{1F}\(row.suggestion.type)").inserted else { continue }
            suggestions.append(row.suggestion)
        }
        return suggestions
    }

    /// The `limit` (1…100) relations of `entryID` with the highest confidence (ties: related term A→Z).
    package func relatedTerms(to entryID: String, limit: Int = 5) async throws -> [RelatedTerm] {
        try await store.relatedTerms(to: entryID, limit: min(max(limit, 1), 100))
    }
}
