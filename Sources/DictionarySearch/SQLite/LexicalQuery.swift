import DictionaryCore
import Foundation
import GRDB

/// The statements of one lexical search (see `SearchService.lexical`): each tier is one indexed query, never a
/// scan of every term. User text reaches SQL only as bound values; in FTS5 expressions it appears only inside
/// double-quoted strings (`QueryText.matchExpression`), so `AND OR NOT NEAR * " ( ) ^ :` are ordinary characters.
struct LexicalQuery {
    let plan: LexicalPlan
    var normalized: String { plan.normalized }
    var folded: String { plan.folded }
    var contentTokens: [String] { plan.contentTokens }
    /// The filters as SQL on alias `e`, written so they never drive the plan (`+e.lang …`).
    private let filterSQL: String
    private let filterArguments: [DatabaseValue]
    private var length: Int { plan.length }

    static let postingsCap = LexicalPlan.postingsCap
    static let shortlistSize = LexicalPlan.shortlistSize
    static let commonWordCutoff = LexicalPlan.commonWordCutoff

    /// Highest code point, appended to a key to make the exclusive upper bound of its prefix range.
    private static let rangeEnd = TermKeyQuery.rangeEnd
    private static let tierOrder = "length(e.normalized_term), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq"

    init(_ plan: LexicalPlan) {
        self.plan = plan
        let (conditions, arguments) = plan.filters.sqlConditions(indexable: false)
        filterSQL = conditions.map { " AND \($0)" }.joined()
        filterArguments = arguments
    }

    init(normalized: String, filters: SearchFilters) {
        self.init(LexicalPlan(normalized: normalized, filters: filters))
    }

