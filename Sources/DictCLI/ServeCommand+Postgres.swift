import DictMigrations
import DictPostgres
import DictServer
import DictStore
import DictVectors
import DictionaryCore
import DictionaryImport
import DictionaryQueues
import DictionarySearch
import Logging
import Prometheus

extension ServeCommand {
    /// The services over PostgreSQL's `dictionary` schema: requests share a pool of `connections` connections, search
    /// analytics are written by the background recorder over one connection of its own, and the semantic model with a
    /// snapshot of the schema's vectors is loaded unless `semantic` is false (failing that, semantic requests answer
    /// 503 and hybrid runs lexically, as on SQLite). `close` shuts both down after the server stopped.
    /// - Throws: exit 3 with one line when the server cannot be reached or the schema is not migrated.
    static func postgresDependencies(
        _ location: PostgresLocation, connections: Int, semantic: Bool, modelDirectory: String?, compute: ComputeConfiguration,
        followInterval: Duration = .seconds(1), registry: PrometheusCollectorRegistry, logger: Logger
    ) async throws -> (dependencies: ServerDependencies, close: @Sendable () async -> Void) {
        let service = Service.dictionary
        let runner: PostgresMigrationRunner
        let session: PostgresSession
        let analyticsConnection: PostgresBlockingConnection
        do {
            runner = try PostgresMigrationRunner(schema: service.rawValue, files: service.postgresMigrationFiles)
            session = try await PostgresSession.pooled(to: location, schema: service.rawValue, maximumConnections: connections)
            do {
                try await runner.requireMigrated(in: session)
                analyticsConnection = try PostgresBlockingConnection(to: location, schema: service.rawValue)
            } catch {
                await session.close()
                throw error
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        var components: SemanticComponents?
        var following: Task<Void, Never>?
        if semantic {
            do {
                let loaded = try await PostgresSemanticSearch.load(session: session, modelDirectory: modelDirectory, compute: compute)
                components = loaded.components
                let follower = loaded.follower
                following = Task { await follower.run(every: followInterval) }
                logger.info("semantic model \(loaded.model.rawValue): \(loaded.backend.index.count) vectors, following their changes from position \(follower.position)")
            } catch {
                logger.warning("semantic search disabled: \(error)")
            }
        }
        let store = PostgresSearchStore(session: session)
        let analytics = SearchAnalyticsRecorder(writer: PostgresSearchEventWriter(connection: analyticsConnection))
        let statistics = PostgresDictionaryStatistics(session: session)
        let dependencies = ServerDependencies(
            search: SearchService(store: store, semantic: components, analytics: analytics),
            unrecordedSearch: SearchService(store: store, semantic: components),
            feedback: FeedbackService(store: PostgresFeedbackStore(session: session)),
            reports: PostgresSearchAnalyticsReports(session: session),
            statistics: statistics,
            migrationStatus: {
                let rows = try await runner.status(in: session)
                let applied = rows.filter { $0.state == .applied }.count
                return (applied, rows.count - applied)
            },
            exporter: PostgresEntryExporter(session: session),
            analytics: analytics,
            metrics: ServerMetrics(registry: registry, gauges: DictionaryStatusGauges.all(
                statistics: statistics, queueDepths: { try await PostgresQueueDepths.read(session) },
                tokensToday: { try await PostgresTokenLedger(session: session).usage(days: 1) })),
            logger: logger,
            onShutdown: { logger.info("server stopped; flushing search analytics") })
        logger.info("serving PostgreSQL \(location) (schema \(service.rawValue), up to \(connections) connections)")
        let follow = following
        return (dependencies, {
            follow?.cancel()
            await follow?.value
            await session.close()
            analyticsConnection.close()
        })
    }
}
