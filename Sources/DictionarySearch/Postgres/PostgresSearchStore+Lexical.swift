import Foundation
import DictPostgres
package import DictionaryCore
import PostgresNIO

/// Lexical search on PostgreSQL: the same tiers as SQLite's over `dictionary_fts` (a weighted `tsvector`, GIN:
/// term A, synonyms B, definition text C, `simple` configuration over `unaccent`) and pg_trgm's index on
/// `folded_term` (`LIKE '%…%'`). Full-text matches are ranked by BM25 as FTS5 computes it (k1 1.2, b 0.75, column
/// weights 10 / 4 / 1), from each matching document's positions (`unnest(tsvector)`) and remembered document counts
/// (`PostgresDocumentFrequencies`); `ts_rank` has no inverse document frequency and ranked descriptions far worse
/// (docs/postgres.md has both measurements).
extension PostgresSearchStore {
    package func termTier(_ plan: LexicalPlan, tier: MatchTier, limit: Int) async throws -> [LexicalCandidate] {
        var statement = PostgresStatement()
        let sql: String
        if tier == .exact {
            let normalized = statement.bind(plan.normalized)
            sql = """
                SELECT e.seq, e.lang, e.id FROM dictionary_entries e
                WHERE (e.normalized_term = \(normalized) OR e.folded_term = \(statement.bind(plan.folded)))\(Self.filterSQL(plan.filters, &statement))
                ORDER BY (e.normalized_term <> \(normalized)), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq
                LIMIT \(statement.bind(limit))
                """
        } else {
            let end = TermKeyQuery.rangeEnd
            let normalized = statement.bind(plan.normalized), folded = statement.bind(plan.folded)
            sql = """
                SELECT e.seq, e.lang, e.id FROM dictionary_entries e
                WHERE ((e.normalized_term > \(normalized) AND e.normalized_term < \(statement.bind(plan.normalized + end)))
                       OR (e.folded_term > \(folded) AND e.folded_term < \(statement.bind(plan.folded + end))))
                  AND e.normalized_term <> \(normalized) AND e.folded_term <> \(folded)\(Self.filterSQL(plan.filters, &statement))
                ORDER BY \(Self.tierOrder) LIMIT \(statement.bind(limit))
                """
        }
        return try await candidates(statement.query(sql), tier: tier)
    }

    package func containsTier(_ plan: LexicalPlan, limit: Int) async throws -> [LexicalCandidate] {
        guard plan.allowsContains, plan.length >= 3 || plan.isCJK else { return [] }
        var statement = PostgresStatement()
        let contains = plan.length >= 3
            ? "e.folded_term LIKE \(statement.bind(Self.likePattern(plan.folded)))"
            : "e.lang IN ('zh-CN', 'zh-TW') AND strpos(e.folded_term, \(statement.bind(plan.folded))) > 0"
        let notPrefix = "NOT " + Self.keyRange(normalized: plan.normalized, folded: plan.folded, &statement)
        let sql = """
            SELECT e.seq, e.lang, e.id FROM dictionary_entries e
            WHERE \(contains) AND \(notPrefix)\(Self.filterSQL(plan.filters, &statement)) ORDER BY \(Self.tierOrder) LIMIT \(statement.bind(limit))
            """
        return try await candidates(statement.query(sql), tier: .contains)
    }

    package func fullTextExpression(_ plan: LexicalPlan, any: Bool) async throws -> FullTextExpression? {
        func expression(_ words: [String], prefixLast: Bool = true) -> FullTextExpression? {
            Self.tsquery(words, any: any, prefixLast: prefixLast).map {
                FullTextExpression(text: $0, words: Array(words.prefix(32)), prefixLast: prefixLast, anyWord: any && words.count > 1)
            }
        }
        let tokens = plan.contentTokens
        guard any, tokens.count > 1 else { return expression(tokens) }
        var rare: [String] = []
        for token in tokens.prefix(32) where !commonWords.contains(token) {
            if try await documentsHolding(Self.lexeme(token)) <= LexicalPlan.commonWordCutoff {
                rare.append(token)
            } else {
                commonWords.insert(token)
            }
        }
        guard !rare.isEmpty, rare.count < tokens.count else { return expression(tokens) }
        // The last word is matched as a prefix (it may be unfinished) only if it is still the last.
        return expression(rare, prefixLast: rare.last == tokens.last)
    }

