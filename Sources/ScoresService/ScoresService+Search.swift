extension ScoresService {
    /// Scores matching every given filter, ordered by title then id. Each filter is an equality on an indexed
    /// column, so the database starts from an index (`searchPlan` shows which); cost O(matches · log n).
    package func search(_ query: ScoreQuery) async throws -> ScoreSearchResult {
        var checked = query
        checked.composer = try Self.optionalText(query.composer, field: "composer")
        let limit = min(max(query.limit, 1), 200)
        let rows = try await store.search(checked, limit: limit + 1, offset: max(query.offset, 0))
        return ScoreSearchResult(scores: Array(rows.prefix(limit)), hasMore: rows.count > limit)
    }

    /// The engine's plan of `search(query)` (SQLite: `EXPLAIN QUERY PLAN`'s detail lines), to check which index
    /// it uses.
    package func searchPlan(_ query: ScoreQuery) async throws -> [String] {
        var checked = query
        checked.composer = try Self.optionalText(query.composer, field: "composer")
        return try await store.searchPlan(checked)
    }
}
