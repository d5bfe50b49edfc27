import GRDB

extension SearchService {
    /// Lexical search: FTS5 BM25 over term (weight 10), synonyms (4) and definition text (1), united with
    /// substring matches of the normalized and folded term (`instr`, no pattern syntax; this is what carries CJK
    /// queries, which unicode61 keeps as one token per run of ideographs). Relevance: tier exact → prefix →
    /// contains → other, then BM25, quality, popularity. Multi-word queries AND their tokens and fall back to OR
    /// when that finds nothing. An empty query browses (filters only). Cost: the FTS query plus scans of the two
    /// term-key covering indexes for the substring test, O(n) over short keys.
    func lexical(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        try database.read { db in
            let tokens = QueryText.tokens(normalized)
            var notes: [String] = []
            var page = try lexicalPage(db, request: request, normalized: normalized, tokens: tokens, anyToken: false)
            if page.total == 0, tokens.count > 1 {
                page = try lexicalPage(db, request: request, normalized: normalized, tokens: tokens, anyToken: true)
                if page.total > 0 { notes.append("no entry matched every word; showing entries matching any word") }
            }
            return SearchResponse(
                results: page.hits, total: page.total, mode: .lexical, suggestions: [], notes: notes, normalizedQuery: normalized)
        }
    }

    /// One lexical page (with its total) for `request`'s filters, sort, limit and offset.
    func lexicalPage(
        _ db: Database, request: SearchRequest, normalized: String, tokens: [String], anyToken: Bool
    ) throws -> (hits: [SearchHit], total: Int) {
        let folded = TermNormalizer.fold(normalized)
        let nq = normalized.databaseValue
        let fq = folded.databaseValue
        // Candidates: FTS hits (with their BM25 rank) united with substring hits of the term keys, reduced to one
        // row per entry and joined to the entries by primary key. Browsing (empty query) reads every entry.
        var legs: [String] = []
        var legArguments: [DatabaseValue] = []
        if let expression = QueryText.matchExpression(tokens, any: anyToken) {
            legs.append("SELECT rowid AS seq, bm25(dictionary_fts, 10.0, 4.0, 1.0) AS rank FROM dictionary_fts WHERE dictionary_fts MATCH ?")
            legArguments.append(expression.databaseValue)
        }
        if !normalized.isEmpty {
            // Two legs rather than one OR, so each is a scan of a small covering index instead of the table.
            legs.append("SELECT seq, NULL AS rank FROM dictionary_entries WHERE instr(normalized_term, ?) > 0")
            legs.append("SELECT seq, NULL AS rank FROM dictionary_entries WHERE instr(folded_term, ?) > 0")
            legArguments += [nq, fq]
        }
        let withSQL: String
        let fromSQL: String
        let rankSQL: String
        if legs.isEmpty {
            withSQL = ""
            fromSQL = "dictionary_entries e"
            rankSQL = "NULL"
        } else {
            withSQL = "WITH candidates AS (\(legs.joined(separator: " UNION ALL "))), best AS (SELECT seq, min(rank) AS rank FROM candidates GROUP BY seq) "
            fromSQL = "best JOIN dictionary_entries e ON e.seq = best.seq"
            rankSQL = "best.rank"
        }
        let withArguments = legArguments
        let (filterSQL, filterArguments) = request.filters.sqlConditions()
        let whereSQL = filterSQL.isEmpty ? "" : "WHERE " + filterSQL.joined(separator: " AND ")
        let whereArguments = filterArguments

        let tierSQL: String
        let tierArguments: [DatabaseValue]
        if normalized.isEmpty {
            tierSQL = "3"
            tierArguments = []
        } else {
            tierSQL = """
                CASE WHEN e.normalized_term = ? OR e.folded_term = ? THEN 0
                     WHEN substr(e.normalized_term, 1, length(?)) = ? OR substr(e.folded_term, 1, length(?)) = ? THEN 1
                     WHEN instr(e.normalized_term, ?) > 0 OR instr(e.folded_term, ?) > 0 THEN 2 ELSE 3 END
                """
            tierArguments = [nq, fq, nq, nq, fq, fq, nq, fq]
        }
        let (languageSQL, languageArguments) = Self.languageFirst(request.preferredLanguage)
        let order: String
        var orderArguments = languageArguments
        if request.sort == .relevance {
            order = "\(languageSQL)tier ASC, (e.normalized_term <> ?), rank IS NULL, rank ASC, e.overall_score DESC, e.search_frequency DESC, e.normalized_term ASC, e.seq ASC"
            orderArguments.append(nq)
        } else {
            order = languageSQL + Self.orderClause(for: request.sort)
        }
        // The window count gives the total in the same pass; only a page past the end needs a separate count.
        let sql = "\(withSQL)SELECT \(EntryRow.columns), \(rankSQL) AS rank, \(tierSQL) AS tier, count(*) OVER () AS total_count FROM \(fromSQL) \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?"
        let arguments = withArguments + tierArguments + whereArguments + orderArguments
            + [request.limit.databaseValue, request.offset.databaseValue]
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        let hits = try rows.map { row -> SearchHit in
            let rank: Double? = row["rank"]
            let tierValue: Int = row["tier"]
            return SearchHit(entry: try EntryRow.decode(row), score: rank.map { -$0 } ?? 0, tier: MatchTier(rawValue: tierValue))
        }
        var total = rows.first.map { $0["total_count"] as Int } ?? 0
        if rows.isEmpty, request.offset > 0 {
            total = try Int.fetchOne(
                db, sql: "\(withSQL)SELECT count(*) FROM \(fromSQL) \(whereSQL)",
                arguments: StatementArguments(withArguments + whereArguments)) ?? 0
        }
        return (hits, total)
    }
}
