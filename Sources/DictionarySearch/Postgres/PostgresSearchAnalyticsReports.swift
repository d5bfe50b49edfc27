package import DictPostgres
import PostgresNIO

/// `SearchAnalyticsReporting` on PostgreSQL's `dictionary` schema: the same statements as `SearchAnalyticsReports`
/// (timestamps are the same ISO-8601 text, so text order is time order; ties broken by code point as on SQLite).
package struct PostgresSearchAnalyticsReports: SearchAnalyticsReporting {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    package func popularSearches(days: Int, limit: Int) async throws -> [SearchAnalyticsReports.PopularSearch] {
        try await grouped(days: days, limit: limit, onlyZeroResults: false)
    }

    package func zeroResultSearches(days: Int, limit: Int) async throws -> [SearchAnalyticsReports.PopularSearch] {
        try await grouped(days: days, limit: limit, onlyZeroResults: true)
    }

    package func dailyTrends(days: Int) async throws -> [SearchAnalyticsReports.DailyTrend] {
        var statement = PostgresStatement()
        let sql = """
            SELECT substr(searched_at, 1, 10) AS day, count(*), sum(found)::bigint, avg(response_time_ms)
            FROM search_analytics WHERE searched_at >= \(statement.bind(try SearchAnalyticsReports.cutoff(days: days)))
            GROUP BY day ORDER BY day
            """
        return try await session.query(statement.query(sql)).map { row in
            let (day, total, found, average) = try row.decode((String, Int, Int, Double).self)
            return SearchAnalyticsReports.DailyTrend(date: day, total: total, found: found, averageResponseMs: average)
        }
    }

    package func latencyPercentiles(days: Int) async throws -> [SearchAnalyticsReports.ModeLatency] {
        var statement = PostgresStatement()
        let sql = "SELECT search_type, response_time_ms FROM search_analytics WHERE searched_at >= \(statement.bind(try SearchAnalyticsReports.cutoff(days: days)))"
        var byMode: [SearchMode: [Double]] = [:]
        for try await row in try await session.stream(statement.query(sql)) {
            let (type, milliseconds) = try row.decode((String, Double).self)
            if let mode = SearchMode(rawValue: type) { byMode[mode, default: []].append(milliseconds) }
        }
        return SearchAnalyticsReports.ModeLatency.percentiles(byMode)
    }

    package func overview(periodDays: Int, cutoff: String) async throws -> DictionaryOverview {
        try await DictionaryOverview.read(session: session, periodDays: periodDays, cutoff: cutoff)
    }

    private func grouped(days: Int, limit: Int, onlyZeroResults: Bool) async throws -> [SearchAnalyticsReports.PopularSearch] {
        var statement = PostgresStatement()
        let sql = """
            SELECT normalized_term, count(*) AS search_count, sum(found)::bigint, max(searched_at) AS last_searched
            FROM search_analytics
            WHERE searched_at >= \(statement.bind(try SearchAnalyticsReports.cutoff(days: days))) AND normalized_term <> ''
                \(onlyZeroResults ? "AND found = 0" : "")
            GROUP BY normalized_term ORDER BY search_count DESC, last_searched DESC, normalized_term COLLATE "C"
            LIMIT \(statement.bind(SearchAnalyticsReports.clampedLimit(limit)))
            """
        return try await session.query(statement.query(sql)).map { row in
            let (term, count, found, last) = try row.decode((String, Int, Int, String).self)
            return SearchAnalyticsReports.PopularSearch(term: term, searchCount: count, foundCount: found, lastSearched: last)
        }
    }
}
