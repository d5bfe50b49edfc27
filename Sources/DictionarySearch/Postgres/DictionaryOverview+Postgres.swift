import DictPostgres
import PostgresNIO

extension DictionaryOverview {
    /// The overview from PostgreSQL's `dictionary` schema, in one read-only snapshot: the same aggregates as
    /// `read(from:periodDays:cutoff:)` on SQLite, the same ordering to the last tie.
    static func read(session: PostgresSession, periodDays: Int, cutoff: String) async throws -> DictionaryOverview {
        try await session.snapshot { session in
            let totals = try await session.execute("""
                SELECT count(*), coalesce(avg(overall_score), 0)::float8,
                    count(*) FILTER (WHERE overall_score >= 90), count(*) FILTER (WHERE overall_score >= 70 AND overall_score < 90),
                    count(*) FILTER (WHERE overall_score >= 50 AND overall_score < 70), count(*) FILTER (WHERE overall_score < 50),
                    max(updated_at)
                FROM dictionary_entries
                """).first
            let (count, average, excellent, good, fair, poor, lastUpdated) =
                try totals?.decode((Int, Double, Int, Int, Int, Int, String?).self) ?? (0, 0, 0, 0, 0, 0, nil)
            func distribution(_ column: String) async throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try await session.execute("SELECT \(column), count(*) FROM dictionary_entries GROUP BY \(column)") {
                    let (key, n) = try row.decode((String, Int).self)
                    result[key] = n
                }
                return result
            }
            func references(_ tail: String) async throws -> [EntryReference] {
                try await session.execute("SELECT id, term, lang, type, overall_score, created_at FROM dictionary_entries \(tail)").map { row in
                    let (id, term, lang, type, score, created) = try row.decode((String, String, String, String, Double, String).self)
                    return EntryReference(id: id, term: term, lang: lang, type: type, qualityScore: score, createdAt: created)
                }
            }
            var statement = PostgresStatement()
            let searchesSQL = """
                SELECT count(*), count(DISTINCT normalized_term), coalesce(avg(found), 0)::float8
                FROM search_analytics WHERE searched_at >= \(statement.bind(cutoff))
                """
            let (total, unique, success) = try await session.query(statement.query(searchesSQL)).first?.decode((Int, Int, Double).self) ?? (0, 0, 0)
            return DictionaryOverview(
                totalTerms: count,
                averageQualityScore: (average * 100).rounded() / 100,
                qualityDistribution: ["excellent": excellent, "good": good, "fair": fair, "poor": poor],
                typeDistribution: try await distribution("type"),
                languageDistribution: try await distribution("lang"),
                recentAdditions: try await references("ORDER BY created_at DESC, seq DESC LIMIT 10"),
                lowQualityTerms: try await references("WHERE overall_score < 50 ORDER BY overall_score ASC, normalized_term LIMIT 10"),
                searchStatistics: SearchStatistics(
                    periodDays: periodDays, totalSearches: total, uniqueTerms: unique, successRate: (success * 1000).rounded() / 1000),
                lastUpdated: lastUpdated)
        }
    }
}
