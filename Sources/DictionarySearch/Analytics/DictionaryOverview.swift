package import DictStore
import GRDB

/// Read-only aggregates over `dictionary_entries` and `search_analytics` for `/api/v1/analytics/summary`: counts,
/// score and type distributions, newest and weakest entries, and search success over a period. Every query is one
/// indexed aggregate or a bounded `LIMIT` scan in a single read snapshot. (The original's summary failed at run
/// time because it queried a column that does not exist.)
package struct DictionaryOverview: Encodable, Sendable {
    /// A compact entry reference (no definitions) for the lists below.
    package struct EntryReference: Encodable, Sendable {
        package let id: String
        package let term: String
        package let lang: String
        package let type: String
        package let qualityScore: Double
        package let createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, term, lang, type
            case qualityScore = "quality_score"
            case createdAt = "created_at"
        }
    }

    /// Searches in the period.
    package struct SearchStatistics: Encodable, Sendable {
        package let periodDays: Int
        package let totalSearches: Int
        package let uniqueTerms: Int
        package let successRate: Double

        enum CodingKeys: String, CodingKey {
            case periodDays = "period_days"
            case totalSearches = "total_searches"
            case uniqueTerms = "unique_terms"
            case successRate = "success_rate"
        }
    }

    package let totalTerms: Int
    package let averageQualityScore: Double
    /// excellent ≥ 90, good 70–89, fair 50–69, poor < 50 (on `overall_score`).
    package let qualityDistribution: [String: Int]
    package let typeDistribution: [String: Int]
    package let languageDistribution: [String: Int]
    package let recentAdditions: [EntryReference]
    package let lowQualityTerms: [EntryReference]
    package let searchStatistics: SearchStatistics
    package let lastUpdated: String?

    enum CodingKeys: String, CodingKey {
        case totalTerms = "total_terms"
        case averageQualityScore = "avg_quality_score"
        case qualityDistribution = "quality_distribution"
        case typeDistribution = "type_distribution"
        case languageDistribution = "language_distribution"
        case recentAdditions = "recent_additions"
        case lowQualityTerms = "low_quality_terms"
        case searchStatistics = "search_statistics"
        case lastUpdated = "last_updated"
    }

    /// Reads everything in one snapshot; `cutoff` is the ISO-8601 start of the search period.
    package static func read(from database: StoreDatabase, periodDays: Int, cutoff: String) throws -> DictionaryOverview {
        try database.read { db in
            let totals = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(avg(overall_score), 0) AS average,
                    sum(overall_score >= 90) AS excellent, sum(overall_score >= 70 AND overall_score < 90) AS good,
                    sum(overall_score >= 50 AND overall_score < 70) AS fair, sum(overall_score < 50) AS poor,
                    max(updated_at) AS last_updated
                FROM dictionary_entries
                """)!
            func distribution(_ column: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT \(column) AS k, count(*) AS n FROM dictionary_entries GROUP BY \(column)") {
                    result[row["k"]] = row["n"]
                }
                return result
            }
            func references(_ sql: String) throws -> [EntryReference] {
                try Row.fetchAll(db, sql: "SELECT id, term, lang, type, overall_score, created_at FROM dictionary_entries \(sql)").map {
                    EntryReference(id: $0["id"], term: $0["term"], lang: $0["lang"], type: $0["type"], qualityScore: $0["overall_score"], createdAt: $0["created_at"])
                }
            }
            let searches = try Row.fetchOne(db, sql: """
                SELECT count(*) AS total, count(DISTINCT normalized_term) AS unique_terms, coalesce(avg(found), 0) AS success
                FROM search_analytics WHERE searched_at >= ?
                """, arguments: [cutoff])!
            return DictionaryOverview(
                totalTerms: totals["n"],
                averageQualityScore: ((totals["average"] as Double) * 100).rounded() / 100,
                qualityDistribution: [
                    "excellent": totals["excellent"] ?? 0, "good": totals["good"] ?? 0, "fair": totals["fair"] ?? 0, "poor": totals["poor"] ?? 0,
                ],
                typeDistribution: try distribution("type"),
                languageDistribution: try distribution("lang"),
                recentAdditions: try references("ORDER BY created_at DESC, seq DESC LIMIT 10"),
                lowQualityTerms: try references("WHERE overall_score < 50 ORDER BY overall_score ASC, normalized_term LIMIT 10"),
                searchStatistics: SearchStatistics(
                    periodDays: periodDays, totalSearches: searches["total"], uniqueTerms: searches["unique_terms"],
                    successRate: ((searches["success"] as Double) * 1000).rounded() / 1000),
                lastUpdated: totals["last_updated"])
        }
    }
}
