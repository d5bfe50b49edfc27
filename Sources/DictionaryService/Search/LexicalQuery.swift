import GRDB

/// The statements of one lexical search (see `SearchService.lexical`): each tier is one indexed query, never a
/// scan of every term. User text reaches SQL only as bound values; in FTS5 expressions it appears only inside
/// double-quoted strings (`QueryText.matchExpression`), so `AND OR NOT NEAR * " ( ) ^ :` are ordinary characters.
struct LexicalQuery {
    let normalized: String
    let folded: String
    /// Word tokens of the query, and those that are not stop words (all of them when every one is).
    let tokens: [String]
    let contentTokens: [String]
    /// The filters as SQL on alias `e`, written so they never drive the plan (`+e.lang …`).
    private let filterSQL: String
    private let filterArguments: [DatabaseValue]
    /// Unicode scalars of the folded query; the trigram index needs at least three.
    private let length: Int
    private let isCJK: Bool

    /// Highest code point, appended to a key to make the exclusive upper bound of its prefix range.
    private static let rangeEnd = "\u{10FFFF}"
    private static let tierOrder = "length(e.normalized_term), e.overall_score DESC, e.search_frequency DESC, e.normalized_term, e.seq"

    init(normalized: String, filters: SearchFilters) {
        self.normalized = normalized
        folded = TermNormalizer.fold(normalized)
        tokens = QueryText.tokens(normalized)
        let content = tokens.filter { !StopWords.contains($0) }
        contentTokens = content.isEmpty ? tokens : content
        let (conditions, arguments) = filters.sqlConditions(indexable: false)
        filterSQL = conditions.map { " AND \($0)" }.joined()
        filterArguments = arguments
        length = folded.unicodeScalars.count
        isCJK = QueryText.cjkFraction(normalized) >= 0.5
    }

