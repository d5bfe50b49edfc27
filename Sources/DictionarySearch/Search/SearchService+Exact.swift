import DictionaryCore

extension SearchService {
    /// Exact lookup: entries whose normalized term equals the query, then (if none) whose accent-folded term does,
    /// in `filters.languages` (requested = preferred or first language first). With `languageFallback`, an empty
    /// result is retried in every language. No match → up to 5 prefix suggestions, or when there are none, up to 5
    /// terms within a small edit distance ("alegro" → "allegro", from the trigram index). O(log n) by the
    /// `(normalized_term, lang)` and `(folded_term, lang)` indexes.
    func exact(_ request: SearchRequest, normalized: String) async throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .exact) }
        // The requested language (the first of `filters.languages`) leads relevance order; explicit sorts keep theirs.
        let preferred = request.preferredLanguage ?? (request.sort == .relevance ? request.filters.languages.first : nil)
        var query = TermKeyQuery(normalized: normalized, filters: request.filters, sort: request.sort, preferredLanguage: preferred)
        var page = try await store.exactPage(query, minimumScore: configuration.exactMinimumScore, limit: request.limit, offset: request.offset)
        var notes: [String] = []
        if page.total == 0, request.languageFallback, !query.filters.languages.isEmpty {
            query.filters.languages = []
            page = try await store.exactPage(query, minimumScore: configuration.exactMinimumScore, limit: request.limit, offset: request.offset)
            if page.total > 0 { notes.append("no match in the requested languages; showing other languages") }
        }
        var suggestions: [String] = []
        if page.total == 0 {
            suggestions = try await store.termsStarting(normalized: normalized, folded: query.folded, limit: 5)
            if suggestions.isEmpty { suggestions = try await spellingSuggestions(normalized: normalized, limit: 5) }
        }
        let hits = page.entries.map { entry in
            SearchHit(entry: entry, score: entry.normalizedTerm == normalized ? 1 : 0.9, tier: .exact)
        }
        return SearchResponse(results: hits, total: page.total, mode: .exact, suggestions: suggestions, notes: notes, normalizedQuery: normalized)
    }

    /// Up to `limit` distinct terms within `EditDistance.tolerance` of the query (a typo of a one- or two-word
    /// term: "alegro" → allegro), as lexical search's fuzzy tier finds them: the likeliest slip first (`TypoCost`),
    /// then the more frequent word, then quality. Trigram candidates, so the cost does not grow with the dictionary.
    func spellingSuggestions(normalized: String, limit: Int) async throws -> [String] {
        let plan = LexicalPlan(normalized: normalized, filters: SearchFilters())
        let folded = Array(plan.folded.unicodeScalars)
        let tolerance = EditDistance.tolerance(forLength: folded.count)
        guard plan.allowsFuzzy, tolerance > 0, folded.count >= 3 else { return [] }
        let candidates = try await store.typoCandidates(plan.keyQuery, tolerance: tolerance)
        return TypoMatch.distinctTerms(TypoMatch.ranked(candidates, query: folded, tolerance: tolerance), limit: limit)
    }
}
