import DictEmbedding
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
        followInterval: Duration = .seconds(1), bookmarkWait: Duration = .seconds(2), registry: PrometheusCollectorRegistry, logger: Logger
    ) async throws -> (dependencies: ServerDependencies, close: @Sendable () async -> Void) {
        let service = Service.dictionary
        let runner: PostgresMigrationRunner
        let session: PostgresSession
        /// The standby's own pool, when one is given; `reads` routes to it (or, for a late bookmarked read, to `session`).
        let standbySession: PostgresSession?
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
                    let pool = try await PostgresSession.pooled(to: standby, schema: service.rawValue, maximumConnections: connections)
                    do { try await runner.requireMigrated(in: pool) } catch {
                        await pool.close()
                        throw error
                    }
                    standbySession = pool
                } else {
                    standbySession = nil
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
        // Read-only work goes through a routing session: to the standby when there is one, retried once when a
        // failover or restart drops its connection.
        let reads = PostgresSession.routingReads(standby: standbySession ?? session, primary: session)
        var components: SemanticComponents?
        var following: Task<Void, Never>?
        var indexFollowers: [PostgresVectorFollower] = []
        if semantic {
            do {
                let loaded = try await PostgresSemanticSearch.load(session: standbySession ?? session, modelDirectory: modelDirectory, compute: compute)
                components = loaded.components
                let followers = loaded.followers
                following = Task {
                    await withTaskGroup(of: Void.self) { group in
                        for follower in followers { group.addTask { await follower.run(every: followInterval) } }
                    }
                }
                indexFollowers = followers
                let companion = loaded.components.companion.map { "; English companion \($0.embedder.modelName)" } ?? ""
                logger.info("semantic model \(loaded.model.rawValue): \(loaded.backend.index.count) vectors, following their changes from position \(followers[0].position)\(companion)")
            } catch {
                logger.warning("semantic search disabled: \(error)")
            }
        }
        // Reads go to `reads` (the standby when one is given), writes to the primary: analytics, feedback, the
        // export history (so exports read the primary too), migration status (the schema the writes meet).
        let store = PostgresSearchStore(session: reads)
        let analytics = SearchAnalyticsRecorder(writer: PostgresSearchEventWriter(connection: analyticsConnection))
        let statistics = PostgresDictionaryStatistics(session: reads)
        var dependencies = ServerDependencies(
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
        if let standbySession {
            let followers = indexFollowers
            dependencies.readConsistency = ReplicaReads(
                consistency: PostgresReadConsistency(primary: session, standby: standbySession), wait: bookmarkWait,
                onCaughtUp: { for follower in followers { await follower.catchUp() } })
        }
        logger.info("serving PostgreSQL \(location) (schema \(service.rawValue), up to \(connections) connections)\(readLocation.map { "; reads from \($0)" } ?? "")")
        let follow = following
        return (dependencies, {
            follow?.cancel()
            await follow?.value
            await standbySession?.close()
            await session.close()
            analyticsConnection.close()
        })
    }
}
