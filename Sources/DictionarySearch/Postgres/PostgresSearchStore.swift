package import DictPostgres
package import DictionaryCore
import PostgresNIO

/// `SearchStore` on PostgreSQL's `dictionary` schema: the same statements as SQLite's store over the term-key
/// B-tree indexes (`normalized_term` and `folded_term` compare by code point, `COLLATE "C"`, as in SQLite), and for
/// typos pg_trgm's trigram index on `folded_term` (`%`, similarity at least `pg_trgm.similarity_threshold`, 0.3 by
/// default) instead of the FTS5 trigram postings: candidates can differ at the margin, their ranking does not
/// (`TypoMatch.ranked`).
package struct PostgresSearchStore: SearchStore {
    package let session: PostgresSession
    /// Words the any-word full-text tier has learnt to leave out while a rarer one remains (see `CommonKeys`).
    let commonWords = CommonKeys()
    /// Words' document counts for the full-text tier's IDF weights.
    let documentFrequencies = PostgresDocumentFrequencies()

    package init(session: PostgresSession) { self.session = session }

    package func exactPage(_ query: TermKeyQuery, minimumScore: Double, limit: Int, offset: Int) async throws -> EntryPage {
        func matching(_ statement: inout PostgresStatement) -> String {
            "(e.normalized_term = \(statement.bind(query.normalized)) OR e.folded_term = \(statement.bind(query.folded)))"
                + " AND e.overall_score >= \(statement.bind(minimumScore))" + Self.filterSQL(query.filters, &statement)
        }
        var count = PostgresStatement()
        let countSQL = "SELECT count(*) FROM dictionary_entries e WHERE \(matching(&count))"
        var page = PostgresStatement()
        let whereSQL = matching(&page)
        let order = Self.languageFirst(query.preferredLanguage, &page) + (query.sort == .relevance
            ? "(e.normalized_term <> \(page.bind(query.normalized))), e.overall_score DESC, e.version DESC, e.seq ASC"
            : SearchService.orderClause(for: query.sort))
        let sql = "SELECT \(PostgresEntryRow.columns) FROM dictionary_entries e WHERE \(whereSQL) ORDER BY \(order) LIMIT \(page.bind(limit)) OFFSET \(page.bind(offset))"
        return try await entryPage(page.query(sql), limit: limit, offset: offset, counting: count.query(countSQL))
    }

    package func prefixPage(_ query: TermKeyQuery, limit: Int, offset: Int) async throws -> EntryPage {
        var count = PostgresStatement()
        let countSQL = "SELECT count(*) FROM dictionary_entries e WHERE \(Self.prefixWhere(query, &count))"
        var page = PostgresStatement()
        let whereSQL = Self.prefixWhere(query, &page)
        let sql = "SELECT \(PostgresEntryRow.columns) FROM dictionary_entries e WHERE \(whereSQL) ORDER BY \(Self.prefixOrder(query, &page)) LIMIT \(page.bind(limit)) OFFSET \(page.bind(offset))"
        return try await entryPage(page.query(sql), limit: limit, offset: offset, counting: count.query(countSQL))
    }

    package func prefixSuggestions(_ query: TermKeyQuery, limit: Int) async throws -> [(suggestion: TermSuggestion, normalizedTerm: String)] {
        var statement = PostgresStatement()
        let whereSQL = Self.prefixWhere(query, &statement)
        let sql = """
            SELECT e.term, e.normalized_term, e.type, e.lang, e.overall_score FROM dictionary_entries e
            WHERE \(whereSQL) ORDER BY \(Self.prefixOrder(query, &statement)) LIMIT \(statement.bind(limit))
            """
        return try await session.query(statement.query(sql)).map { row in
            let (term, normalized, type, lang, score) = try row.decode((String, String, String, String, Double).self)
            return (TermSuggestion(term: term, type: type, lang: lang, score: score), normalized)
        }
    }

    package func termsStarting(normalized: String, folded: String, limit: Int) async throws -> [String] {
        var statement = PostgresStatement()
        let range = Self.keyRange(normalized: normalized, folded: folded, &statement)
        // One row per key, the best-scored spelling (SQLite: the bare column beside max()).
        let sql = """
            SELECT term FROM (
                SELECT DISTINCT ON (e.normalized_term) e.term, e.normalized_term, e.overall_score FROM dictionary_entries e
                WHERE \(range) ORDER BY e.normalized_term, e.overall_score DESC, e.seq) best
            ORDER BY overall_score DESC, normalized_term ASC LIMIT \(statement.bind(limit))
            """
        return try await session.query(statement.query(sql)).map { try $0.decode(String.self) }
    }

    package func typoCandidates(_ query: TermKeyQuery, tolerance: Int) async throws -> [TypoMatch] {
        let length = query.folded.unicodeScalars.count
        guard length >= 3 else { return [] }
        var statement = PostgresStatement()
        let key = statement.bind(query.folded)
        let sql = """
            SELECT e.seq, e.lang, e.id, e.term, e.normalized_term, e.folded_term, e.overall_score, coalesce(f.zipf, 0)
            FROM dictionary_entries e LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
            WHERE e.folded_term % \(key) AND length(e.folded_term) BETWEEN \(statement.bind(length - tolerance)) AND \(statement.bind(length + tolerance))\(Self.filterSQL(query.filters, &statement))
            ORDER BY similarity(e.folded_term, \(key)) DESC, e.seq LIMIT \(statement.bind(LexicalPlan.shortlistSize))
            """
        return try await session.query(statement.query(sql)).map { row in
            let (seq, lang, id, term, normalized, folded, score, zipf) = try row.decode((Int64, String, String, String, String, String, Double, Double).self)
            return TypoMatch(seq: seq, lang: lang, entryID: id, term: term, normalizedTerm: normalized, foldedTerm: folded, overallScore: score, zipf: zipf)
        }
    }

    package func entries(normalizedTerms: [String], lang: Language) async throws -> [DictionaryEntry] {
        guard !normalizedTerms.isEmpty else { return [] }
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresEntryRow.columns) FROM dictionary_entries e
            WHERE e.lang = \(statement.bind(lang.rawValue)) AND e.normalized_term IN (\(statement.bindList(normalizedTerms)))
            """
        return try await session.query(statement.query(sql)).map(PostgresEntryRow.decode)
    }

    package func relatedTerms(to entryID: String, limit: Int) async throws -> [RelatedTerm] {
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresEntryRow.columns), r.relationship_type, r.confidence_score
            FROM related_terms r JOIN dictionary_entries e ON e.id = r.related_entry_id
            WHERE r.entry_id = \(statement.bind(entryID)) ORDER BY r.confidence_score DESC, e.normalized_term ASC, e.seq ASC
            LIMIT \(statement.bind(limit))
            """
        return try await session.query(statement.query(sql)).map { row in
            let cells = PostgresRandomAccessRow(row)
            return RelatedTerm(
                entry: try PostgresEntryRow.decode(row),
                relationshipType: try cells[PostgresEntryRow.columnCount].decode(String.self),
                confidenceScore: try cells[PostgresEntryRow.columnCount + 1].decode(Double.self))
        }
    }

    // MARK: SQL pieces

    /// The filters as ` AND …` conditions on alias `e`.
    static func filterSQL(_ filters: SearchFilters, _ statement: inout PostgresStatement) -> String {
        var sql = ""
        if !filters.languages.isEmpty { sql += " AND e.lang IN (\(statement.bindList(filters.languages.map(\.rawValue))))" }
        if !filters.types.isEmpty { sql += " AND e.type IN (\(statement.bindList(filters.types.map(\.rawValue))))" }
        if let minimum = filters.minQuality { sql += " AND e.overall_score >= \(statement.bind(minimum))" }
        if let maximum = filters.maxQuality { sql += " AND e.overall_score <= \(statement.bind(maximum))" }
        return sql
    }

    /// `(e.lang <> $n), ` putting `language` first in an ORDER BY, or nothing.
    static func languageFirst(_ language: Language?, _ statement: inout PostgresStatement) -> String {
        language.map { "(e.lang <> \(statement.bind($0.rawValue))), " } ?? ""
    }

    /// Terms whose normalized or folded key starts with the given keys: two range scans of the key indexes.
    static func keyRange(normalized: String, folded: String, _ statement: inout PostgresStatement) -> String {
        let end = TermKeyQuery.rangeEnd
        return "((e.normalized_term >= \(statement.bind(normalized)) AND e.normalized_term < \(statement.bind(normalized + end)))"
            + " OR (e.folded_term >= \(statement.bind(folded)) AND e.folded_term < \(statement.bind(folded + end))))"
    }

    static func prefixWhere(_ query: TermKeyQuery, _ statement: inout PostgresStatement) -> String {
        keyRange(normalized: query.normalized, folded: query.folded, &statement) + filterSQL(query.filters, &statement)
    }

    /// Prefix mode's ORDER BY (see `SearchStore.prefixPage`).
    static func prefixOrder(_ query: TermKeyQuery, _ statement: inout PostgresStatement) -> String {
        let language = languageFirst(query.preferredLanguage, &statement)
        guard query.sort == .relevance else { return language + SearchService.orderClause(for: query.sort) }
        let normalized = statement.bind(query.normalized)
        return language + "CASE WHEN e.normalized_term = \(normalized) OR e.folded_term = \(statement.bind(query.folded)) THEN 0 ELSE 1 END, "
            + "(e.normalized_term <> \(normalized)), length(e.normalized_term), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq"
    }

    /// The entries of `query` (a page of `limit` from `offset`) and the total, counted by `counting` only when the
    /// page cannot tell: a page shorter than `limit` that starts at 0 or holds rows ends the matches (an exact
    /// lookup's page usually does), which saves the second round trip (0.5–1 ms).
    private func entryPage(_ query: PostgresQuery, limit: Int, offset: Int, counting: PostgresQuery) async throws -> EntryPage {
        let entries = try await session.query(query).map(PostgresEntryRow.decode)
        if entries.count < limit, offset == 0 || !entries.isEmpty {
            return EntryPage(entries: entries, total: offset + entries.count)
        }
        return EntryPage(entries: entries, total: try await Self.count(session.query(counting)))
    }

    static func count(_ rows: [PostgresRow]) throws -> Int {
        try rows.first?.decode(Int.self) ?? 0
    }
}
