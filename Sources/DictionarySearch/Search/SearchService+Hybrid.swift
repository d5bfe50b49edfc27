import DictEmbedding
import DictStore
import DictVectors

extension SearchService {
    /// Hybrid search (the default): a typed term's own matches first, then one ranking of meaning and words.
    ///
    /// - Candidates: the `candidateCount` best of the lexical leg and of the semantic leg (vector top-k by cosine
    ///   plus prior); lexical matches the vector top-k missed get their best sense scored directly.
    /// - Order: the hybrid ranker (`DescriptionRanker` with the lexical features, trained at semantic ratio 0.5;
    ///   `semanticRatio` r scales meaning features by 2r and word features by 2(1 − r)); its calibrated probability
    ///   is the score, and hits below `minScore` are dropped.
    /// - Typed terms win: a lexical exact match gets +3; for a query of one or two words a prefix match gets +2 and
    ///   a typo match (fuzzy tier) +1, so "allegro", "cresc" and "cresendo" find their word first.
    ///
    /// The semantic leg is skipped, with a note, when no model is configured, when the query is mostly CJK and the
    /// model English-only, or when the dictionary's text lacks most of its words ("zzzqqq"; not applied to a
    /// multilingual model's CJK or declared cross-language query); lexical matching then orders the results alone.
    /// A declared cross-language query also brings the translations of its best matches in its own language
    /// (`addingTranslations`). An empty query browses like lexical.
    func hybrid(_ request: SearchRequest, normalized: String) async throws -> SearchResponse {
        guard !normalized.isEmpty else {
            let page = try await lexicalPage(request: request, normalized: normalized)
            return SearchResponse(results: page.hits, total: page.total, mode: .hybrid, suggestions: [], notes: page.notes,
                                  normalizedQuery: normalized, facets: page.facets)
        }
        return try await rankedResponse(request, normalized: normalized, mode: .hybrid) { request, vector in
            try await hybridHits(request, normalized: normalized, vector: vector)
        }
    }

    /// Hybrid search's ranked hits for a non-empty query, best first, with its notes.
    private func hybridHits(_ request: SearchRequest, normalized: String, vector memo: QueryVectorMemo) async throws
        -> (hits: [PendingHit], notes: [String]) {
        let plan = LexicalPlan(normalized: normalized, filters: request.filters)
        let analysis = QueryAnalysis(normalized: normalized)
        let crossing = Self.isCrossLanguage(request) && semantic?.embedder.isMultilingual == true
        let ratio = min(max(request.semanticRatio ?? (crossing ? configuration.crossLanguageSemanticRatio : configuration.semanticRatio), 0), 1)
        // The lexical leg (the store's reads) runs beside the semantic leg's embedding and vector scan, unless every
        // core already runs a search (`SearchConcurrency`): then one after the other costs less.
        let lexicalMatches: (ordered: [LexicalCandidate], notes: [String], fullTextExpression: FullTextExpression?, typos: [Int64])
        let leg: SemanticLeg
        if SearchConcurrency.coresBusy(2) {
            lexicalMatches = try await lexicalCandidates(plan, limit: configuration.candidateCount)
            leg = try await semanticLeg(request, normalized: normalized, analysis: analysis, ratio: ratio, vector: memo)
        } else {
            async let lexicalLeg = lexicalCandidates(plan, limit: configuration.candidateCount)
            leg = try await semanticLeg(request, normalized: normalized, analysis: analysis, ratio: ratio, vector: memo)
            lexicalMatches = try await lexicalLeg
        }
        // The leg decides the rankers (a blended query's are the blend's) and so the default floor.
        let ranker = configuration.hybridRanker(for: rankerModel(for: leg.query))
        let minimum = request.minScore ?? configuration.defaultMinScore(ranker: ranker, semanticRatio: ratio)
        var notes = lexicalMatches.notes
        if let note = queryLanguageNote(request) { notes.append(note) }
        let lexical = lexicalMatches.ordered

        var lexicalScores: [String: (score: Double, fullText: Double)] = [:]
        let bestFullText = lexical.compactMap { $0.bm25.map { -$0 } }.max() ?? 0
        for (index, candidate) in lexical.enumerated() where lexicalScores[candidate.entryID] == nil {
            let fullText = bestFullText > 0 ? max(candidate.bm25.map { -$0 } ?? 0, 0) / bestFullText : 0
            lexicalScores[candidate.entryID] = (1 - Double(index) / Double(lexical.count), fullText)
        }
        var pending: [PendingHit]
        switch leg {
        case .skipped(let reason):
            if let reason { notes.append(reason) }
            // Lexical order alone; the score floor is the ranker's, so it does not apply here.
            pending = lexical.map { PendingHit(entryID: $0.entryID, score: minimum + (lexicalScores[$0.entryID]?.score ?? 0)) }
        case .matched(let vector, let matches):
            pending = try await hybridRanking(request, analysis: analysis, vector: vector, vectorMatches: matches, lexical: lexical,
                                        lexicalScores: lexicalScores, ranker: ranker, ratio: ratio, minimum: minimum)
        }

        // Typed-term tiers on top of whatever ordered the rest.
        let typedTerm = analysis.tokens.count <= 2
        var tierOf: [String: MatchTier] = [:]
        var lexicalRankOf: [String: Int] = [:]
        for (index, candidate) in lexical.enumerated() where tierOf[candidate.entryID] == nil {
            tierOf[candidate.entryID] = candidate.tier
            lexicalRankOf[candidate.entryID] = index + 1
        }
        for index in pending.indices {
            let id = pending[index].entryID
            pending[index].tier = tierOf[id]
            pending[index].lexicalRank = lexicalRankOf[id]
            switch tierOf[id] {
            case .exact: pending[index].score += 3
            case .prefix where typedTerm: pending[index].score += 2
            case .fuzzy where typedTerm: pending[index].score += 1
            default: if pending[index].score < minimum { pending[index].score = -1 }
            }
        }
        pending.removeAll { $0.score < 0 }
        pending = pending.enumerated().sorted { lhs, rhs in
            lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
        }.map(\.element)
        return (pending, notes)
    }

