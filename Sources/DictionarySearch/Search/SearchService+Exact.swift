import DictStore
import DictionaryCore
import GRDB

extension SearchService {
    /// Exact lookup: entries whose normalized term equals the query, then (if none) whose accent-folded term does,
    /// in `filters.languages` (requested = preferred or first language first). With `languageFallback`, an empty
    /// result is retried in every language. No match → up to 5 prefix suggestions, or when there are none, up to 5
    /// terms within a small edit distance ("alegro" → "allegro", from the trigram index). O(log n) by the
    /// `(normalized_term, lang)` and `(folded_term, lang)` indexes.
    func exact(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .exact) }
        let folded = TermNormalizer.fold(normalized)
        // The requested language (the first of `filters.languages`) leads relevance order; explicit sorts keep theirs.
        let preferred = request.preferredLanguage ?? (request.sort == .relevance ? request.filters.languages.first : nil)
        return try database.read { db in
            var filters = request.filters
            var (hits, total) = try exactHits(db, request: request, filters: filters, normalized: normalized, folded: folded, preferred: preferred)
            var notes: [String] = []
            if total == 0, request.languageFallback, !filters.languages.isEmpty {
                filters.languages = []
                (hits, total) = try exactHits(db, request: request, filters: filters, normalized: normalized, folded: folded, preferred: preferred)
                if total > 0 { notes.append("no match in the requested languages; showing other languages") }
            }
            var suggestions: [String] = []
            if total == 0 {
                suggestions = try prefixSuggestions(db, normalized: normalized, folded: folded, limit: 5)
                if suggestions.isEmpty { suggestions = try spellingSuggestions(db, normalized: normalized, limit: 5) }
            }
            return SearchResponse(results: hits, total: total, mode: .exact, suggestions: suggestions, notes: notes, normalizedQuery: normalized)
        }
    }

    private func exactHits(
        _ db: Database, request: SearchRequest, filters: SearchFilters, normalized: String, folded: String, preferred: Language?
    ) throws -> ([SearchHit], Int) {
        let (conditions, filterArguments) = filters.sqlConditions(indexable: false)
        var whereSQL = "(e.normalized_term = ? OR e.folded_term = ?) AND +e.overall_score >= ?"
        for condition in conditions { whereSQL += " AND \(condition)" }
        let baseArguments: [DatabaseValue] = [normalized.databaseValue, folded.databaseValue, configuration.exactMinimumScore.databaseValue] + filterArguments
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM dictionary_entries e WHERE \(whereSQL)"), arguments: StatementArguments(baseArguments)) ?? 0
        let (languageSQL, languageArguments) = Self.languageFirst(preferred)
        let order = request.sort == .relevance
            ? "\(languageSQL)(e.normalized_term <> ?), e.overall_score DESC, e.version DESC, e.seq ASC"
            : "\(languageSQL)\(Self.orderClause(for: request.sort))"
        let orderArguments: [DatabaseValue] = languageArguments + (request.sort == .relevance ? [normalized.databaseValue] : [])
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e WHERE \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?"),
            arguments: StatementArguments(baseArguments + orderArguments + [request.limit.databaseValue, request.offset.databaseValue]))
        let hits = try rows.map { row -> SearchHit in
            let entry = try EntryRow.decode(row)
            let isExact = entry.normalizedTerm == normalized
            return SearchHit(entry: entry, score: isExact ? 1 : 0.9, tier: .exact)
        }
        return (hits, total)
    }

    /// Up to `limit` distinct terms starting with the query (normalized or folded), best score first, any language.
    func prefixSuggestions(_ db: Database, normalized: String, folded: String, limit: Int) throws -> [String] {
        let upper = "\u{10FFFF}"
        return try String.fetchAll(db, sql: """
            SELECT e.term FROM dictionary_entries e
            WHERE (e.normalized_term >= ? AND e.normalized_term < ?) OR (e.folded_term >= ? AND e.folded_term < ?)
            GROUP BY e.normalized_term ORDER BY max(e.overall_score) DESC, e.normalized_term ASC LIMIT ?
            """, arguments: [normalized, normalized + upper, folded, folded + upper, limit])
    }

    /// Up to `limit` distinct terms within `EditDistance.tolerance` of the query (a typo of a one- or two-word
    /// term: "alegro" → allegro), from lexical search's fuzzy tier: the likeliest slip first (`TypoCost`), then the
    /// more frequent word, then quality. Trigram candidates, so the cost does not grow with the dictionary.
    func spellingSuggestions(_ db: Database, normalized: String, limit: Int) throws -> [String] {
        let query = LexicalQuery(normalized: normalized, filters: SearchFilters())
        guard query.allowsFuzzy else { return [] }
        let matches = try query.fuzzyTier(db: db, limit: limit * 6, common: commonTrigrams, terms: termTrigrams)
        guard !matches.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: matches.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT seq, term, normalized_term FROM dictionary_entries WHERE seq IN (\(placeholders))",
                                    arguments: StatementArguments(matches.map(\.seq)))
        let bySeq = Dictionary(uniqueKeysWithValues: rows.map { (($0["seq"] as Int64), (term: $0["term"] as String, key: $0["normalized_term"] as String)) })
        var seen = Set<String>()
        var terms: [String] = []
        for match in matches {
            guard let found = bySeq[match.seq], seen.insert(found.key).inserted else { continue }
            terms.append(found.term)
            if terms.count == limit { break }
        }
        return terms
    }
}