    package func fullTextTier(_ plan: LexicalPlan, expression: FullTextExpression, limit: Int) async throws -> [LexicalCandidate] {
        let statistics = try await fullTextStatistics()
        var statement = PostgresStatement()
        // BM25 as FTS5 computes it: per word, f = the column-weighted count of its positions (term 10, synonyms 4,
        // definition 1); score = Σ idf · f · (k1 + 1) / (f + k1 · (1 − b + b · D / avgD)), D the document's positions,
        // k1 = 1.2, b = 0.75. Both come from the query words' postings (`dictionary_fts_postings`, migration 0003),
        // one index-only range per word tagged with the word's position: the lexeme equal to the unaccented word, or
        // for the last, unfinished word every lexeme it starts. A document matches when it holds all the words (any
        // of them for the any-word tier), as `@@` decides. The per-document part of the denominator is computed once
        // (k = 0.3 + 0.9 / avgD · D) and each word's idf · (k1 + 1) in Swift: float8 arithmetic only.
        var postings: [String] = []
        var frequencies: [String] = []
        var matches: [String] = []
        var terms: [String] = []
        for (index, word) in expression.words.enumerated() {
            let prefix = expression.prefixLast && index == expression.words.count - 1 && word.count >= QueryText.minimumPrefixLength
            let bound = statement.bind(word)
            let key = prefix
                ? "lexeme >= unaccent(\(bound)) AND lexeme < unaccent(\(bound)) || \(statement.bind(TermKeyQuery.rangeEnd))"
                : "lexeme = unaccent(\(bound))"
            postings.append("SELECT \(index) AS word, seq, frequency, length FROM dictionary_fts_postings WHERE \(key)")
            frequencies.append("coalesce(sum(p.frequency) FILTER (WHERE p.word = \(index)), 0)::float8 AS f\(index)")
            matches.append("t.f\(index) > 0")
            let idf = try await inverseDocumentFrequency(word, prefix: prefix, documents: statistics.documents)
            terms.append("\(statement.bind(idf * 2.2)) * t.f\(index) / (t.f\(index) + t.k)")
        }
        let ranked = """
            SELECT t.seq, -(\(terms.joined(separator: " + "))) AS rank
            FROM (SELECT p.seq, \(statement.bind(0.3)) + \(statement.bind(0.9 / statistics.averageLength)) * min(p.length) AS k,
                         \(frequencies.joined(separator: ", "))
                  FROM (\(postings.joined(separator: " UNION ALL "))) p GROUP BY p.seq) t
            WHERE \(matches.joined(separator: expression.anyWord ? " OR " : " AND "))
            """
        let filters = Self.filterSQL(plan.filters, &statement)
        // Without filters only the best `limit` documents are joined to their entries; with them every match is.
        let sql = filters.isEmpty
            ? """
                SELECT r.seq, e.lang, e.id, r.rank FROM (\(ranked) ORDER BY rank, t.seq LIMIT \(statement.bind(limit))) r
                JOIN dictionary_entries e ON e.seq = r.seq ORDER BY r.rank, r.seq
                """
            : """
                SELECT r.seq, e.lang, e.id, r.rank FROM (\(ranked)) r JOIN dictionary_entries e ON e.seq = r.seq
                WHERE true\(filters) ORDER BY r.rank, r.seq LIMIT \(statement.bind(limit))
                """
        return try await session.query(statement.query(sql)).map { row in
            let (seq, lang, id, rank) = try row.decode((Int64, String, String, Double).self)
            return LexicalCandidate(seq: seq, lang: lang, entryID: id, tier: .other, bm25: rank)
        }
    }

    package func lexicalTotal(_ plan: LexicalPlan, expression: FullTextExpression?, fuzzyCount: Int, cap: Int) async throws -> Int {
        var keys = PostgresStatement()
        let keySQL = "SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e WHERE \(Self.termCondition(plan, &keys))\(Self.filterSQL(plan.filters, &keys)) LIMIT \(cap)) m"
        var count = try await Self.count(session.query(keys.query(keySQL)))
        if let expression {
            var text = PostgresStatement()
            let query = "to_tsquery('simple', unaccent(\(text.bind(expression.text))))"
            if plan.filters.isEmpty {
                // Without filters the full-text side is counted in its own table (no entry reads), less the few
                // matches that are term-key matches too (as on SQLite; joining every match cost 53 ms for a
                // description on WordNet).
                let sql = """
                    SELECT (SELECT count(*) FROM (SELECT 1 FROM dictionary_fts WHERE document @@ \(query) LIMIT \(cap)) m)
                         - (SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e JOIN dictionary_fts f ON f.seq = e.seq
                                                  WHERE \(Self.termCondition(plan, &text)) AND f.document @@ \(query) LIMIT \(cap)) b)
                    """
                count += try await Self.count(session.query(text.query(sql)))
            } else {
                let sql = """
                    SELECT count(*) FROM (SELECT 1 FROM dictionary_fts f JOIN dictionary_entries e ON e.seq = f.seq
                    WHERE f.document @@ \(query) AND NOT (\(Self.termCondition(plan, &text)))\(Self.filterSQL(plan.filters, &text)) LIMIT \(cap)) m
                    """
                count += try await Self.count(session.query(text.query(sql)))
            }
        }
        return min(count + fuzzyCount, cap)
    }

