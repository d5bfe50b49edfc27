import DictEmbedding
import DictStore
import DictVectors
import DictionaryCore

extension SearchService {
    /// Semantic search: embeds the query, takes the vector index's best candidates by cosine plus prior (word
    /// frequency, sense rank, guessed part of speech; filtered inside the index), re-orders them with the
    /// `DescriptionRanker`, drops those below `minScore` (calibrated probability) and pages. For a description
    /// (two or more words) the query's own words are never answers. `total` counts the surviving candidates among
    /// the top `max(candidateCount, offset + limit)` entries. A declared cross-language query also brings the
    /// translations of its best matches in its own language (`addingTranslations`).
    func semanticSearch(_ request: SearchRequest, normalized: String) async throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .semantic) }
        guard semantic != nil else { throw SearchError.semanticUnavailable }
        return try await rankedResponse(request, normalized: normalized, mode: .semantic) { request, vector in
            try await semanticHits(request, normalized: normalized, vector: vector)
        }
    }

    /// The response of a ranking mode (semantic, hybrid): `rank`'s hits for the request, plus the translations of
    /// a cross-language query's best matches in its own language (`addingTranslations`, which ranks again with the
    /// same query vector), paged and counted.
    func rankedResponse(
        _ request: SearchRequest, normalized: String, mode: SearchMode,
        rank: (SearchRequest, QueryVectorMemo) async throws -> (hits: [PendingHit], notes: [String])
    ) async throws -> SearchResponse {
        let vector = QueryVectorMemo()
        var (pending, notes) = try await rank(request, vector)
        pending = try await addingTranslations(to: pending, request: request, notes: &notes) { try await rank($0, vector).hits }
        let page = try await self.page(of: pending, request: request)
        return SearchResponse(results: page, total: pending.count, mode: mode, suggestions: [], notes: notes, normalizedQuery: normalized,
                              facets: try await facetCounts(request.facets, of: pending))
    }

    /// Semantic search's ranked hits for `request`, best first, with its notes.
    private func semanticHits(_ request: SearchRequest, normalized: String, vector memo: QueryVectorMemo) async throws
        -> (hits: [PendingHit], notes: [String]) {
        var notes: [String] = []
        let analysis = QueryAnalysis(normalized: normalized)
        var ranked: [RankedCandidate] = []
        if let note = queryLanguageNote(request) { notes.append(note) }
        switch try await queryVectorUnlessSkipped(analysis, normalized: normalized, request: request, memo: memo) {
        case .skipped(let reason):
            notes.append(reason)
        case .embedded(let vector):
            ranked = try await semanticRanking(request, vector: vector, normalized: normalized, analysis: analysis,
                                         count: max(configuration.candidateCount, request.offset + request.limit))
        }
        let hits = ranked.map { candidate in
            PendingHit(entryID: candidate.record.entryID, score: candidate.probability, similarity: candidate.similarity,
                       semanticRank: candidate.candidateRank, explanation: candidate.explanation)
        }
        return (hits, notes)
    }

    /// Facet counts over every ranked hit (the set `total` counts), nil when none were asked.
    func facetCounts(_ facets: [SearchFacet], of pending: [PendingHit]) async throws -> [SearchFacet: [String: Int]]? {
        guard !facets.isEmpty else { return nil }
        var seen = Set<String>()
        let ids = pending.map(\.entryID).filter { seen.insert($0).inserted }
        return try await store.facetCounts(facets, ids: ids)
    }

    /// The requested page of ranked hits, reading only its entries (all of them when the request sorts by something
    /// other than relevance, since that order needs every entry). A preferred language that the language filter
    /// leaves no alternative to changes nothing; any other one is applied from the hits' languages alone.
    func page(of pending: [PendingHit], request: SearchRequest) async throws -> [SearchHit] {
        if request.sort == .relevance {
            var ordered = pending
            let languages = request.filters.languages
            if let preferred = request.preferredLanguage, languages.isEmpty || languages.contains(where: { $0 != preferred }) {
                let languageOf = try await store.languages(ids: pending.map(\.entryID))
                ordered = pending.filter { languageOf[$0.entryID] == preferred }
                    + pending.filter { languageOf[$0.entryID].map { $0 != preferred } ?? false }
            }
            let slice = Array(ordered.dropFirst(request.offset).prefix(request.limit))
            let entries = try await store.entries(ids: slice.map(\.entryID))
            return slice.compactMap { item in entries[item.entryID].map(item.hit(with:)) }
        }
        let entries = try await store.entries(ids: pending.map(\.entryID))
        let hits = Self.sorted(pending.compactMap { item in entries[item.entryID].map(item.hit(with:)) },
                               by: request.sort, preferred: request.preferredLanguage)
        return Array(hits.dropFirst(request.offset).prefix(request.limit))
    }

    /// The query's embedding, or why the semantic leg should not run: a mostly-CJK query when the model is
    /// English-only (it maps nearly all ideographs to [UNK]; a multilingual model keeps the leg), or one whose words
    /// the dictionary's own text mostly lacks ("zzzqqq"). The vocabulary gate is not applied to a multilingual
    /// model's CJK query (CJK text has no word tokens for it to count) nor to one whose language is given and
    /// differs from the results' languages (the dictionary may hold no text in that language at all). The
    /// vocabulary check (the store's, ~0.5 ms on SQLite) runs beside the embedding, which is thrown away if the leg is skipped;
    /// `memo` holds the embedding for a second ranking of the same search.
    func queryVectorUnlessSkipped(_ analysis: QueryAnalysis, normalized: String, request: SearchRequest,
                                  memo: QueryVectorMemo) async throws -> QueryVector {
        do {
            return try await queryVectorOrSkip(analysis, normalized: normalized, request: request, memo: memo)
        } catch is ZeroQueryEmbedding {
            // Text the model reads nothing in (only punctuation, say) has no direction to search along.
            return .skipped(reason: "the query embeds to an all-zero vector: semantic leg skipped")
        }
    }

    private func queryVectorOrSkip(_ analysis: QueryAnalysis, normalized: String, request: SearchRequest,
                                   memo: QueryVectorMemo) async throws -> QueryVector {
        let multilingual = semantic?.embedder.isMultilingual ?? false
        let cjk = QueryText.cjkFraction(normalized) >= configuration.cjkSkipFraction
        if cjk && !multilingual {
            return .skipped(reason: "query is mostly CJK: semantic leg skipped, lexical results only")
        }
        if analysis.tokens.isEmpty || (multilingual && (cjk || Self.isCrossLanguage(request))) {
            return .embedded(SemanticQuery(vector: shifted(try memo.vector { try embedQuery(normalized) }, for: request, isCJK: cjk)))
        }
        async let knownWords = store.knownWordCount(of: analysis.tokens)
        let vector = shifted(try memo.vector { try embedQuery(normalized) }, for: request, isCJK: cjk)
        let companion = Self.blendsCompanion(request) ? try memo.companion { try embedCompanionQuery(normalized) } : nil
        let known = try await knownWords
        if Double(known) < configuration.minKnownWordShare * Double(analysis.tokens.count) {
            return .skipped(reason: "the dictionary's text contains \(known) of the query's \(analysis.tokens.count) words: semantic leg skipped")
        }
        return .embedded(SemanticQuery(vector: vector, companion: companion))
    }

    /// True when an English companion's score joins the model's (`SemanticCompanion`): the query is taken as
    /// English (stated so, or stated as nothing and not read as Spanish, French or German by `QueryLanguageGuess`)
    /// and English entries may be among the results. The caller has already set mostly-CJK and cross-language
    /// queries apart.
    static func blendsCompanion(_ request: SearchRequest) -> Bool {
        guard request.filters.languages.isEmpty || request.filters.languages.contains(.en) else { return false }
        guard let stated = request.queryLanguage else { return QueryLanguageGuess.language(of: request.query) == nil }
        return stated == .en
    }

    /// The query's embedding is all zeros (caught by `queryVectorUnlessSkipped`, which skips the leg).
    struct ZeroQueryEmbedding: Error {}

    /// A query's embedding, or why the semantic leg does not run.
    enum QueryVector {
        case skipped(reason: String)
        case embedded(SemanticQuery)
    }

    /// True when the request names the query's language and results may be in other languages (no language filter,
    /// or one without the query's language).
    static func isCrossLanguage(_ request: SearchRequest) -> Bool {
        guard let queryLanguage = request.queryLanguage else { return false }
        return request.filters.languages.isEmpty || !request.filters.languages.contains(queryLanguage)
    }

    /// The note for a query language the model cannot carry across (an English model and a non-English query), or nil.
    func queryLanguageNote(_ request: SearchRequest) -> String? {
        guard let semantic, let queryLanguage = request.queryLanguage, queryLanguage != .en,
              !semantic.embedder.isMultilingual else { return nil }
        return "query language \(queryLanguage.rawValue): the semantic model \(semantic.embedder.modelName) reads English only, "
            + "so meaning does not cross languages; `dict embed --model multilingual-e5-small` enables it"
    }

    /// The semantic ranking of a query: up to `count` entries, best first, each above the minimum score.
    func semanticRanking(_ request: SearchRequest, vector: SemanticQuery, normalized: String, analysis: QueryAnalysis, count: Int)
        async throws -> [RankedCandidate] {
        let matches = try vectorCandidates(request, vector: vector, normalized: normalized, analysis: analysis, count: count)
        let ranked = try await rank(matches, request: request, analysis: analysis, lexical: nil,
                                    ranker: configuration.semanticRanker(for: rankerModel(for: vector)), semanticRatio: 0.5)
        return Array(ranked.prefix(count))
    }

    /// The vector top-k of the query's embedding (cosine plus prior, the semantic filters applied): `count`
    /// entries plus room for the query's own words, which a description never asks for (`rank` drops them).
    func vectorCandidates(_ request: SearchRequest, vector: SemanticQuery, normalized: String, analysis: QueryAnalysis, count: Int)
        throws -> [SemanticMatch] {
        guard let semantic else { throw SearchError.semanticUnavailable }
        let k = min(count + (analysis.isDescription ? analysis.tokens.count : 0), 1000)
        let filters = semanticFilters(request, normalized: normalized)
        if let companion = semantic.companion, let companionVector = vector.companion {
            return try BlendedVectorSearch.search(
                primary: semantic.backend, query: vector.vector, companion: companion.backend, companionQuery: companionVector,
                weight: configuration.companionWeight, k: k, filters: filters, partOfSpeech: analysis.partOfSpeech,
                minSimilarity: configuration.minSimilarity)
        }
        return try semantic.backend.search(
            query: vector.vector, k: k, filters: filters, partOfSpeech: analysis.partOfSpeech, minSimilarity: configuration.minSimilarity)
    }

    /// The name whose rankers order the candidates of `query`: the blend's when the English companion's vector
    /// joined (`SemanticCompanion.blendName`), else the model's.
    func rankerModel(for query: SemanticQuery?) -> String? {
        guard let semantic else { return nil }
        if query?.companion != nil, let companion = semantic.companion {
            return SemanticCompanion.blendName(semantic.embedder.modelName, companion.embedder.modelName)
        }
        return semantic.embedder.modelName
    }

    /// The best vector of each of `entryIDs` for the query, blended with the companion's as `vectorCandidates` does.
    func vectorMatches(_ vector: SemanticQuery, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        guard let semantic else { throw SearchError.semanticUnavailable }
        if let companion = semantic.companion, let companionVector = vector.companion {
            return try BlendedVectorSearch.matches(
                primary: semantic.backend, query: vector.vector, companion: companion.backend, companionQuery: companionVector,
                weight: configuration.companionWeight, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
        }
        return try semantic.backend.matches(query: vector.vector, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
    }

    /// `vector` moved by its language's shift (`QueryLanguageShifts`) when `request` searches other languages'
    /// entries: results filtered to languages without the stated query language, or, for a mostly-CJK query that
    /// states none, without Chinese (then the variant the vector leans towards). A search of the query's own
    /// language, or of every language, keeps the vector as embedded: within one language the shift only blurs.
    func shifted(_ vector: UnitVector, for request: SearchRequest, isCJK: Bool) -> UnitVector {
        guard let shifts = semantic?.backend.languageShifts, !shifts.isEmpty, !request.filters.languages.isEmpty else { return vector }
        let results = request.filters.languages
        if let stated = request.queryLanguage { return results.contains(stated) ? vector : shifts.shifted(vector, language: stated) }
        guard isCJK, !results.contains(.zhCN), !results.contains(.zhTW) else { return vector }
        return shifts.shifted(vector, language: shifts.chineseVariant(leaning: vector))
    }

    /// The query's embedding, checked (model, dimension, finite and non-zero) and normalized here once: the
    /// backend and the index take the `UnitVector` as it is.
    func embedQuery(_ normalized: String) throws -> UnitVector {
        guard let semantic else { throw SearchError.semanticUnavailable }
        return try embed(normalized, with: semantic.embedder, for: semantic.backend)
    }

    /// The query's embedding by the English companion, checked as `embedQuery` checks.
    func embedCompanionQuery(_ normalized: String) throws -> UnitVector? {
        guard let companion = semantic?.companion else { return nil }
        return try embed(normalized, with: companion.embedder, for: companion.backend)
    }

    private func embed(_ normalized: String, with embedder: any Embedder, for backend: any SemanticBackend) throws -> UnitVector {
        if let indexModel = backend.modelName, indexModel != embedder.modelName {
            throw SearchError.modelMismatch(queryModel: embedder.modelName, indexModel: indexModel)
        }
        let vectors = try embedder.embed([normalized])
        let dimension = embedder.dimension
        guard let query = vectors.first else { throw SearchError.invalidEmbedding(expected: dimension, found: 0, reason: "no vector") }
        do {
            return try UnitVector(normalizing: query, dimension: dimension)
        } catch VectorError.dimensionMismatch {
            throw SearchError.invalidEmbedding(expected: dimension, found: query.count, reason: "wrong dimension")
        } catch VectorError.nonFiniteComponent {
            throw SearchError.invalidEmbedding(expected: dimension, found: query.count, reason: "NaN or infinite value")
        } catch {
            throw ZeroQueryEmbedding()
        }
    }

    /// Reads what ranking needs about the matched vectors, drops what the request excludes (filters; for a
    /// description, the query's own words), scores the rest with `ranker` and keeps those at or above the cosine
    /// floor and the minimum probability, best first. `lexical` gives hybrid's lexical scores by entry id; lexical
    /// matches are kept whatever their scores (hybrid applies its own floor after the typed-term tiers).
    /// O(c · features) plus one read by primary keys.
    func rank(_ matches: [SemanticMatch], request: SearchRequest, analysis: QueryAnalysis,
              lexical: [String: (score: Double, fullText: Double)]?, ranker: DescriptionRanker,
              semanticRatio: Double) async throws -> [RankedCandidate] {
        let records = try await store.candidateRecords(for: matches)
        var candidates: [(candidate: DescriptionRanker.Candidate, rank: Int)] = []
        // The vector top-k is above the cosine floor already (the backend applies it); lexical matches re-scored
        // by `matches` keep their place whatever their cosine.
        for (index, match) in matches.enumerated() where match.similarity.isFinite {
            // Re-checked here: the index may lag a just-committed write.
            guard let record = records[match.entryID], record.passes(request.filters) else { continue }
            if analysis.isDescription, analysis.tokenSet.contains(record.normalizedTerm) { continue }
            candidates.append((DescriptionRanker.Candidate(record: record, similarity: match.similarity, lexical: lexical?[match.entryID]),
                               index + 1))
        }
        let best = candidates.map(\.candidate.similarity).max() ?? 0
        let minimum = request.minScore ?? configuration.defaultMinScore(ranker: ranker, semanticRatio: semanticRatio)
        var ranked: [RankedCandidate] = []
        for (position, item) in candidates.enumerated() {
            let features = ranker.features(of: item.candidate, rank: position, bestSimilarity: best, query: analysis)
            let score = ranker.score(features, semanticRatio: semanticRatio)
            let probability = ranker.probability(ofScore: score, semanticRatio: semanticRatio)
            guard probability >= minimum || item.candidate.lexical != nil else { continue }
            var explanation: SearchExplanation?
            if request.explain {
                explanation = SearchExplanation(
                    sense: item.candidate.record.chunk, partOfSpeech: item.candidate.record.partOfSpeech?.name,
                    rankerScore: score, probability: probability,
                    features: RankingFeature.allCases.map {
                        SearchExplanation.Feature(name: $0.name, value: features[$0.rawValue],
                                                  contribution: features[$0.rawValue] * ranker.model.weights[$0.rawValue])
                    })
            }
            ranked.append(RankedCandidate(record: item.candidate.record, similarity: item.candidate.similarity, score: score,
                                          probability: probability, candidateRank: item.rank, explanation: explanation))
        }
        // Stable: equal scores keep the candidates' order.
        return ranked.enumerated().sorted { lhs, rhs in
            lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The filters of the semantic leg. The English model maps almost every CJK ideograph to [UNK], so Chinese
    /// entries embed to near-identical vectors that sit at a similar, moderate cosine to any English query and
    /// crowd out real matches. Unless the model is multilingual, the caller asks for Chinese languages or the query
    /// itself is mostly CJK, Chinese entries are left out of the semantic leg (lexical search still finds them).
    func semanticFilters(_ request: SearchRequest, normalized: String) -> SearchFilters {
        var filters = request.filters
        guard configuration.excludeChineseFromSemantic, filters.languages.isEmpty,
              !(semantic?.embedder.isMultilingual ?? false),
              QueryText.cjkFraction(normalized) < configuration.cjkSkipFraction
        else { return filters }
        filters.languages = Language.allCases.filter { $0 != .zhCN && $0 != .zhTW }
        return filters
    }
}