    /// Typos are looked for in a one- or two-word query of at least four letters (shorter words have too many
    /// neighbours at distance 1 to guess from).
    var allowsFuzzy: Bool { (1...2).contains(tokens.count) && length >= 4 && !isCJK }

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
        } else if isCJK {
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

    /// Terms within `EditDistance.tolerance` of the query ("cresendo" → crescendo, "betoven" → Beethoven): the terms
    /// sharing the most trigrams with it (each trigram's posting list read once) are checked by edit distance;
    /// closest first, then the more frequent word, then quality.
    func fuzzyTier(db: Database, limit: Int) throws -> [LexicalCandidate] {
        let query = Array(folded.unicodeScalars)
        let tolerance = EditDistance.tolerance(forLength: query.count)
        guard tolerance > 0, query.count >= 3 else { return [] }
        var shared: [Int64: Int] = [:]
        let postings = try db.cachedStatement(sql: "SELECT rowid FROM dictionary_term_trigrams WHERE dictionary_term_trigrams MATCH ? LIMIT 50000")
        var trigrams = Set<String>()
        for start in 0...(query.count - 3) {
            let trigram = String(String.UnicodeScalarView(query[start..<start + 3]))
            guard trigrams.insert(trigram).inserted else { continue }
            let rows = try Int64.fetchCursor(postings, arguments: [Self.phrase(trigram)])
            while let seq = try rows.next() { shared[seq, default: 0] += 1 }
        }
        // One edit touches at most four of the query's trigrams (a transposition), so a term within distance d keeps
        // at least |trigrams| − 4·d of them; at least one is required. Keep the best few hundred.
        let needed = max(1, trigrams.count - 4 * tolerance)
        let shortlist = shared.filter { $0.value >= needed }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(400).map(\.key)
        guard !shortlist.isEmpty else { return [] }
        let sql = """
            SELECT e.seq, e.lang, e.id, e.folded_term, e.overall_score, coalesce(f.zipf, 0) AS zipf FROM dictionary_entries e
            LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
            WHERE e.seq IN (\(Array(repeating: "?", count: shortlist.count).joined(separator: ",")))\(filterSQL)
            """
        var matches: [(candidate: LexicalCandidate, distance: Int, zipf: Double, score: Double, term: String)] = []
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(shortlist.map(\.databaseValue) + filterArguments)) {
            let term: String = row["folded_term"]
            guard let distance = EditDistance.distance(query, Array(term.unicodeScalars), limit: tolerance) else { continue }
            matches.append((LexicalCandidate(seq: row["seq"], lang: row["lang"], entryID: row["id"], tier: .fuzzy, bm25: nil), distance, row["zipf"],
                            row["overall_score"], term))
        }
        matches.sort { lhs, rhs in
            if lhs.distance != rhs.distance { return lhs.distance < rhs.distance }
            if lhs.zipf != rhs.zipf { return lhs.zipf > rhs.zipf }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return (lhs.term, lhs.candidate.seq) < (rhs.term, rhs.candidate.seq)
        }
        return matches.prefix(limit).map(\.candidate)
    }

    /// Full-text matches of the content words (BM25: term ×10, synonyms ×4, definition ×1), best first.
    func fullTextTier(db: Database, any: Bool, limit: Int) throws -> [LexicalCandidate] {
        guard let expression = QueryText.matchExpression(contentTokens, any: any) else { return [] }
        let sql = """
            SELECT dictionary_fts.rowid, e.lang, e.id, bm25(dictionary_fts, 10.0, 4.0, 1.0) AS rank
            FROM dictionary_fts JOIN dictionary_entries e ON e.seq = dictionary_fts.rowid
            WHERE dictionary_fts MATCH ?\(filterSQL) ORDER BY rank LIMIT ?
            """
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments([expression.databaseValue] + filterArguments + [limit.databaseValue])).map {
            LexicalCandidate(seq: $0[0], lang: $0[1], entryID: $0[2], tier: .other, bm25: $0[3])
        }
    }

    /// How many entries match in any tier, counting at most `cap` per tier: term-key matches, plus full-text
    /// matches whose term does not already match, plus `fuzzyCount`.
    func total(_ db: Database, any: Bool, fuzzyCount: Int, cap: Int) throws -> Int {
        let (termSQL, termArguments) = termCondition()
        var count = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT 1 FROM dictionary_entries e WHERE \(termSQL)\(filterSQL) LIMIT \(cap))",
            arguments: StatementArguments(termArguments + filterArguments)) ?? 0
        if let expression = QueryText.matchExpression(contentTokens, any: any) {
            count += try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT 1 FROM dictionary_fts JOIN dictionary_entries e ON e.seq = dictionary_fts.rowid
                WHERE dictionary_fts MATCH ? AND NOT (\(termSQL))\(filterSQL) LIMIT \(cap))
                """, arguments: StatementArguments([expression.databaseValue] + termArguments + filterArguments)) ?? 0
        }
        return min(count + fuzzyCount, cap)
    }

    /// A page in a non-relevance order (alphabetical, quality, popularity) over every match, with its total.
    func sortedPage(_ db: Database, request: SearchRequest, any: Bool, extra: [Int64]) throws -> (hits: [SearchHit], total: Int) {
        let (termSQL, termArguments) = termCondition()
        var legs = ["SELECT e.seq FROM dictionary_entries e WHERE \(termSQL)"]
        var arguments = termArguments
        if let expression = QueryText.matchExpression(contentTokens, any: any) {
            legs.append("SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH ?")
            arguments.append(expression.databaseValue)
        }
        if !extra.isEmpty {
            legs.append("SELECT value FROM json_each(?)")
            arguments.append("[\(extra.map(String.init).joined(separator: ","))]".databaseValue)
        }
        let with = "WITH candidates(seq) AS (\(legs.joined(separator: " UNION ")))"
        let from = "FROM candidates c JOIN dictionary_entries e ON e.seq = c.seq WHERE 1\(filterSQL)"
        let (languageSQL, languageArguments) = SearchService.languageFirst(request.preferredLanguage)
        let rows = try Row.fetchAll(
            db, sql: "\(with) SELECT \(EntryRow.columns) \(from) ORDER BY \(languageSQL)\(SearchService.orderClause(for: request.sort)) LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + filterArguments + languageArguments + [request.limit.databaseValue, request.offset.databaseValue]))
        let total = try Int.fetchOne(db, sql: "\(with) SELECT count(*) FROM (SELECT 1 \(from) LIMIT \(SearchService.totalCap))",
                                     arguments: StatementArguments(arguments + filterArguments)) ?? 0
        return (try rows.map { SearchHit(entry: try EntryRow.decode($0), score: 0) }, total)
    }

    /// The condition "the term matches the query as a key" on alias `e`: contains it (three or more characters,
    /// or a short CJK query), else starts with it.
    private func termCondition() -> (String, [DatabaseValue]) {
        if length >= 3 {
            return ("e.seq IN (SELECT rowid FROM dictionary_term_trigrams WHERE dictionary_term_trigrams MATCH ?)",
                    [Self.phrase(folded).databaseValue])
        }
        if isCJK {
            return ("(e.lang IN ('zh-CN', 'zh-TW') AND instr(e.folded_term, ?) > 0)", [folded.databaseValue])
        }
        return ("((e.normalized_term >= ? AND e.normalized_term < ?) OR (e.folded_term >= ? AND e.folded_term < ?))",
                [normalized, normalized + Self.rangeEnd, folded, folded + Self.rangeEnd].map(\.databaseValue))
    }

    /// `text` as one FTS5 string (a substring query for the trigram tokenizer).
    private static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
