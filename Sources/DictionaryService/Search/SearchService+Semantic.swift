import GRDB

extension SearchService {
    /// Semantic search: embeds the query, asks the vector backend for the top candidates (cosine of L2-normalized
    /// vectors, higher is better; filtered inside the backend), keeps each entry's best vector, drops
    /// similarities below `minSimilarity`, then sorts and pages. `total` counts the surviving candidates among
    /// the top `max(candidateCount, offset + limit)` entries.
    func semanticSearch(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .semantic) }
        let ranked = try semanticCandidates(request, normalized: normalized, count: max(configuration.candidateCount, request.offset + request.limit))
        let entries = try database.read { db in try Self.entries(ids: ranked.map(\.entryID), db: db) }
        var hits: [SearchHit] = []
        for (index, match) in ranked.enumerated() {
            // Re-checked here: the index may lag a just-committed write.
            guard let entry = entries[match.entryID], request.filters.matches(entry) else { continue }
            hits.append(SearchHit(entry: entry, score: Double(match.similarity), similarity: match.similarity, semanticRank: index + 1))
        }
        if request.sort != .relevance || request.preferredLanguage != nil {
            hits = Self.sorted(hits, by: request.sort, preferred: request.preferredLanguage)
        }
        let page = Array(hits.dropFirst(request.offset).prefix(request.limit))
        return SearchResponse(results: page, total: hits.count, mode: .semantic, suggestions: [], notes: [], normalizedQuery: normalized)
    }

    /// The best `count` entries for the query above `minSimilarity`, best first, one per entry.
    func semanticCandidates(_ request: SearchRequest, normalized: String, count: Int) throws -> [SemanticMatch] {
        guard let semantic else { throw SearchError.semanticUnavailable }
        let vectors = try semantic.embedder.embed([normalized])
        let dimension = semantic.embedder.dimension
        guard let query = vectors.first, query.count == dimension else {
            throw SearchError.invalidEmbedding(expected: dimension, found: vectors.first?.count ?? 0, reason: "wrong dimension")
        }
        guard query.allSatisfy(\.isFinite) else {
            throw SearchError.invalidEmbedding(expected: dimension, found: query.count, reason: "NaN or infinite value")
        }
        // Entries can own several vectors (one per sense): over-fetch so `count` distinct entries usually survive.
        let matches = try semantic.backend.search(query: query, k: min(count * 2, 1000), filters: request.filters)
        var seen = Set<String>()
        var result: [SemanticMatch] = []
        for match in matches where match.similarity.isFinite && match.similarity >= configuration.minSimilarity {
            if seen.insert(match.entryID).inserted { result.append(match) }
            if result.count == count { break }
        }
        return result
    }
}
