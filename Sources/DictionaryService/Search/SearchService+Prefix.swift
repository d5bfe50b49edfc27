import GRDB

extension SearchService {
    /// Autocomplete: terms whose normalized or accent-folded key starts with the query. Two index range scans
    /// (`normalized_term >= q AND < q + U+10FFFF`, same on `folded_term`), so the cost is O(log n + matches) and
    /// fast enough per keystroke. Relevance: exact match first, then shorter terms, then quality.
    func prefix(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .prefix) }
        let folded = TermNormalizer.fold(normalized)
        let upper = "\u{10FFFF}"
        let (conditions, filterArguments) = request.filters.sqlConditions(indexable: false)
        var whereSQL = "((e.normalized_term >= ? AND e.normalized_term < ?) OR (e.folded_term >= ? AND e.folded_term < ?))"
        for condition in conditions { whereSQL += " AND \(condition)" }
        let whereArguments: [DatabaseValue] = [normalized, normalized + upper, folded, folded + upper].map(\.databaseValue) + filterArguments
        let (languageSQL, languageArguments) = Self.languageFirst(request.preferredLanguage)
        let tierSQL = "CASE WHEN e.normalized_term = ? OR e.folded_term = ? THEN 0 ELSE 1 END"
        let order = request.sort == .relevance
            ? "\(languageSQL)\(tierSQL), (e.normalized_term <> ?), length(e.normalized_term), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq"
            : "\(languageSQL)\(Self.orderClause(for: request.sort))"
        let orderArguments: [DatabaseValue] = languageArguments
            + (request.sort == .relevance ? [normalized, folded, normalized].map(\.databaseValue) : [])
        return try database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries e WHERE \(whereSQL)", arguments: StatementArguments(whereArguments)) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e WHERE \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: StatementArguments(whereArguments + orderArguments + [request.limit.databaseValue, request.offset.databaseValue]))
            let hits = try rows.map { row -> SearchHit in
                let entry = try EntryRow.decode(row)
                let tier: MatchTier = entry.normalizedTerm == normalized || entry.foldedTerm == folded ? .exact : .prefix
                return SearchHit(entry: entry, score: tier == .exact ? 1 : 0.5, tier: tier)
            }
            return SearchResponse(results: hits, total: total, mode: .prefix, suggestions: [], notes: [], normalizedQuery: normalized)
        }
    }
}
