import GRDB

extension SearchService {
    /// Hybrid search: reciprocal-rank fusion of the lexical and semantic candidate lists,
    /// `score = Σ weight / (rrfK + rank)` (1-based ranks, `candidateCount` per leg), plus 1 for lexical exact-tier
    /// hits so the term itself stays first. The semantic leg is skipped (with a note) when the query is mostly CJK
    /// (the bundled model maps nearly all ideographs to [UNK]) or when no semantic backend is configured; lexical
    /// then carries the query alone. An empty query browses like lexical.
    func hybrid(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        var notes: [String] = []
        var candidateRequest = request
        candidateRequest.limit = configuration.candidateCount
        candidateRequest.offset = 0
        candidateRequest.sort = .relevance
        candidateRequest.preferredLanguage = nil
        let tokens = QueryText.tokens(normalized)
        let lexical: [SearchHit] = try database.read { db in
            var page = try lexicalPage(db, request: candidateRequest, normalized: normalized, tokens: tokens, anyToken: false)
            if page.total == 0, tokens.count > 1 {
                page = try lexicalPage(db, request: candidateRequest, normalized: normalized, tokens: tokens, anyToken: true)
            }
            return page.hits
        }
        var semanticMatches: [SemanticMatch] = []
        if normalized.isEmpty {
            // Browsing: nothing to embed.
        } else if semantic == nil {
            notes.append("semantic search unavailable (no model or index): lexical results only")
        } else if QueryText.cjkFraction(normalized) >= configuration.cjkSkipFraction {
            notes.append("query is mostly CJK: semantic leg skipped, lexical results only")
        } else {
            semanticMatches = try semanticCandidates(request, normalized: normalized, count: configuration.candidateCount)
        }

        var fused: [String: SearchHit] = [:]
        var order: [String] = []
        for (index, hit) in lexical.enumerated() {
            var fusedHit = hit
            fusedHit.lexicalRank = index + 1
            fusedHit.score = configuration.lexicalWeight / (configuration.rrfK + Double(index + 1)) + (hit.tier == .exact ? 1 : 0)
            fused[hit.entry.id] = fusedHit
            order.append(hit.entry.id)
        }
        let missing = semanticMatches.map(\.entryID).filter { fused[$0] == nil }
        let semanticEntries = missing.isEmpty ? [:] : try database.read { db in try Self.entries(ids: missing, db: db) }
        for (index, match) in semanticMatches.enumerated() {
            let contribution = configuration.semanticWeight / (configuration.rrfK + Double(index + 1))
            if var hit = fused[match.entryID] {
                hit.score += contribution
                hit.similarity = match.similarity
                hit.semanticRank = index + 1
                fused[match.entryID] = hit
            } else if let entry = semanticEntries[match.entryID], request.filters.matches(entry) {
                fused[match.entryID] = SearchHit(entry: entry, score: contribution, similarity: match.similarity, semanticRank: index + 1)
                order.append(match.entryID)
            }
        }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var hits = order.compactMap { fused[$0] }.sorted { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return position[lhs.entry.id]! < position[rhs.entry.id]!
        }
        if request.sort != .relevance || request.preferredLanguage != nil {
            hits = Self.sorted(hits, by: request.sort, preferred: request.preferredLanguage)
        }
        let page = Array(hits.dropFirst(request.offset).prefix(request.limit))
        return SearchResponse(results: page, total: hits.count, mode: .hybrid, suggestions: [], notes: notes, normalizedQuery: normalized)
    }
}
