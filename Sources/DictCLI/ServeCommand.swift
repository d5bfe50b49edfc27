import ArgumentParser
import DictEmbedding
import DictMigrations
import DictPostgres
import DictServer
import DictStore
import DictVectors
import DictionaryCore
import DictionarySearch
import Foundation
import Logging
import Metrics
import Prometheus

/// `dict serve`: the HTTP search service (Hummingbird) over the dictionary database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dictionary over HTTP (JSON API under /api/v1, /metrics, /docs/openapi.json).",
        discussion: """
            Settings come from flags, else the environment (DICT_HOST, DICT_PORT, DICT_CORS_ORIGINS, \
            DICT_RATE_LIMIT_PER_MINUTE, DICT_MAX_BODY_BYTES, DICT_TRUST_PROXY, DICT_HEADER_TIMEOUT_SECONDS, \
            DICT_IDLE_TIMEOUT_SECONDS, DICT_MAX_CONNECTIONS, DICT_THREADS), else defaults. Prints \
            "dict: listening on http://HOST:PORT" once bound. SIGINT or SIGTERM stops accepting requests, lets \
            in-flight ones finish and flushes analytics before exiting. --database (or $DICT_DATABASE_URL) serves \
            PostgreSQL's dictionary schema instead of the data directory (docs/postgres.md); --read-database sends \
            its reads to a standby (docs/scale-out.md).
            """
    )

    /// The environment variable `--read-database` defaults to.
    static let readDatabaseVariable = "DICT_READ_DATABASE_URL"

    @OptionGroup var dataDirectory: DataDirectoryOption

    @OptionGroup var database: DatabaseURLOption

    @Option(
        name: .customLong("read-database"),
        help: "With --database: a hot standby of it (or a replica port) that searches, lookups, reports and the vector index read from; writes stay on --database (default: $DICT_READ_DATABASE_URL; none: everything on --database).")
    var readDatabase: String?

    @Option(name: .customLong("bookmark-wait"), help: "With --read-database: how long a read sending X-Dict-Bookmark waits for the standby before the primary answers it, in seconds (default 2).")
    var bookmarkWait: Double = 2

    @Option(name: .customLong("database-connections"), help: "With --database: the most PostgreSQL connections the server opens for requests (default: 2 per core, at least 4; analytics writes use one more).")
    var databaseConnections: Int?

    @Option(help: "Interface to bind (default 127.0.0.1).")
    var host: String?

    @Option(help: "TCP port (default 8080; 0 picks a free port).")
    var port: Int?

    @Option(name: .customLong("cors-origin"), help: "Allowed browser origin (repeatable or comma-separated; * for any).")
    var corsOrigins: [String] = []

    @Option(name: .customLong("rate-limit"), help: "Default requests per minute per client (route limits scale with it; 0 disables).")
    var rateLimitPerMinute: Int?

    @Option(name: .customLong("max-body-bytes"), help: "Largest accepted request body in bytes (default 262144).")
    var maxBodyBytes: Int?

    @Option(name: .customLong("header-timeout"), help: "Seconds to receive a request's line and headers; 408 and close after (default 10).")
    var headerTimeout: Int?

    @Option(name: .customLong("body-timeout"), help: "Seconds to receive a request's whole body after its head; 408 and close after (default 30).")
    var bodyTimeout: Int?

    @Option(name: .customLong("write-timeout"), help: "Seconds a client may leave its response unread before the connection is closed (default 30).")
    var writeTimeout: Int?

    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may stay silent before it is closed (default 60).")
    var idleTimeout: Int?

    @Option(name: .customLong("max-connections"), help: "Connections served at once; more wait in the backlog (default 512, kept under the open-files limit).")
    var maxConnections: Int?

    @Option(name: .customLong("cache-seconds"), help: "Seconds a found exact lookup is answered from the response cache (default 60; 0 turns it off).")
    var cacheSeconds: Int?

    @Flag(name: .customLong("trust-proxy"), help: "Identify clients by X-Forwarded-For (only behind a trusted reverse proxy).")
    var trustProxy = false

    @Option(name: .customLong("model-dir"), help: "The folder of the data directory's semantic model (default: $DICT_MODEL_DIR or ./models/all-MiniLM-L6-v2; for multilingual-e5-small $DICT_E5_MODEL_DIR or ./models/multilingual-e5-small).", completion: .directory)
    var modelDir: String?

    @OptionGroup var compute: ComputeOptions

    @Flag(name: .customLong("no-semantic"), help: "Do not load the embedding model (semantic search answers 503, hybrid runs lexically).")
    var noSemantic = false

    @Option(name: .customLong("log-level"), help: "Least severe level logged (info includes one access line per request).")
    var logLevel: Logger.Level = .info

    @Option(name: .customLong("log-format"), help: "Log lines as plain text or as one JSON object each.")
    var logFormat: LogFormat = .plain

    func run() async throws {
        var configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.resolve(
                overrides: .init(
                    host: host, port: port, corsOrigins: corsOrigins.isEmpty ? nil : corsOrigins,
                    rateLimitPerMinute: rateLimitPerMinute, maxRequestBodyBytes: maxBodyBytes,
                    trustForwardedHeaders: trustProxy ? true : nil, headerTimeoutSeconds: headerTimeout,
                    idleTimeoutSeconds: idleTimeout, maxConnections: maxConnections, responseCacheSeconds: cacheSeconds,
                    bodyTimeoutSeconds: bodyTimeout, writeTimeoutSeconds: writeTimeout))
        } catch {
            printError("\(error)")
            throw ExitStatus.usage
        }
        let computeConfiguration = try compute.resolve()
        let level = logLevel
        let postgres = try database.location()
        let readURL = readDatabase ?? ProcessInfo.processInfo.environment[Self.readDatabaseVariable].flatMap { $0.isEmpty ? nil : $0 }
        let readPostgres: PostgresLocation?
        do { readPostgres = try readURL.map { try PostgresLocation(url: $0, environment: ProcessInfo.processInfo.environment) } } catch { throw ValidationError("--read-database: \(error)") }
        if readPostgres != nil, postgres == nil {
            printError("--read-database needs --database (the primary that takes the writes)")
            throw ExitStatus.usage
        }
        guard bookmarkWait.isFinite, (0...60).contains(bookmarkWait) else {
            printError("--bookmark-wait: expected 0…60 seconds, found \(bookmarkWait)")
            throw ExitStatus.usage
        }
        if let databaseConnections, databaseConnections < 1 {
            printError("--database-connections: expected at least 1, found \(databaseConnections)")
            throw ExitStatus.usage
        }

        // Process-wide systems are bootstrapped here and only here (a second bootstrap crashes the process).
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level)
            case .plain:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let logger = Logger(label: "dict.server")
        // Every connection is a file descriptor; keep room for the databases, the model and the listener so a
        // connection flood meets the cap, not EMFILE (which would also stop the server from opening files).
        let fitting = OpenFilesLimit.connectionsThatFit(configuration.maxConnections)
        if fitting < configuration.maxConnections {
            logger.warning("max connections lowered from \(configuration.maxConnections) to \(fitting) to fit the open-files limit")
            configuration.maxConnections = fitting
        }
        let dependencies: ServerDependencies
        var closePostgres: @Sendable () async -> Void = {}
        if let postgres {
            let served = try await Self.postgresDependencies(
                postgres, readLocation: readPostgres, connections: databaseConnections ?? max(4, 2 * computeConfiguration.threads),
                semantic: !noSemantic, modelDirectory: modelDir, compute: computeConfiguration,
                bookmarkWait: .milliseconds(Int(bookmarkWait * 1000)), registry: registry, logger: logger)
            dependencies = served.dependencies
            closePostgres = served.close
        } else {
            dependencies = sqliteDependencies(
                try ExistingDatabase.open(dataDirectory: dataDirectory.path), compute: computeConfiguration, registry: registry, logger: logger)
        }
        let host = configuration.host
        do {
            try await DictHTTPServer.run(configuration: configuration, dependencies: dependencies) { port in
                // Written unbuffered: scripts wait for this line to learn the port.
                FileHandle.standardOutput.write(Data("dict: listening on http://\(host):\(port)\n".utf8))
            }
        } catch {
            await closePostgres()
            printError("server: \(error)")
            throw ExitStatus.dataError
        }
        await closePostgres()
    }

    /// The services over the SQLite files: searches recorded by a background writer, the semantic model and vector
    /// index loaded unless `--no-semantic` (without them semantic requests answer 503 and hybrid runs lexically).
    private func sqliteDependencies(
        _ database: StoreDatabase, compute: ComputeConfiguration, registry: PrometheusCollectorRegistry, logger: Logger
    ) -> ServerDependencies {
        let analytics = SearchAnalyticsRecorder(database: database)
        var semantic: SemanticComponents?
        if !noSemantic {
            do {
                let loaded = try LocalSemanticSearch.load(database: database, modelDirectory: modelDir, compute: compute)
                semantic = loaded.components
                let companion = loaded.components.companion.map { "; English companion \($0.embedder.modelName)" } ?? ""
                logger.info("semantic model \(loaded.model.rawValue): \(loaded.backend.index.count) vectors\(companion)")
            } catch {
                logger.warning("semantic search disabled: \(error)")
            }
        }
        return ServerDependencies(
            dictionaryDatabase: database,
            semantic: semantic,
            analytics: analytics,
            metrics: ServerMetrics(registry: registry, gauges: DictionaryStatusGauges.all(database: database)),
            logger: logger,
            onShutdown: { logger.info("server stopped; flushing search analytics") }
        )
    }
}
