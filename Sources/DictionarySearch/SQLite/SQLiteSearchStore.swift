package import DictStore
package import DictionaryCore
import GRDB

/// `SearchStore` on the SQLite dictionary database: the term-key indexes `(normalized_term, lang)` and
/// `(folded_term, lang)`, and for typos the FTS5 trigram index (or its in-memory copy, `TermTrigramCache`).
package struct SQLiteSearchStore: SearchStore {
    package let database: StoreDatabase
    /// Trigrams typo matching has learnt to skip (see `CommonKeys`).
    let commonTrigrams = CommonKeys()
    /// Words the any-word full-text tier has learnt to leave out while a rarer one remains (see `CommonKeys`).
    let commonWords = CommonKeys()
    /// The in-memory term trigrams typo matching reads when current; nil: always the SQL trigram index.
    let termTrigrams: TermTrigramCache?

    package init(database: StoreDatabase, termTrigrams: TermTrigramCache? = nil) {
        self.database = database; self.termTrigrams = termTrigrams
    }

    package func exactPage(_ query: TermKeyQuery, minimumScore: Double, limit: Int, offset: Int) async throws -> EntryPage {
        let (conditions, filterArguments) = query.filters.sqlConditions(indexable: false)
        var whereSQL = "(e.normalized_term = ? OR e.folded_term = ?) AND +e.overall_score >= ?"
        for condition in conditions { whereSQL += " AND \(condition)" }
        let baseArguments: [DatabaseValue] = [query.normalized.databaseValue, query.folded.databaseValue, minimumScore.databaseValue] + filterArguments
        let (languageSQL, languageArguments) = SearchService.languageFirst(query.preferredLanguage)
        let order = query.sort == .relevance
            ? "\(languageSQL)(e.normalized_term <> ?), e.overall_score DESC, e.version DESC, e.seq ASC"
            : "\(languageSQL)\(SearchService.orderClause(for: query.sort))"
        let orderArguments: [DatabaseValue] = languageArguments + (query.sort == .relevance ? [query.normalized.databaseValue] : [])
        return try database.read { db in
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM dictionary_entries e WHERE \(whereSQL)"),
                arguments: StatementArguments(baseArguments)) ?? 0
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(EntryRow.columns) FROM dictionary_entries e WHERE \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?"),
                arguments: StatementArguments(baseArguments + orderArguments + [limit.databaseValue, offset.databaseValue]))
            return EntryPage(entries: try rows.map(EntryRow.decode), total: total)
        }
    }

    package func prefixPage(_ query: TermKeyQuery, limit: Int, offset: Int) async throws -> EntryPage {
        let range = PrefixRange(query)
        return try database.read { db in
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM dictionary_entries e WHERE \(range.whereSQL)"),
                arguments: StatementArguments(range.whereArguments)) ?? 0
            // Sort only the narrow keys of every match, then read and decode the page's rows alone: sorting whole
            // rows (definitions included) made a short prefix with thousands of matches slow.
            let seqs = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT e.seq FROM dictionary_entries e WHERE \(range.whereSQL) ORDER BY \(range.orderSQL) LIMIT ? OFFSET ?"),
                arguments: StatementArguments(range.whereArguments + range.orderArguments + [limit.databaseValue, offset.databaseValue]))
            let entries = try Self.entries(seqs: seqs, db: db)
            return EntryPage(entries: seqs.compactMap { entries[$0] }, total: total)
        }
    }

    package func prefixSuggestions(_ query: TermKeyQuery, limit: Int) async throws -> [(suggestion: TermSuggestion, normalizedTerm: String)] {
        let range = PrefixRange(query)
        return try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT e.term, e.normalized_term, e.type, e.lang, e.overall_score FROM dictionary_entries e
                    WHERE \(range.whereSQL) ORDER BY \(range.orderSQL) LIMIT ?
                    """),
                arguments: StatementArguments(range.whereArguments + range.orderArguments + [limit.databaseValue])
            ).map { row in (TermSuggestion(term: row[0], type: row[2], lang: row[3], score: row[4]), row[1]) }
        }
    }

    package func termsStarting(normalized: String, folded: String, limit: Int) async throws -> [String] {
        let upper = TermKeyQuery.rangeEnd
        return try database.read { db in
            // SQLite's bare column beside max(): `term` comes from the row holding the highest score.
            try String.fetchAll(db, sql: """
                SELECT e.term FROM dictionary_entries e
                WHERE (e.normalized_term >= ? AND e.normalized_term < ?) OR (e.folded_term >= ? AND e.folded_term < ?)
                GROUP BY e.normalized_term ORDER BY max(e.overall_score) DESC, e.normalized_term ASC LIMIT ?
                """, arguments: [normalized, normalized + upper, folded, folded + upper, limit])
        }
    }

    package func typoCandidates(_ query: TermKeyQuery, tolerance: Int) async throws -> [TypoMatch] {
        let lexical = LexicalQuery(normalized: query.normalized, filters: query.filters)
        return try database.read { db in
            try lexical.typoMatches(db: db, tolerance: tolerance, common: commonTrigrams, terms: termTrigrams)
        }
    }

    package func entries(normalizedTerms: [String], lang: Language) async throws -> [DictionaryEntry] {
        guard !normalizedTerms.isEmpty else { return [] }
        return try database.read { db in
            let placeholders = Array(repeating: "?", count: normalizedTerms.count).joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(EntryRow.columns) FROM dictionary_entries e
                WHERE e.lang = ? AND e.normalized_term IN (\(placeholders))
                """, arguments: StatementArguments([lang.rawValue] + normalizedTerms)).map(EntryRow.decode)
        }
    }

    package func relatedTerms(to entryID: String, limit: Int) async throws -> [RelatedTerm] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(EntryRow.columns), r.relationship_type, r.confidence_score
                FROM related_terms r JOIN dictionary_entries e ON e.id = r.related_entry_id
                WHERE r.entry_id = ? ORDER BY r.confidence_score DESC, e.normalized_term ASC, e.seq ASC LIMIT ?
                """), arguments: [entryID, limit]).map { row in
                RelatedTerm(entry: try EntryRow.decode(row), relationshipType: row[19], confidenceScore: row[20])
            }
        }
    }
}
