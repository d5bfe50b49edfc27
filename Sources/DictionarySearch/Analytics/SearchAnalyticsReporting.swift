/// The analytics reports and the dictionary overview the HTTP service and `dict analytics` read, on either engine:
/// `SearchAnalyticsReports` over the SQLite file, `PostgresSearchAnalyticsReports` over PostgreSQL. Periods are whole
/// days back from now (`SearchAnalyticsReports.dayRange`), answered alike by both.
package protocol SearchAnalyticsReporting: Sendable {
    /// Most searched normalized terms in the last `days` days, by count (ties: most recent first, then the term).
    func popularSearches(days: Int, limit: Int) async throws -> [SearchAnalyticsReports.PopularSearch]
    /// Searches that found nothing in the last `days` days (content gaps), most frequent first.
    func zeroResultSearches(days: Int, limit: Int) async throws -> [SearchAnalyticsReports.PopularSearch]
    /// Searches per UTC day over the last `days` days, oldest first.
    func dailyTrends(days: Int) async throws -> [SearchAnalyticsReports.DailyTrend]
    /// p50/p95/p99 response time per search mode over the last `days` days.
    func latencyPercentiles(days: Int) async throws -> [SearchAnalyticsReports.ModeLatency]
    /// The dictionary at a glance plus searches since `cutoff` (the ISO-8601 start of a `periodDays` period).
    func overview(periodDays: Int, cutoff: String) async throws -> DictionaryOverview
}

extension SearchAnalyticsReports: SearchAnalyticsReporting {
    package func overview(periodDays: Int, cutoff: String) throws -> DictionaryOverview {
        try DictionaryOverview.read(from: database, periodDays: periodDays, cutoff: cutoff)
    }
}
