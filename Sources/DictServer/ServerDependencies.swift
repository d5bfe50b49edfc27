package import DictStore
package import DictionaryCore
package import DictionarySearch
package import Foundation
package import Logging

/// What the HTTP service needs from the rest of the program, handed in by `dict serve` (or a test): the dictionary
/// services over one database, the metrics it reports into, the shared rate limiter, a logger and the work to do at
/// shutdown.
package struct ServerDependencies: Sendable {
    /// The dictionary service's database (a WAL pool for files, so reads continue while an import writes).
    package var dictionaryDatabase: StoreDatabase
    /// Searches that are user searches (recorded in analytics).
    package var search: SearchService
    /// The same searches without analytics, for lookups the original never logged (language map, suggestions,
    /// related-term resolution).
    package var unrecordedSearch: SearchService
    /// Entries by id.
    package var entries: EntryRepository
    /// Batch lookups.
    package var batch: BatchLookup
    /// Feedback submission.
    package var feedback: FeedbackService
    /// Analytics reports (popular searches, trends, latency).
    package var reports: SearchAnalyticsReports
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

    /// Every dictionary service over `database`; `semantic` enables semantic and hybrid search; `analytics`
    /// receives one event per user search and is shut down (flushed) when the server stops.
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
        self.dictionaryDatabase = dictionaryDatabase
        // One in-memory copy of the term trigrams for both services, built in the background from the start.
        let termTrigrams = TermTrigramCache(database: dictionaryDatabase)
        termTrigrams.warmUp()
        search = SearchService(database: dictionaryDatabase, semantic: semantic, analytics: analytics, configuration: searchConfiguration,
                               termTrigrams: termTrigrams)
        unrecordedSearch = SearchService(database: dictionaryDatabase, semantic: semantic, analytics: nil, configuration: searchConfiguration,
                                         termTrigrams: termTrigrams)
        entries = EntryRepository(database: dictionaryDatabase)
        batch = BatchLookup(store: search.store)
        feedback = FeedbackService(database: dictionaryDatabase)
        reports = SearchAnalyticsReports(database: dictionaryDatabase)
        self.analytics = analytics
        self.metrics = metrics ?? ServerMetrics(gauges: DictionaryStatusGauges.all(database: dictionaryDatabase, failures: failures))
        self.rateLimiter = rateLimiter
        self.logger = logger
        self.onShutdown = onShutdown
        self.startedAt = startedAt
        self.failures = failures
    }

    /// Runs `onShutdown`, then stops the analytics writer after its final flush.
    func shutdown() async {
        await onShutdown()
        analytics?.shutdown()
    }
}
