import DictStore
import Foundation
import Logging

/// What the HTTP service needs from the rest of the program, handed in by `dict serve` (or a test): the dictionary
/// database, the metrics it reports into, the shared rate limiter, a logger and the work to do at shutdown.
public struct ServerDependencies: Sendable {
    /// The dictionary service's database (a WAL pool for files, so reads continue while an import writes).
    public var dictionaryDatabase: StoreDatabase
    /// Metrics and scrape-time gauges.
    public var metrics: ServerMetrics
    /// Counters shared by every request (one per process).
    public var rateLimiter: FixedWindowRateLimiter
    /// The service logger (per-request loggers add `request_id`).
    public var logger: Logger
    /// Runs once after the server stopped accepting requests (flush buffered analytics, close queues).
    public var onShutdown: @Sendable () async -> Void
    /// When the process started (for `/health` uptime).
    public var startedAt: Date

    public init(
        dictionaryDatabase: StoreDatabase,
        metrics: ServerMetrics? = nil,
        rateLimiter: FixedWindowRateLimiter = FixedWindowRateLimiter(),
        logger: Logger = Logger(label: "dict.server"),
        onShutdown: @escaping @Sendable () async -> Void = {},
        startedAt: Date = Date()
    ) {
        self.dictionaryDatabase = dictionaryDatabase
        self.metrics = metrics ?? ServerMetrics(gauges: DictionaryStatusGauges.all(database: dictionaryDatabase))
        self.rateLimiter = rateLimiter
        self.logger = logger
        self.onShutdown = onShutdown
        self.startedAt = startedAt
    }
}
