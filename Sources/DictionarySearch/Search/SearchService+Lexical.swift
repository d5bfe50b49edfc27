import DictStore
import DictionaryCore
import GRDB

extension SearchService {
    /// Lexical search in relevance tiers, each answered by an index rather than a scan of every term:
    /// exact (`normalized_term`/`folded_term` equality), prefix (range scans of the same indexes), fuzzy (a typo of a
    /// one- or two-word query: trigram candidates checked by edit distance, only when nothing matched exactly or as
    /// a prefix), contains (the trigram index of the folded term; CJK queries shorter than three characters scan
    /// only the Chinese entries), then other (FTS5 BM25 over term ×10, synonyms ×4, definition text ×1, with stop
    /// words left out; all content words ANDed, OR when that finds nothing (then without words common to more than
    /// `LexicalQuery.commonWordCutoff` entries while a rarer one remains), the last one a prefix). Within a tier:
    /// shorter terms first (exact: the normalized spelling first), then quality, popularity; BM25 orders the last
    /// tier. An empty query browses. Each tier reads at most `offset + limit` rows, so a page costs
    /// O(tiers · (log n + offset + limit)) plus the full-text match; `total` counts matches up to `totalCap`.
    func lexical(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        try database.read { db in
            let page = try lexicalPage(db, request: request, normalized: normalized)
            return SearchResponse(
                results: page.hits, total: page.total, mode: .lexical, suggestions: [], notes: page.notes, normalizedQuery: normalized,
                facets: page.facets)
        }
    }

    /// Totals stop counting here: a page can never start beyond `offsetRange`'s upper bound anyway.
    static let totalCap = 10_000

    /// One lexical page for `request`'s filters, sort, limit and offset, with its total, notes and the requested
    /// facet counts (nil when none were asked).
    func lexicalPage(_ db: Database, request: SearchRequest, normalized: String)
        throws -> (hits: [SearchHit], total: Int, notes: [String], facets: [SearchFacet: [String: Int]]?) {
        guard !normalized.isEmpty else { return try browsePage(db, request: request) }
        let query = LexicalQuery(normalized: normalized, filters: request.filters)
        let matches = try lexicalCandidates(db, query: query, limit: request.offset + request.limit)
        let typos = matches.typos
        // Facets count the union of the tiers' conditions, the set the non-relevance orders page through.
        let facets = try request.facets.isEmpty ? nil
            : query.facetCounts(db, facets: request.facets, expression: matches.fullTextExpression, extra: typos, cap: Self.totalCap)
        if request.sort != .relevance {
            // Another order over all matches: one statement over the union of the tiers' conditions.
            let page = try query.sortedPage(db, request: request, expression: matches.fullTextExpression, extra: typos)
            return (page.hits, page.total, matches.notes, facets)
        }
        var ordered = matches.ordered
        if let preferred = request.preferredLanguage {
            ordered = ordered.enumerated().sorted { lhs, rhs in
                let (a, b) = (lhs.element.lang == preferred.rawValue, rhs.element.lang == preferred.rawValue)
                return a != b ? a : lhs.offset < rhs.offset
            }.map(\.element)
        }
        let slice = Array(ordered.dropFirst(request.offset).prefix(request.limit))
        let entries = try Self.entries(seqs: slice.map(\.seq), db: db)
        let hits = slice.compactMap { candidate -> SearchHit? in
            entries[candidate.seq].map { SearchHit(entry: $0, score: candidate.bm25.map { -$0 } ?? 0, tier: candidate.tier) }
        }
        let total = try query.total(db, expression: matches.fullTextExpression, fuzzyCount: matches.typos.count, cap: Self.totalCap)
        return (hits, max(total, ordered.count), matches.notes, facets)
    }

