package import DictionaryCore
import DictStore
import GRDB

extension SearchService {
    /// Autocomplete: terms whose normalized or accent-folded key starts with the query. Two index range scans
    /// (`normalized_term >= q AND < q + U+10FFFF`, same on `folded_term`), so the cost is O(log n + matches) and
    /// fast enough per keystroke. Relevance: exact match first, then shorter terms, then quality.
    func prefix(_ request: SearchRequest, normalized: String) throws -> SearchResponse {
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .prefix) }
        let range = PrefixRange(normalized: normalized, filters: request.filters, sort: request.sort, preferredLanguage: request.preferredLanguage)
        return try database.read { db in
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM dictionary_entries e WHERE \(range.whereSQL)"),
                arguments: StatementArguments(range.whereArguments)) ?? 0
            // Sort only the narrow keys of every match, then read and decode the page's rows alone: sorting whole
            // rows (definitions included) made a short prefix with thousands of matches slow.
            let seqs = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT e.seq FROM dictionary_entries e WHERE \(range.whereSQL) ORDER BY \(range.orderSQL) LIMIT ? OFFSET ?"),
                arguments: StatementArguments(range.whereArguments + range.orderArguments + [request.limit.databaseValue, request.offset.databaseValue]))
            let rows = try Self.rows(seqs: seqs, db: db)
            let hits = try seqs.compactMap { seq -> SearchHit? in
                guard let row = rows[seq] else { return nil }
                let entry = try EntryRow.decode(row)
                let tier: MatchTier = entry.normalizedTerm == normalized || entry.foldedTerm == range.folded ? .exact : .prefix
                return SearchHit(entry: entry, score: tier == .exact ? 1 : 0.5, tier: tier)
            }
            return SearchResponse(results: hits, total: total, mode: .prefix, suggestions: [], notes: [], normalizedQuery: normalized)
        }
    }

    /// Autocomplete for a search box: up to `limit` distinct (term, type) pairs starting with `query`, in the
    /// prefix search's relevance order, reading only the columns a suggestion shows (no entry is decoded).
    /// Throws `SearchError.emptyQuery` for a query that normalizes to nothing. Not recorded in analytics.
    package func suggestions(_ query: String, languages: [Language], limit: Int) throws -> [TermSuggestion] {
        let normalized = TermNormalizer.normalize(query)
        guard !normalized.isEmpty else { throw SearchError.emptyQuery(mode: .prefix) }
        guard limit > 0 else { return [] }
        let range = PrefixRange(
            normalized: normalized, filters: SearchFilters(languages: languages), sort: .relevance, preferredLanguage: nil)
        // Over-fetch so that de-duplicating the same term across languages still fills the page.
        let rows = try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT e.term, e.normalized_term, e.type, e.lang, e.overall_score FROM dictionary_entries e
                    WHERE \(range.whereSQL) ORDER BY \(range.orderSQL) LIMIT ?
                    """),
                arguments: StatementArguments(range.whereArguments + range.orderArguments + [min(100, limit * 4).databaseValue]))
        }
        var seen = Set<String>()
        var suggestions: [TermSuggestion] = []
        for row in rows where suggestions.count < limit {
            let key: String = row["normalized_term"]
            let type: String = row["type"]
            guard seen.insert("\(key)\u{1F}\(type)").inserted else { continue }
            suggestions.append(TermSuggestion(term: row["term"], type: type, lang: row["lang"], score: row["overall_score"]))
        }
        return suggestions
    }

    /// Rows of `seqs` (any order), keyed by seq, in one query per 500.
    static func rows(seqs: [Int64], db: Database) throws -> [Int64: Row] {
        var rows: [Int64: Row] = [:]
        var start = 0
        while start < seqs.count {
            let chunk = Array(seqs[start..<min(start + 500, seqs.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(
                db, sql: "SELECT \(EntryRow.columns), e.seq AS row_seq FROM dictionary_entries e WHERE e.seq IN (\(placeholders))",
                arguments: StatementArguments(chunk)) {
                rows[row["row_seq"]] = row
            }
            start += chunk.count
        }
        return rows
    }
}