    package func lexicalPage(_ plan: LexicalPlan, expression: FullTextExpression?, extra: [Int64], order: LexicalOrder) async throws -> EntryPage {
        var count = PostgresStatement()
        let countSQL = "\(Self.candidateUnion(plan, expression: expression, extra: extra, &count)) SELECT count(*) FROM (SELECT 1 \(Self.candidateRows(plan, &count)) LIMIT \(order.cap)) m"
        var page = PostgresStatement()
        let with = Self.candidateUnion(plan, expression: expression, extra: extra, &page)
        let from = Self.candidateRows(plan, &page)
        let sql = """
            \(with) SELECT \(PostgresEntryRow.columns) \(from)
            ORDER BY \(Self.languageFirst(order.preferredLanguage, &page))\(SearchService.orderClause(for: order.sort))
            LIMIT \(page.bind(order.limit)) OFFSET \(page.bind(order.offset))
            """
        let total = try await Self.count(session.query(count.query(countSQL)))
        return EntryPage(entries: try await session.query(page.query(sql)).map(PostgresEntryRow.decode), total: total)
    }

    package func lexicalFacets(_ plan: LexicalPlan, facets: [SearchFacet], expression: FullTextExpression?, extra: [Int64], cap: Int)
        async throws -> [SearchFacet: [String: Int]] {
        var statement = PostgresStatement()
        let sql = """
            \(Self.candidateUnion(plan, expression: expression, extra: extra, &statement)) SELECT lang, type, count(*) FROM (
                SELECT e.lang, e.type \(Self.candidateRows(plan, &statement)) LIMIT \(cap)) m
            GROUP BY lang, type
            """
        return try await tally(facets, statement.query(sql))
    }

    package func browse(_ filters: SearchFilters, order: LexicalOrder, facets: [SearchFacet]) async throws
        -> (page: EntryPage, facets: [SearchFacet: [String: Int]]?) {
        func whereSQL(_ statement: inout PostgresStatement) -> String { "WHERE true" + Self.filterSQL(filters, &statement) }
        var page = PostgresStatement()
        let pageWhere = whereSQL(&page)
        let sql = """
            SELECT \(PostgresEntryRow.columns) FROM dictionary_entries e \(pageWhere)
            ORDER BY \(Self.languageFirst(order.preferredLanguage, &page))\(SearchService.orderClause(for: order.sort))
            LIMIT \(page.bind(order.limit)) OFFSET \(page.bind(order.offset))
            """
        var count = PostgresStatement()
        let countSQL = "SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e \(whereSQL(&count)) LIMIT \(order.cap)) m"
        let entries = try await session.query(page.query(sql)).map(PostgresEntryRow.decode)
        let total = try await Self.count(session.query(count.query(countSQL)))
        var counts: [SearchFacet: [String: Int]]?
        if !facets.isEmpty {
            var statement = PostgresStatement()
            let facetSQL = """
                SELECT lang, type, count(*) FROM (SELECT e.lang, e.type FROM dictionary_entries e \(whereSQL(&statement)) LIMIT \(order.cap)) m
                GROUP BY lang, type
                """
            counts = try await tally(facets, statement.query(facetSQL))
        }
        return (EntryPage(entries: entries, total: total), counts)
    }

    package func entries(seqs: [Int64]) async throws -> [Int64: DictionaryEntry] {
        var result: [Int64: DictionaryEntry] = [:]
        var start = 0
        while start < seqs.count {
            var statement = PostgresStatement()
            let chunk = Array(seqs[start..<min(start + 500, seqs.count)])
            let sql = "SELECT \(PostgresEntryRow.columns), e.seq FROM dictionary_entries e WHERE e.seq IN (\(statement.bindList(chunk)))"
            for row in try await session.query(statement.query(sql)) {
                result[try PostgresRandomAccessRow(row)[PostgresEntryRow.columnCount].decode(Int64.self)] = try PostgresEntryRow.decode(row)
            }
            start += chunk.count
        }
        return result
    }

    /// FTS5's inverse document frequency of `word` (a prefix when `prefix`): max(ln((N − n + 0.5) / (n + 0.5)), 1e-6).
    private func inverseDocumentFrequency(_ word: String, prefix: Bool, documents: Int) async throws -> Double {
        PostgresDocumentFrequencies.idf(holding: try await documentsHolding(Self.lexeme(word) + (prefix ? ":*" : "")), of: documents)
    }