    /// What hybrid's semantic leg produced: the query vector and the vector top-k, or why it did not run.
    enum SemanticLeg {
        case skipped(reason: String?)
        case matched(vector: SemanticQuery, matches: [SemanticMatch])

        /// The query's embedding when the leg ran.
        var query: SemanticQuery? {
            if case .matched(let vector, _) = self { return vector }
            return nil
        }
    }

    /// The semantic leg of hybrid search up to the vector scan, or the reason it is skipped.
    private func semanticLeg(_ request: SearchRequest, normalized: String, analysis: QueryAnalysis, ratio: Double,
                             vector memo: QueryVectorMemo) async throws -> SemanticLeg {
        guard semantic != nil else { return .skipped(reason: "semantic search unavailable (no model or index): lexical results only") }
        guard ratio > 0 else { return .skipped(reason: nil) }
        switch try await queryVectorUnlessSkipped(analysis, normalized: normalized, request: request, memo: memo) {
        case .skipped(let reason): return .skipped(reason: reason)
        case .embedded(let vector):
            return .matched(vector: vector, matches: try vectorCandidates(
                request, vector: vector, normalized: normalized, analysis: analysis, count: configuration.candidateCount))
        }
    }

    /// The merged candidates of both legs ordered by `ranker`, above `minimum`.
    private func hybridRanking(
        _ request: SearchRequest, analysis: QueryAnalysis, vector: SemanticQuery, vectorMatches: [SemanticMatch],
        lexical: [LexicalCandidate], lexicalScores: [String: (score: Double, fullText: Double)], ranker: DescriptionRanker,
        ratio: Double, minimum: Double
    ) async throws -> [PendingHit] {
        guard semantic != nil else { return [] }
        var matches = vectorMatches
        let vectorCandidates = matches.count
        let found = Set(matches.map(\.entryID))
        let missing = Array(Set(lexical.map(\.entryID)).subtracting(found))
        // Lexical matches beyond the vector top-k: their best sense, after every vector candidate.
        let lexicalOnly: [SemanticMatch] = try self.vectorMatches(vector, entryIDs: missing, partOfSpeech: analysis.partOfSpeech)
        matches += lexicalOnly.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.entryID < $1.entryID }
        let ranked = try await rank(matches, request: request, analysis: analysis, lexical: lexicalScores,
                              ranker: ranker, semanticRatio: ratio)
        var pending: [PendingHit] = ranked.map { candidate in
            var explanation = candidate.explanation
            explanation?.lexicalScore = lexicalScores[candidate.record.entryID]?.score ?? 0
            explanation?.semanticRatio = ratio
            return PendingHit(entryID: candidate.record.entryID, score: candidate.probability, similarity: candidate.similarity,
                              semanticRank: candidate.candidateRank <= vectorCandidates ? candidate.candidateRank : nil,
                              explanation: explanation)
        }
        // Lexical matches with no vector at all (not embedded yet) keep their lexical order, just above the floor.
        let withVectors = Set(matches.map(\.entryID))
        var listed = Set<String>()
        for candidate in lexical where !withVectors.contains(candidate.entryID) && listed.insert(candidate.entryID).inserted {
            pending.append(PendingHit(entryID: candidate.entryID, score: minimum + 0.001 * (lexicalScores[candidate.entryID]?.score ?? 0)))
        }
        return pending
    }
}