    /// The exact or prefix tier, best first: exact matches with the normalized spelling first; prefix matches shorter
    /// terms first. Both by the `(normalized_term, lang)` and `(folded_term, lang)` indexes.
    func termTier(_ tier: MatchTier, db: Database, limit: Int) throws -> [LexicalCandidate] {
        let sql: String
        let arguments: [DatabaseValue]
        switch tier {
        case .exact:
            sql = """
                SELECT e.seq, e.lang, e.id FROM dictionary_entries e WHERE (e.normalized_term = ? OR e.folded_term = ?)\(filterSQL)
                ORDER BY (e.normalized_term <> ?), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq LIMIT ?
                """
            arguments = [normalized.databaseValue, folded.databaseValue] + filterArguments + [normalized.databaseValue, limit.databaseValue]
        default:
            sql = """
                SELECT e.seq, e.lang, e.id FROM dictionary_entries e
                WHERE ((e.normalized_term > ? AND e.normalized_term < ?) OR (e.folded_term > ? AND e.folded_term < ?))
                  AND e.normalized_term <> ? AND e.folded_term <> ?\(filterSQL)
                ORDER BY \(Self.tierOrder) LIMIT ?
                """
            arguments = [normalized, normalized + Self.rangeEnd, folded, folded + Self.rangeEnd, normalized, folded].map(\.databaseValue)
                + filterArguments + [limit.databaseValue]
        }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
            LexicalCandidate(seq: $0[0], lang: $0[1], entryID: $0[2], tier: tier, bm25: nil)
        }
    }

    /// Terms containing the query (not at their start): the trigram index of `folded_term` for three or more
    /// characters; shorter CJK queries scan only the Chinese entries (a one- or two-ideograph string is a word
    /// there, while two Latin letters inside a word mean nothing). Shorter terms first.
    func containsTier(db: Database, limit: Int) throws -> [LexicalCandidate] {
        guard plan.allowsContains else { return [] }
        let notPrefix = "NOT (e.normalized_term >= ? AND e.normalized_term < ?) AND NOT (e.folded_term >= ? AND e.folded_term < ?)"
        let notPrefixArguments = [normalized, normalized + Self.rangeEnd, folded, folded + Self.rangeEnd].map(\.databaseValue)
        let sql: String
        let arguments: [DatabaseValue]
        if length >= 3 {
            sql = """
                SELECT e.seq, e.lang, e.id FROM dictionary_term_trigrams JOIN dictionary_entries e ON e.seq = dictionary_term_trigrams.rowid
                WHERE dictionary_term_trigrams MATCH ? AND \(notPrefix)\(filterSQL) ORDER BY \(Self.tierOrder) LIMIT ?
                """
            arguments = [Self.phrase(folded).databaseValue] + notPrefixArguments + filterArguments + [limit.databaseValue]
        } else if plan.isCJK {
            sql = """
                SELECT e.seq, e.lang, e.id FROM dictionary_entries e
                WHERE e.lang IN ('zh-CN', 'zh-TW') AND instr(e.folded_term, ?) > 0 AND \(notPrefix)\(filterSQL)
                ORDER BY \(Self.tierOrder) LIMIT ?
                """
            arguments = [folded.databaseValue] + notPrefixArguments + filterArguments + [limit.databaseValue]
        } else {
            return []
        }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
            LexicalCandidate(seq: $0[0], lang: $0[1], entryID: $0[2], tier: .contains, bm25: nil)
        }
    }

    /// Terms within `EditDistance.tolerance` of the query ("cresendo" → crescendo, "recieve" → receive), the likeliest
    /// slip first (`TypoCost`: doubled letters, a silent "h" and "f" for "ph" cost half an edit), then the more
    /// frequent word, then quality. Candidates share at least one trigram with the query: each
    /// of its trigrams' postings is read once (a trigram in more than `postingsCap` terms, like "ing", is too common
    /// to tell anything and is skipped), the `shortlistSize` terms sharing the most are kept, and those of a
    /// plausible length are checked by edit distance. Bounded work per query whatever the dictionary's size.
    /// `common` remembers the trigrams found too common, so later queries skip them without reading them.
    func fuzzyTier(db: Database, limit: Int, common: CommonKeys, terms: TermTrigramCache? = nil) throws -> [LexicalCandidate] {
        let query = Array(folded.unicodeScalars)
        let tolerance = EditDistance.tolerance(forLength: query.count)
        guard tolerance > 0, query.count >= 3 else { return [] }
        let matches = try typoMatches(db: db, tolerance: tolerance, common: common, terms: terms)
        return TypoMatch.ranked(matches, query: query, tolerance: tolerance).prefix(limit).map {
            LexicalCandidate(seq: $0.seq, lang: $0.lang, entryID: $0.entryID, tier: .fuzzy, bm25: nil)
        }
    }

    /// `fuzzyTier`'s candidates before the edit-distance check: the shortlist's terms of a plausible length within
    /// the filters.
    func typoMatches(db: Database, tolerance: Int, common: CommonKeys, terms: TermTrigramCache?) throws -> [TypoMatch] {
        let query = Array(folded.unicodeScalars)
        guard query.count >= 3 else { return [] }
        var ordered: [Int64]
        if let index = try terms?.current(db) {
            // The in-memory copy applies the same rules and the edit distance too; the caller re-checks both.
            ordered = index.typoCandidates(query, tolerance: tolerance, cap: Self.postingsCap, shortlist: Self.shortlistSize)
        } else {
            ordered = try typoShortlist(db: db, query: query, tolerance: tolerance, common: common)
        }
        ordered += try sameStartCandidates(db: db, query: query, tolerance: tolerance, excluding: Set(ordered))
        var matches: [TypoMatch] = []
        var start = 0
        while start < ordered.count {
            let chunk = Array(ordered[start..<min(start + 500, ordered.count)])
            let sql = """
                SELECT e.seq, e.lang, e.id, e.term, e.normalized_term, e.folded_term, e.overall_score, coalesce(f.zipf, 0) AS zipf
                FROM dictionary_entries e LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
                WHERE e.seq IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))
                  AND length(e.folded_term) BETWEEN ? AND ?\(filterSQL)
                """
            let arguments = chunk.map(\.databaseValue) + [(query.count - tolerance).databaseValue, (query.count + tolerance).databaseValue]
                + filterArguments
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                matches.append(TypoMatch(seq: row[0], lang: row[1], entryID: row[2], term: row[3], normalizedTerm: row[4],
                                         foldedTerm: row[5], overallScore: row[6], zipf: row[7]))
            }
            start += 500
        }
        return matches
    }

    /// Terms of a plausible length starting with the query's first three letters (one range scan of the folded-key
    /// index, at most `shortlistSize`): a misspelling rarely starts wrong, yet such a term can share too few trigrams
    /// to make the shortlist ("beleive" shares only "bel" with believe, while every "-ceive" word shares two).
    private func sameStartCandidates(db: Database, query: [Unicode.Scalar], tolerance: Int, excluding: Set<Int64>) throws -> [Int64] {
        guard query.count >= 4 else { return [] }
        let head = String(String.UnicodeScalarView(query[0..<3]))
        return try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT seq FROM dictionary_entries WHERE folded_term >= ? AND folded_term < ? AND length(folded_term) BETWEEN ? AND ? LIMIT ?
            """), arguments: [head, head + Self.rangeEnd, query.count - tolerance, query.count + tolerance, Self.shortlistSize])
            .filter { !excluding.contains($0) }
    }

    /// The SQL path of `fuzzyTier`'s candidates: one read of the trigram index per distinct trigram of `query`,
    /// stopped one past the cap (a trigram that reaches it is dropped whole and remembered in `common`); the terms
    /// sharing at least `minimumShared` of the rest, most shared first, at most `shortlistSize`.
    private func typoShortlist(db: Database, query: [Unicode.Scalar], tolerance: Int, common: CommonKeys) throws -> [Int64] {
        let postings = try db.cachedStatement(sql: """
            SELECT rowid FROM dictionary_term_trigrams WHERE dictionary_term_trigrams MATCH ? LIMIT \(Self.postingsCap + 1)
            """)
        var shared: [Int64: Int] = [:]
        shared.reserveCapacity(4 * Self.postingsCap)
        var seen = Set<String>()
        var termRows: [Int64] = []
        termRows.reserveCapacity(Self.postingsCap + 1)
        var skipped = 0
        for start in 0...(query.count - 3) {
            let trigram = String(String.UnicodeScalarView(query[start..<start + 3]))
            guard seen.insert(trigram).inserted else { continue }
            if common.contains(trigram) { skipped += 1; continue }
            termRows.removeAll(keepingCapacity: true)
            let cursor = try Int64.fetchCursor(postings, arguments: [Self.phrase(trigram)])
            while let seq = try cursor.next() { termRows.append(seq) }
            guard termRows.count <= Self.postingsCap else { common.insert(trigram); skipped += 1; continue }
            for seq in termRows { shared[seq, default: 0] += 1 }
        }
        let minimumShared = Self.minimumShared(distinctTrigrams: seen.count, skipped: skipped, tolerance: tolerance)
        return shared.filter { $0.value >= minimumShared }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.shortlistSize).map(\.key)
    }

    /// Count filter (lossless): an edit destroys at most three of the query's trigrams, so a term within `tolerance`
    /// edits still holds all but 3 × tolerance of them, less those skipped as too common. Long misspellings
    /// ("pronounciation") otherwise sorted and read tens of thousands of one-trigram neighbours.
    static func minimumShared(distinctTrigrams: Int, skipped: Int, tolerance: Int) -> Int {
        max(1, distinctTrigrams - skipped - 3 * tolerance)
    }

    /// Full-text matches of `expression` (from `fullTextExpression`; BM25: term ×10, synonyms ×4, definition ×1),
    /// best first.
    func fullTextTier(db: Database, expression: String?, limit: Int) throws -> [LexicalCandidate] {
        guard let expression else { return [] }
        // Without filters, rank inside the full-text index first and read only the kept rows' entries: joining every
        // match before the sort costs a table seek per match.
        let sql = filterSQL.isEmpty
            ? """
                SELECT m.rowid, e.lang, e.id, m.rank FROM (
                    SELECT rowid, bm25(dictionary_fts, 10.0, 4.0, 1.0) AS rank FROM dictionary_fts
                    WHERE dictionary_fts MATCH ? ORDER BY rank LIMIT ?) m
                JOIN dictionary_entries e ON e.seq = m.rowid ORDER BY m.rank
                """
            : """
                SELECT dictionary_fts.rowid, e.lang, e.id, bm25(dictionary_fts, 10.0, 4.0, 1.0) AS rank
                FROM dictionary_fts JOIN dictionary_entries e ON e.seq = dictionary_fts.rowid
                WHERE dictionary_fts MATCH ?\(filterSQL) ORDER BY rank LIMIT ?
                """
        let arguments: [DatabaseValue] = filterSQL.isEmpty
            ? [expression.databaseValue, limit.databaseValue]
            : [expression.databaseValue] + filterArguments + [limit.databaseValue]
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
            LexicalCandidate(seq: $0[0], lang: $0[1], entryID: $0[2], tier: .other, bm25: $0[3])
        }
    }

    /// The FTS5 expression of the content words: all of them, or any of them without the common ones
    /// (`commonWordCutoff`) when a rarer word remains.
    /// Words found common are remembered in `common` and not counted again.
    func fullTextExpression(_ db: Database, any: Bool, common: CommonKeys) throws -> FullTextExpression? {
        func expression(_ words: [String], prefixLast: Bool = true) -> FullTextExpression? {
            QueryText.matchExpression(words, any: any, prefixLast: prefixLast).map {
                FullTextExpression(text: $0, words: Array(words.prefix(32)), prefixLast: prefixLast, anyWord: any && words.count > 1)
            }
        }
        guard any, contentTokens.count > 1 else { return expression(contentTokens) }
        let frequency = try db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM dictionary_fts WHERE dictionary_fts MATCH ? LIMIT \(Self.commonWordCutoff + 1))
            """)
        var rare: [String] = []
        for token in contentTokens.prefix(32) where !common.contains(token) {
            if try (Int.fetchOne(frequency, arguments: [Self.phrase(token)]) ?? 0) <= Self.commonWordCutoff {
                rare.append(token)
            } else {
                common.insert(token)
            }
        }
        guard !rare.isEmpty, rare.count < contentTokens.count else { return expression(contentTokens) }
        // The last word is matched as a prefix (it may be unfinished) only if it is still the last.
        return expression(rare, prefixLast: rare.last == contentTokens.last)
    }

    /// How many entries match in any tier, counting at most `cap` per tier: term-key matches, plus matches of the
    /// full-text `expression` whose term does not already match, plus `fuzzyCount`. Without filters the full-text
    /// side is counted inside the index alone (no entry reads).
    func total(_ db: Database, expression: String?, fuzzyCount: Int, cap: Int) throws -> Int {
        let (termSQL, termArguments) = termCondition()
        var count = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e WHERE \(termSQL)\(filterSQL) LIMIT \(cap))",
            arguments: StatementArguments(termArguments + filterArguments)) ?? 0
        if let expression {
            if filterSQL.isEmpty {
                let matches = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM (SELECT 1 FROM dictionary_fts WHERE dictionary_fts MATCH ? LIMIT \(cap))",
                    arguments: [expression]) ?? 0
                // An INTERSECT of the two capped legs: `rowid IN (…)` inside the MATCH makes FTS5 re-run the match once
                // per listed row (52 ms for "water" on WordNet, against 3 ms). Exact below the cap, like the legs.
                let both = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (
                        SELECT * FROM (SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH ? LIMIT \(cap))
                        INTERSECT SELECT * FROM (SELECT e.seq FROM dictionary_entries e WHERE \(termSQL) LIMIT \(cap)))
                    """, arguments: StatementArguments([expression.databaseValue] + termArguments)) ?? 0
                count += matches - both
            } else {
                count += try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (SELECT 1 FROM dictionary_fts JOIN dictionary_entries e ON e.seq = dictionary_fts.rowid
                    WHERE dictionary_fts MATCH ? AND NOT (\(termSQL))\(filterSQL) LIMIT \(cap))
                    """, arguments: StatementArguments([expression.databaseValue] + termArguments + filterArguments)) ?? 0
            }
        }
        return min(count + fuzzyCount, cap)
    }

    /// A page in a non-relevance order (alphabetical, quality, popularity) over every match, with its total.
    func sortedPage(_ db: Database, order: LexicalOrder, expression: String?, extra: [Int64]) throws -> EntryPage {
        let (with, arguments) = candidateUnion(expression: expression, extra: extra)
        let from = "FROM candidates c JOIN dictionary_entries e ON e.seq = c.seq WHERE 1\(filterSQL)"
        let (languageSQL, languageArguments) = SearchService.languageFirst(order.preferredLanguage)
        let rows = try Row.fetchAll(
            db, sql: "\(with) SELECT \(EntryRow.columns) \(from) ORDER BY \(languageSQL)\(SearchService.orderClause(for: order.sort)) LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + filterArguments + languageArguments + [order.limit.databaseValue, order.offset.databaseValue]))
        let total = try Int.fetchOne(db, sql: "\(with) SELECT count(*) FROM (SELECT 1 \(from) LIMIT \(order.cap))",
                                     arguments: StatementArguments(arguments + filterArguments)) ?? 0
        return EntryPage(entries: try rows.map(EntryRow.decode), total: total)
    }

    /// Per-value counts of `facets` over every match (the union `sortedPage` pages through), reading at most `cap`
    /// matches: one grouped statement, O(matches), never the entries' JSON.
    func facetCounts(_ db: Database, facets: [SearchFacet], expression: String?, extra: [Int64], cap: Int)
        throws -> [SearchFacet: [String: Int]] {
        let (with, arguments) = candidateUnion(expression: expression, extra: extra)
        var tally = FacetTally(facets)
        try tally.add(db, sql: """
            \(with) SELECT lang, type, count(*) FROM (
                SELECT e.lang, e.type FROM candidates c JOIN dictionary_entries e ON e.seq = c.seq WHERE 1\(filterSQL) LIMIT \(cap))
            GROUP BY lang, type
            """, arguments: StatementArguments(arguments + filterArguments))
        return tally.counts
    }

    /// `WITH candidates(seq) AS (…)`: every entry matching as a key, by the full-text `expression`, or listed in
    /// `extra` (typo matches), before filters.
    private func candidateUnion(expression: String?, extra: [Int64]) -> (sql: String, arguments: [DatabaseValue]) {
        let (termSQL, termArguments) = termCondition()
        var legs = ["SELECT e.seq FROM dictionary_entries e WHERE \(termSQL)"]
        var arguments = termArguments
        if let expression {
            legs.append("SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH ?")
            arguments.append(expression.databaseValue)
        }
        if !extra.isEmpty {
            legs.append("SELECT value FROM json_each(?)")
            arguments.append("[\(extra.map(String.init).joined(separator: ","))]".databaseValue)
        }
        return ("WITH candidates(seq) AS (\(legs.joined(separator: " UNION ")))", arguments)
    }

    /// The condition "the term matches the query as a key" on alias `e`: contains it (three or more characters,
    /// or a short CJK query), else starts with it.
    /// The term-key condition of every term tier the query takes part in (exact, prefix, and contains when allowed).
    private func termCondition() -> (String, [DatabaseValue]) {
        switch plan.termCondition {
        case .contains:
            ("e.seq IN (SELECT rowid FROM dictionary_term_trigrams WHERE dictionary_term_trigrams MATCH ?)", [Self.phrase(folded).databaseValue])
        case .containsChinese:
            ("(e.lang IN ('zh-CN', 'zh-TW') AND instr(e.folded_term, ?) > 0)", [folded.databaseValue])
        case .startsWith:
            ("((e.normalized_term >= ? AND e.normalized_term < ?) OR (e.folded_term >= ? AND e.folded_term < ?))",
             [normalized, normalized + Self.rangeEnd, folded, folded + Self.rangeEnd].map(\.databaseValue))
        }
    }

    /// `text` as one FTS5 string (a substring query for the trigram tokenizer).
    private static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
