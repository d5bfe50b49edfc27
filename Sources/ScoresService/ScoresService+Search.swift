import DictStore
import GRDB

extension ScoresService {
    /// Scores matching every given filter, ordered by title then id. Each filter is an equality on an indexed
    /// column, so SQLite starts from an index (`searchPlan` shows which); cost O(matches · log n).
    package func search(_ query: ScoreQuery) throws -> ScoreSearchResult {
        try database.read { db in
            let (sql, arguments) = try searchSQL(query, db: db)
            let limit = min(max(query.limit, 1), 200)
            let rows = try Row.fetchAll(db, sql: sql + " LIMIT ? OFFSET ?", arguments: arguments + [limit + 1, max(query.offset, 0)])
            let scores = try rows.prefix(limit).map(Score.init(row:))
            return ScoreSearchResult(scores: Array(scores), hasMore: rows.count > limit)
        }
    }

    /// The `EXPLAIN QUERY PLAN` detail lines of `search(query)`, to check which index it uses.
    package func searchPlan(_ query: ScoreQuery) throws -> [String] {
        try database.read { db in
            let (sql, arguments) = try searchSQL(query, db: db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    private func searchSQL(_ query: ScoreQuery, db: Database) throws -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let composer = try Self.optionalText(query.composer, field: "composer") {
            conditions.append("composer = ?")
            arguments += [try Self.canonicalComposer(composer, in: db) ?? composer]
        }
        if let instrument = query.instrument {
            conditions.append("instrument = ?")
            arguments += [instrument.rawValue]
        }
        if let difficulty = query.difficulty {
            conditions.append("difficulty = ?")
            arguments += [difficulty.rawValue]
        }
        if let stylePeriod = query.stylePeriod {
            conditions.append("style_period = ?")
            arguments += [stylePeriod.rawValue]
        }
        // The unary `+` keeps the low-selectivity visibility term from being chosen as the index (without
        // ANALYZE statistics SQLite would rate idx_scores_visibility as good as the filter's own index).
        if let viewerID = query.viewerID {
            conditions.append("(+visibility = 'public' OR user_id = ?)")
            arguments += [viewerID]
        } else {
            conditions.append("+visibility = 'public'")
        }
        let sql = "SELECT \(Score.columns) FROM scores WHERE \(conditions.joined(separator: " AND ")) ORDER BY title, id"
        return (sql, arguments)
    }
}
