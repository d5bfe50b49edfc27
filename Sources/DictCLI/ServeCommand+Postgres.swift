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
        _ location: PostgresLocation, readLocation: PostgresLocation? = nil, connections: Int, semantic: Bool, modelDirectory: String?, compute: ComputeConfiguration,
        followInterval: Duration = .seconds(1), registry: PrometheusCollectorRegistry, logger: Logger
    ) async throws -> (dependencies: ServerDependencies, close: @Sendable () async -> Void) {
        let service = Service.dictionary
        let runner: PostgresMigrationRunner
        let session: PostgresSession
        let reads: PostgresSession
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
            do {
                if let standby = readLocation {
                    let standbySession = try await PostgresSession.pooled(to: standby, schema: service.rawValue, maximumConnections: connections)
                    do { try await runner.requireMigrated(in: standbySession) } catch {
                        await standbySession.close()
                        throw error
                    }
                    reads = standbySession
                } else {
                    reads = session
                }
            } catch {
                await session.close()
                analyticsConnection.close()
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
                let loaded = try await PostgresSemanticSearch.load(session: reads, modelDirectory: modelDirectory, compute: compute)
                components = loaded.components
                let follower = loaded.follower
                following = Task { await follower.run(every: followInterval) }
                logger.info("semantic model \(loaded.model.rawValue): \(loaded.backend.index.count) vectors, following their changes from position \(follower.position)")
            } catch {
                logger.warning("semantic search disabled: \(error)")
            }
        }
        // Reads go to `reads` (the standby when one is given), writes to the primary: analytics, feedback, the
        // export history (so exports read the primary too), migration status (the schema the writes meet).
        let store = PostgresSearchStore(session: reads)
        let analytics = SearchAnalyticsRecorder(writer: PostgresSearchEventWriter(connection: analyticsConnection))
        let statistics = PostgresDictionaryStatistics(session: reads)
        let dependencies = ServerDependencies(
            search: SearchService(store: store, semantic: components, analytics: analytics),
            unrecordedSearch: SearchService(store: store, semantic: components),
            feedback: FeedbackService(store: PostgresFeedbackStore(session: session)),
            reports: PostgresSearchAnalyticsReports(session: reads),
            statistics: statistics,
            migrationStatus: {
                let rows = try await runner.status(in: session)
                let applied = rows.filter { $0.state == .applied }.count
                return (applied, rows.count - applied)
            },
            exporter: PostgresEntryExporter(session: session),
            analytics: analytics,
            metrics: ServerMetrics(registry: registry, gauges: DictionaryStatusGauges.all(
                statistics: statistics, queueDepths: { try await PostgresQueueDepths.read(reads) },
                tokensToday: { try await PostgresTokenLedger(session: reads).usage(days: 1) })),
            logger: logger,
            onShutdown: { logger.info("server stopped; flushing search analytics") })
        logger.info("serving PostgreSQL \(location) (schema \(service.rawValue), up to \(connections) connections)\(readLocation.map { "; reads from \($0)" } ?? "")")
        let follow = following
        return (dependencies, {
            follow?.cancel()
            await follow?.value
            if readLocation != nil { await reads.close() }
            await session.close()
            analyticsConnection.close()
        })
    }
}
