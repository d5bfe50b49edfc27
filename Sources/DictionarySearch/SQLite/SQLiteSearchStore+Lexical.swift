import DictStore
package import DictionaryCore
import GRDB

/// Lexical search on SQLite: FTS5 (BM25 over term ×10, synonyms ×4, definition ×1) and the trigram table, through
/// `LexicalQuery`'s statements.
extension SQLiteSearchStore {
    package func termTier(_ plan: LexicalPlan, tier: MatchTier, limit: Int) async throws -> [LexicalCandidate] {
        try database.read { db in try LexicalQuery(plan).termTier(tier, db: db, limit: limit) }
    }

    package func containsTier(_ plan: LexicalPlan, limit: Int) async throws -> [LexicalCandidate] {
        try database.read { db in try LexicalQuery(plan).containsTier(db: db, limit: limit) }
    }

    package func fullTextExpression(_ plan: LexicalPlan, any: Bool) async throws -> FullTextExpression? {
        try database.read { db in try LexicalQuery(plan).fullTextExpression(db, any: any, common: commonWords) }
    }

    package func fullTextTier(_ plan: LexicalPlan, expression: FullTextExpression, limit: Int) async throws -> [LexicalCandidate] {
        try database.read { db in try LexicalQuery(plan).fullTextTier(db: db, expression: expression.text, limit: limit) }
    }

    package func lexicalTotal(_ plan: LexicalPlan, expression: FullTextExpression?, fuzzyCount: Int, cap: Int) async throws -> Int {
        try database.read { db in try LexicalQuery(plan).total(db, expression: expression?.text, fuzzyCount: fuzzyCount, cap: cap) }
    }

    package func lexicalPage(_ plan: LexicalPlan, expression: FullTextExpression?, extra: [Int64], order: LexicalOrder) async throws -> EntryPage {
        try database.read { db in try LexicalQuery(plan).sortedPage(db, order: order, expression: expression?.text, extra: extra) }
    }

    package func lexicalFacets(_ plan: LexicalPlan, facets: [SearchFacet], expression: FullTextExpression?, extra: [Int64], cap: Int)
        async throws -> [SearchFacet: [String: Int]] {
        try database.read { db in
            try LexicalQuery(plan).facetCounts(db, facets: facets, expression: expression?.text, extra: extra, cap: cap)
        }
    }

    package func browse(_ filters: SearchFilters, order: LexicalOrder, facets: [SearchFacet]) async throws
        -> (page: EntryPage, facets: [SearchFacet: [String: Int]]?) {
        let (filterSQL, filterArguments) = filters.sqlConditions()
        let whereSQL = filterSQL.isEmpty ? "" : "WHERE " + filterSQL.joined(separator: " AND ")
        let (languageSQL, languageArguments) = SearchService.languageFirst(order.preferredLanguage)
        return try database.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e \(whereSQL) ORDER BY \(languageSQL)\(SearchService.orderClause(for: order.sort)) LIMIT ? OFFSET ?",
                arguments: StatementArguments(filterArguments + languageArguments + [order.limit.databaseValue, order.offset.databaseValue]))
            let total = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e \(whereSQL) LIMIT \(order.cap))",
                arguments: StatementArguments(filterArguments)) ?? 0
            var counts: [SearchFacet: [String: Int]]?
            if !facets.isEmpty {
                var tally = FacetTally(facets)
                try tally.add(db, sql: """
                    SELECT lang, type, count(*) FROM (SELECT e.lang, e.type FROM dictionary_entries e \(whereSQL) LIMIT \(order.cap))
                    GROUP BY lang, type
                    """, arguments: StatementArguments(filterArguments))
                counts = tally.counts
            }
            return (EntryPage(entries: try rows.map(EntryRow.decode), total: total), counts)
        }
    }

    package func entries(seqs: [Int64]) async throws -> [Int64: DictionaryEntry] {
        try database.read { db in try Self.entries(seqs: seqs, db: db) }
    }

    /// Entries by internal `seq`, keyed by it (one statement per 500).
    static func entries(seqs: [Int64], db: Database) throws -> [Int64: DictionaryEntry] {
        var result: [Int64: DictionaryEntry] = [:]
        var start = 0
        while start < seqs.count {
            let chunk = Array(seqs[start..<min(start + 500, seqs.count)])
            let sql = "SELECT \(EntryRow.columns), e.seq AS lexical_seq FROM dictionary_entries e WHERE e.seq IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)) {
                result[row[19]] = try EntryRow.decode(row)
            }
            start += 500
        }
        return result
    }
}
