import DictionaryCore

extension SearchService {
    /// Lexical search in relevance tiers, each answered by an index rather than a scan of every term:
    /// exact (`normalized_term`/`folded_term` equality), prefix (range scans of the same indexes), fuzzy (a typo of a
    /// one- or two-word query: trigram candidates checked by edit distance, only when nothing matched exactly or as
    /// a prefix), contains (the trigram index of the folded term; CJK queries shorter than three characters scan
    /// only the Chinese entries), then other (full text over term ×10, synonyms ×4, definition text ×1 — SQLite:
    /// FTS5 BM25, PostgreSQL: `ts_rank` — with stop words left out; all content words ANDed, OR when that finds
    /// nothing (then without words common to more than `LexicalPlan.commonWordCutoff` entries while a rarer one
    /// remains), the last one a prefix). Within a tier: shorter terms first (exact: the normalized spelling first),
    /// then quality, popularity; the full-text rank orders the last tier. An empty query browses. Each tier reads
    /// at most `offset + limit` rows, so a page costs O(tiers · (log n + offset + limit)) plus the full-text match;
    /// `total` counts matches up to `totalCap`.
    func lexical(_ request: SearchRequest, normalized: String) async throws -> SearchResponse {
        let page = try await lexicalPage(request: request, normalized: normalized)
        return SearchResponse(
            results: page.hits, total: page.total, mode: .lexical, suggestions: [], notes: page.notes, normalizedQuery: normalized,
            facets: page.facets)
    }

    /// Totals stop counting here: a page can never start beyond `offsetRange`'s upper bound anyway.
    static let totalCap = 10_000

    /// One lexical page for `request`'s filters, sort, limit and offset, with its total, notes and the requested
    /// facet counts (nil when none were asked).
    func lexicalPage(request: SearchRequest, normalized: String) async throws
        -> (hits: [SearchHit], total: Int, notes: [String], facets: [SearchFacet: [String: Int]]?) {
        let order = LexicalOrder(sort: request.sort, preferredLanguage: request.preferredLanguage, limit: request.limit,
                                 offset: request.offset, cap: Self.totalCap)
        guard !normalized.isEmpty else {
            let browsed = try await store.browse(request.filters, order: order, facets: request.facets)
            return (browsed.page.entries.map { SearchHit(entry: $0, score: 0, tier: .other) }, browsed.page.total, [], browsed.facets)
        }
        let plan = LexicalPlan(normalized: normalized, filters: request.filters)
        let matches = try await lexicalCandidates(plan, limit: request.offset + request.limit)
        let typos = matches.typos
        // Facets count the union of the tiers' conditions, the set the non-relevance orders page through.
        let facets = request.facets.isEmpty ? nil
            : try await store.lexicalFacets(plan, facets: request.facets, expression: matches.fullTextExpression, extra: typos, cap: Self.totalCap)
        if request.sort != .relevance {
            // Another order over all matches: one statement over the union of the tiers' conditions.
            let page = try await store.lexicalPage(plan, expression: matches.fullTextExpression, extra: typos, order: order)
            return (page.entries.map { SearchHit(entry: $0, score: 0) }, page.total, matches.notes, facets)
        }
        var ordered = matches.ordered
        if let preferred = request.preferredLanguage {
            ordered = ordered.enumerated().sorted { lhs, rhs in
                let (a, b) = (lhs.element.lang == preferred.rawValue, rhs.element.lang == preferred.rawValue)
                return a != b ? a : lhs.offset < rhs.offset
            }.map(\.element)
        }
        let slice = Array(ordered.dropFirst(request.offset).prefix(request.limit))
        let entries = try await store.entries(seqs: slice.map(\.seq))
        let hits = slice.compactMap { candidate -> SearchHit? in
            entries[candidate.seq].map { SearchHit(entry: $0, score: candidate.bm25.map { -$0 } ?? 0, tier: candidate.tier) }
        }
        let total = try await store.lexicalTotal(plan, expression: matches.fullTextExpression, fuzzyCount: typos.count, cap: Self.totalCap)
        return (hits, max(total, ordered.count), matches.notes, facets)
    }

    /// The best `limit` lexical matches in relevance order (tiers, then the full-text rank), without reading their
    /// entries, and every typo match (for totals, facets and other orders).
    func lexicalCandidates(_ plan: LexicalPlan, limit: Int) async throws
        -> (ordered: [LexicalCandidate], notes: [String], fullTextExpression: FullTextExpression?, typos: [Int64]) {
        var notes: [String] = []
        var ordered: [LexicalCandidate] = []
        var seen = Set<Int64>()
        func take(_ candidates: [LexicalCandidate]) {
            for candidate in candidates where seen.insert(candidate.seq).inserted { ordered.append(candidate) }
        }
        take(try await store.termTier(plan, tier: .exact, limit: limit))
        take(try await store.termTier(plan, tier: .prefix, limit: limit))
        var typos: [Int64] = []
        if ordered.isEmpty, plan.allowsFuzzy {
            // Every typo match, not just a page's worth: the tier's work is bounded by its shortlist either way, and
            // the total, the facets and the other orders must not depend on the page size.
            let fuzzy = try await typoTier(plan)
            typos = fuzzy.map(\.seq)
            take(fuzzy)
        }
        take(try await store.containsTier(plan, limit: limit))
        // The expression is built once (the any-word one looks up word frequencies) and reused for the total.
        var expression = try await store.fullTextExpression(plan, any: false)
        var fullText: [LexicalCandidate] = []
        if let expression { fullText = try await store.fullTextTier(plan, expression: expression, limit: limit + seen.count) }
        // Any-word matching only when nothing at all matched (a long description rarely has every word in one entry).
        if fullText.isEmpty, ordered.isEmpty, plan.contentTokens.count > 1 {
            expression = try await store.fullTextExpression(plan, any: true)
            if let expression { fullText = try await store.fullTextTier(plan, expression: expression, limit: limit + seen.count) }
            if !fullText.isEmpty { notes.append("no entry matched every word; showing entries matching any word") }
        }
        take(fullText)
        return (Array(ordered.prefix(limit)), notes, expression, typos)
    }

    /// Every typo match of a one- or two-word query ("cresendo" → crescendo), the likeliest slip first
    /// (`TypoMatch.ranked`): the store's trigram candidates, checked by edit distance.
    func typoTier(_ plan: LexicalPlan) async throws -> [LexicalCandidate] {
        let query = Array(plan.folded.unicodeScalars)
        let tolerance = EditDistance.tolerance(forLength: query.count)
        guard tolerance > 0, query.count >= 3 else { return [] }
        let candidates = try await store.typoCandidates(plan.keyQuery, tolerance: tolerance)
        return TypoMatch.ranked(candidates, query: query, tolerance: tolerance).prefix(LexicalPlan.shortlistSize).map {
            LexicalCandidate(seq: $0.seq, lang: $0.lang, entryID: $0.entryID, tier: .fuzzy, bm25: nil)
        }
    }
}