    /// The best `limit` lexical matches in relevance order (tiers, then BM25), without reading their entries, and
    /// every typo match (for totals, facets and other orders).
    func lexicalCandidates(_ db: Database, query: LexicalQuery, limit: Int)
        throws -> (ordered: [LexicalCandidate], notes: [String], fullTextExpression: String?, typos: [Int64]) {
        var notes: [String] = []
        var ordered: [LexicalCandidate] = []
        var seen = Set<Int64>()
        func take(_ candidates: [LexicalCandidate]) {
            for candidate in candidates where seen.insert(candidate.seq).inserted { ordered.append(candidate) }
        }
        take(try query.termTier(.exact, db: db, limit: limit))
        take(try query.termTier(.prefix, db: db, limit: limit))
        var typos: [Int64] = []
        if ordered.isEmpty, query.allowsFuzzy {
            // Every typo match, not just a page's worth: the tier's work is bounded by its shortlist either way, and
            // the total, the facets and the other orders must not depend on the page size.
            let fuzzy = try query.fuzzyTier(db: db, limit: LexicalQuery.shortlistSize, common: commonTrigrams, terms: termTrigrams)
            typos = fuzzy.map(\.seq)
            take(fuzzy)
        }
        take(try query.containsTier(db: db, limit: limit))
        // The expression is built once (the any-word one looks up word frequencies) and reused for the total.
        var expression = try query.fullTextExpression(db, any: false, common: commonWords)
        var fullText = try query.fullTextTier(db: db, expression: expression, limit: limit + seen.count)
        // Any-word matching only when nothing at all matched (a long description rarely has every word in one entry).
        if fullText.isEmpty, ordered.isEmpty, query.contentTokens.count > 1 {
            expression = try query.fullTextExpression(db, any: true, common: commonWords)
            fullText = try query.fullTextTier(db: db, expression: expression, limit: limit + seen.count)
            if !fullText.isEmpty { notes.append("no entry matched every word; showing entries matching any word") }
        }
        take(fullText)
        return (Array(ordered.prefix(limit)), notes, expression, typos)
    }

    /// Browsing (empty query): the filters only, in the requested order.
    private func browsePage(_ db: Database, request: SearchRequest)
        throws -> (hits: [SearchHit], total: Int, notes: [String], facets: [SearchFacet: [String: Int]]?) {
        let (filterSQL, filterArguments) = request.filters.sqlConditions()
        let whereSQL = filterSQL.isEmpty ? "" : "WHERE " + filterSQL.joined(separator: " AND ")
        let (languageSQL, languageArguments) = Self.languageFirst(request.preferredLanguage)
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e \(whereSQL) ORDER BY \(languageSQL)\(Self.orderClause(for: request.sort)) LIMIT ? OFFSET ?",
            arguments: StatementArguments(filterArguments + languageArguments + [request.limit.databaseValue, request.offset.databaseValue]))
        let total = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e \(whereSQL) LIMIT \(Self.totalCap))",
            arguments: StatementArguments(filterArguments)) ?? 0
        var facets: [SearchFacet: [String: Int]]?
        if !request.facets.isEmpty {
            var tally = FacetTally(request.facets)
            try tally.add(db, sql: """
                SELECT lang, type, count(*) FROM (SELECT e.lang, e.type FROM dictionary_entries e \(whereSQL) LIMIT \(Self.totalCap))
                GROUP BY lang, type
                """, arguments: StatementArguments(filterArguments))
            facets = tally.counts
        }
        return (try rows.map { SearchHit(entry: try EntryRow.decode($0), score: 0, tier: .other) }, total, [], facets)
    }

    /// Entries by internal `seq`, keyed by it (one statement per 500).
    static func entries(seqs: [Int64], db: Database) throws -> [Int64: DictionaryEntry] {
        var result: [Int64: DictionaryEntry] = [:]
        var start = 0
        while start < seqs.count {
            let chunk = Array(seqs[start..<min(start + 500, seqs.count)])
            let sql = "SELECT \(EntryRow.columns), e.seq AS lexical_seq FROM dictionary_entries e WHERE e.seq IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)) {
                result[row["lexical_seq"]] = try EntryRow.decode(row)
            }
            start += 500
        }
        return result
    }
}
