package import DictStore
import Foundation
import GRDB

/// Read-only reports over `search_analytics`. Periods are whole days back from now, compared as ISO-8601 text
/// (one timestamp format everywhere, so text order is time order).
package struct SearchAnalyticsReports: Sendable {
    /// A term and how often it was searched.
    package struct PopularSearch: Codable, Hashable, Sendable {
        package var term: String
        package var searchCount: Int
        package var foundCount: Int
        package var lastSearched: String
    }

    /// One UTC day's searches.
    package struct DailyTrend: Codable, Hashable, Sendable {
        package var date: String
        package var total: Int
        package var found: Int
        package var averageResponseMs: Double
    }

    /// Latency percentiles (nearest rank) of one mode, in milliseconds.
    package struct ModeLatency: Codable, Hashable, Sendable {
        package var mode: SearchMode
        package var count: Int
        package var p50: Double
        package var p95: Double
        package var p99: Double

        /// Nearest-rank percentiles of each mode's response times, in `SearchMode.allCases` order (modes without
        /// searches left out).
        package static func percentiles(_ byMode: [SearchMode: [Double]]) -> [ModeLatency] {
            SearchMode.allCases.compactMap { mode in
                guard let values = byMode[mode]?.sorted(), !values.isEmpty else { return nil }
                func rank(_ p: Double) -> Double { values[min(values.count - 1, max(0, Int((p * Double(values.count)).rounded(.up)) - 1))] }
                return ModeLatency(mode: mode, count: values.count, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99))
            }
        }
    }

    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    /// Days accepted by every report.
    package static let dayRange = 1...3650

    /// Most searched normalized terms in the last `days` days, by count (ties: most recent first).
    package func popularSearches(days: Int = 30, limit: Int = 20) throws -> [PopularSearch] {
        try grouped(days: days, limit: limit, onlyZeroResults: false)
    }

    /// Searches that found nothing in the last `days` days (content gaps), most frequent first.
    package func zeroResultSearches(days: Int = 30, limit: Int = 20) throws -> [PopularSearch] {
        try grouped(days: days, limit: limit, onlyZeroResults: true)
    }

    /// Searches per UTC day over the last `days` days, oldest first.
    package func dailyTrends(days: Int = 30) throws -> [DailyTrend] {
        let cutoff = try Self.cutoff(days: days)
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(searched_at, 1, 10) AS day, count(*) AS total, sum(found) AS found, avg(response_time_ms) AS avg_ms
                FROM search_analytics WHERE searched_at >= ? GROUP BY day ORDER BY day
                """, arguments: [cutoff]).map {
                DailyTrend(date: $0["day"], total: $0["total"], found: $0["found"], averageResponseMs: $0["avg_ms"])
            }
        }
    }

    /// p50/p95/p99 response time per search mode over the last `days` days. O(m log m) in the rows read.
    package func latencyPercentiles(days: Int = 30) throws -> [ModeLatency] {
        let cutoff = try Self.cutoff(days: days)
        return try database.read { db in
            var byMode: [SearchMode: [Double]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT search_type, response_time_ms FROM search_analytics WHERE searched_at >= ?", arguments: [cutoff])
            while let row = try rows.next() {
                if let mode = SearchMode(rawValue: row["search_type"]) { byMode[mode, default: []].append(row["response_time_ms"]) }
            }
            return ModeLatency.percentiles(byMode)
        }
    }

    /// The most a grouped report lists.
    static func clampedLimit(_ limit: Int) -> Int { min(max(limit, 1), 1000) }

    private func grouped(days: Int, limit: Int, onlyZeroResults: Bool) throws -> [PopularSearch] {
        let cutoff = try Self.cutoff(days: days)
        let limit = Self.clampedLimit(limit)
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT normalized_term, count(*) AS search_count, sum(found) AS found_count, max(searched_at) AS last_searched
                FROM search_analytics WHERE searched_at >= ? AND normalized_term <> '' \(onlyZeroResults ? "AND found = 0" : "")
                GROUP BY normalized_term ORDER BY search_count DESC, last_searched DESC, normalized_term LIMIT ?
                """, arguments: [cutoff, limit]).map {
                PopularSearch(term: $0["normalized_term"], searchCount: $0["search_count"], foundCount: $0["found_count"], lastSearched: $0["last_searched"])
            }
        }
    }

    static func cutoff(days: Int) throws -> String {
        guard dayRange.contains(days) else { throw SearchError.invalidPeriod(expected: dayRange, found: days) }
        return Timestamp.format(Date().addingTimeInterval(-Double(days) * 86_400))
    }
}
