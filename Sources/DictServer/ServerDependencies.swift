import DictMigrations
package import DictStore
package import DictionaryCore
package import DictionaryImport
package import DictionarySearch
package import Foundation
package import Logging

/// What the HTTP service needs from the rest of the program, handed in by `dict serve` (or a test): the dictionary
/// services over one engine (the SQLite file, or PostgreSQL's `dictionary` schema), the metrics it reports into, the
/// shared rate limiter, a logger and the work to do at shutdown. Nothing here names an engine: the stores behind the
/// protocols do.
package struct ServerDependencies: Sendable {
    /// Searches that are user searches (recorded in analytics).
    package var search: SearchService
    /// The same searches without analytics, for lookups the original never logged (language map, suggestions,
    /// related-term resolution).
    package var unrecordedSearch: SearchService
    /// Batch lookups.
    package var batch: BatchLookup
    /// Feedback submission.
    package var feedback: FeedbackService
    /// Analytics reports (popular searches, trends, latency) and the dictionary overview.
    package var reports: any SearchAnalyticsReporting
    /// Entry and vector counts for `/health`, `/readyz` and the gauges.
    package var statistics: any DictionaryStatisticsReading
    /// The dictionary service's migrations applied and pending, for `/health` and `/readyz`.
    package var migrationStatus: @Sendable () async throws -> (applied: Int, pending: Int)
    /// Writes exports.
    package var exporter: any EntryExporting
    /// The analytics writer, flushed at shutdown; nil when analytics are off.
    package var analytics: SearchAnalyticsRecorder?
    /// Metrics and scrape-time gauges.
    package var metrics: ServerMetrics
    /// Counters shared by every request (one per process).
    package var rateLimiter: FixedWindowRateLimiter
    /// The service logger (per-request loggers add `request_id`).
    package var logger: Logger
    /// Extra work after the server stopped accepting requests, before analytics are flushed (close queues, …).
    package var onShutdown: @Sendable () async -> Void
    /// When the process started (for `/health` uptime).
    package var startedAt: Date
    /// Failures of work that must not fail its caller (index refreshes, usage rows), shown by `/health` and `/metrics`.
    package var failures: OperationalFailures
    /// With reads on a replica: bookmarks for writes and the wait of reads that send one back (`BookmarkMiddleware`).
    package var readConsistency: ReplicaReads?

    /// The dictionary services over any engine: `search` records user searches into `analytics`, `unrecordedSearch`
    /// is the same without; `metrics` defaults to the engine-neutral gauges over `statistics`.
    package init(
        search: SearchService,
        unrecordedSearch: SearchService,
        feedback: FeedbackService,
        reports: any SearchAnalyticsReporting,
        statistics: any DictionaryStatisticsReading,
        migrationStatus: @escaping @Sendable () async throws -> (applied: Int, pending: Int),
        exporter: any EntryExporting,
        analytics: SearchAnalyticsRecorder?,
        metrics: ServerMetrics? = nil,
        rateLimiter: FixedWindowRateLimiter = FixedWindowRateLimiter(),
        logger: Logger = Logger(label: "dict.server"),
        onShutdown: @escaping @Sendable () async -> Void = {},
        startedAt: Date = Date(),
        failures: OperationalFailures = .shared
    ) {
        self.search = search
        self.unrecordedSearch = unrecordedSearch
        batch = BatchLookup(store: search.store)
        self.feedback = feedback
        self.reports = reports
        self.statistics = statistics
        self.migrationStatus = migrationStatus
        self.exporter = exporter
        self.analytics = analytics
        self.metrics = metrics ?? ServerMetrics(gauges: DictionaryStatusGauges.engineNeutral(statistics: statistics, failures: failures))
        self.rateLimiter = rateLimiter
        self.logger = logger
        self.onShutdown = onShutdown
        self.startedAt = startedAt
        self.failures = failures
    }

    /// Every dictionary service over the SQLite `database`; `semantic` enables semantic and hybrid search;
    /// `analytics` receives one event per user search and is shut down (flushed) when the server stops.
    package init(
        dictionaryDatabase: StoreDatabase,
        semantic: SemanticComponents? = nil,
        analytics: SearchAnalyticsRecorder? = nil,
        searchConfiguration: SearchConfiguration = SearchConfiguration(),
        metrics: ServerMetrics? = nil,
        rateLimiter: FixedWindowRateLimiter = FixedWindowRateLimiter(),
        logger: Logger = Logger(label: "dict.server"),
        onShutdown: @escaping @Sendable () async -> Void = {},
        startedAt: Date = Date(),
        failures: OperationalFailures = .shared
    ) {
        // One in-memory copy of the term trigrams for both services, built in the background from the start.
        let termTrigrams = TermTrigramCache(database: dictionaryDatabase)
        termTrigrams.warmUp()
        self.init(
            search: SearchService(database: dictionaryDatabase, semantic: semantic, analytics: analytics, configuration: searchConfiguration,
                                  termTrigrams: termTrigrams),
            unrecordedSearch: SearchService(database: dictionaryDatabase, semantic: semantic, analytics: nil, configuration: searchConfiguration,
                                            termTrigrams: termTrigrams),
            feedback: FeedbackService(database: dictionaryDatabase),
            reports: SearchAnalyticsReports(database: dictionaryDatabase),
            statistics: DictionaryStatistics(database: dictionaryDatabase),
            migrationStatus: { try Self.migrationCounts(dictionaryDatabase) },
            exporter: EntryExporter(database: dictionaryDatabase),
            analytics: analytics,
            metrics: metrics ?? ServerMetrics(gauges: DictionaryStatusGauges.all(database: dictionaryDatabase, failures: failures)),
            rateLimiter: rateLimiter, logger: logger, onShutdown: onShutdown, startedAt: startedAt, failures: failures)
    }

    /// The dictionary migrations applied to and pending in the SQLite `database`.
    static func migrationCounts(_ database: StoreDatabase) throws -> (applied: Int, pending: Int) {
        let rows = try Service.dictionary.migrationRunner().status(of: database)
        let applied = rows.filter { $0.state == .applied }.count
        return (applied, rows.count - applied)
    }

    /// Runs `onShutdown`, then stops the analytics writer after its final flush.
    func shutdown() async {
        await onShutdown()
        analytics?.shutdown()
    }
}