    /// How many full-text documents match the one-word `tsquery`, counted once and then remembered
    /// (`PostgresDocumentFrequencies`): the IDF weights and the any-word tier's common-word check both read it, and
    /// counting a word on every query cost 8–17 ms a word on WordNet.
    func documentsHolding(_ query: String) async throws -> Int {
        if let remembered = documentFrequencies.count(query) { return remembered }
        var statement = PostgresStatement()
        let sql = "SELECT count(*) FROM dictionary_fts WHERE document @@ to_tsquery('simple', unaccent(\(statement.bind(query))))"
        let holding = try await Self.count(session.query(statement.query(sql)))
        documentFrequencies.remember(query, count: holding)
        return holding
    }

    /// The number of full-text documents and their average number of positions (`length`), read in one scan of the
    /// table (12 ms on WordNet) and remembered for a while.
    private func fullTextStatistics() async throws -> (documents: Int, averageLength: Double) {
        if let remembered = documentFrequencies.statistics() { return remembered }
        let rows = try await session.execute("SELECT count(*), coalesce(avg(length), 1)::float8 FROM dictionary_fts")
        let (documents, mean) = try rows.first?.decode((Int, Double).self) ?? (0, 1)
        let average = max(mean, 1)
        documentFrequencies.rememberStatistics(documents: documents, averageLength: average)
        return (documents, average)
    }

    // MARK: SQL pieces

    private static let tierOrder = "length(e.normalized_term), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq"

    /// The term-key condition of every term tier the plan takes part in (`LexicalPlan.termCondition`).
    private static func termCondition(_ plan: LexicalPlan, _ statement: inout PostgresStatement) -> String {
        switch plan.termCondition {
        case .contains: "e.folded_term LIKE \(statement.bind(likePattern(plan.folded)))"
        case .containsChinese: "(e.lang IN ('zh-CN', 'zh-TW') AND strpos(e.folded_term, \(statement.bind(plan.folded))) > 0)"
        case .startsWith: keyRange(normalized: plan.normalized, folded: plan.folded, &statement)
        }
    }

    /// `WITH candidates(seq) AS (…)`: every entry matching as a key, by the full-text `expression`, or listed in
    /// `extra` (typo matches), before filters.
    private static func candidateUnion(_ plan: LexicalPlan, expression: FullTextExpression?, extra: [Int64], _ statement: inout PostgresStatement) -> String {
        var legs = ["SELECT e.seq FROM dictionary_entries e WHERE \(termCondition(plan, &statement))"]
        if let expression {
            legs.append("SELECT seq FROM dictionary_fts WHERE document @@ to_tsquery('simple', unaccent(\(statement.bind(expression.text))))")
        }
        if !extra.isEmpty { legs.append("SELECT unnest(ARRAY[\(statement.bindList(extra))]::bigint[])") }
        return "WITH candidates(seq) AS (\(legs.joined(separator: " UNION ")))"
    }

    /// `FROM` the candidates joined to their entries, within the filters.
    private static func candidateRows(_ plan: LexicalPlan, _ statement: inout PostgresStatement) -> String {
        "FROM candidates c JOIN dictionary_entries e ON e.seq = c.seq WHERE true" + filterSQL(plan.filters, &statement)
    }

    /// `%text%` for `LIKE`, its own `%`, `_` and `\` escaped: user text matches literally.
    static func likePattern(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }

    /// A `tsquery` of the tokens joined by `&` (or `|`), the last one a prefix (`'cresc':*`) when it has at least
    /// `QueryText.minimumPrefixLength` characters; nil without tokens. At most 32 tokens, as on SQLite.
    static func tsquery(_ tokens: [String], any: Bool, prefixLast: Bool = true) -> String? {
        let used = tokens.prefix(32)
        guard !used.isEmpty else { return nil }
        return used.enumerated().map { index, token in
            lexeme(token) + (prefixLast && index == used.count - 1 && token.count >= QueryText.minimumPrefixLength ? ":*" : "")
        }.joined(separator: any ? " | " : " & ")
    }

    /// One token as a quoted `tsquery` lexeme: the quote and backslash escaped, so no token is an operator.
    static func lexeme(_ token: String) -> String {
        "'" + token.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    private func candidates(_ query: PostgresQuery, tier: MatchTier) async throws -> [LexicalCandidate] {
        try await session.query(query).map { row in
            let (seq, lang, id) = try row.decode((Int64, String, String).self)
            return LexicalCandidate(seq: seq, lang: lang, entryID: id, tier: tier, bm25: nil)
        }
    }

    private func tally(_ facets: [SearchFacet], _ query: PostgresQuery) async throws -> [SearchFacet: [String: Int]] {
        var tally = FacetTally(facets)
        for row in try await session.query(query) {
            let (lang, type, count) = try row.decode((String, String, Int).self)
            tally.add(lang: lang, type: type, count: count)
        }
        return tally.counts
    }
}
