package import Logging
import NIOConcurrencyHelpers
import NIOSSL
package import PostgresNIO

/// Statements against a PostgreSQL server, opened from a `PostgresLocation`, errors turned into `PostgresFailure`
/// with the server's own message. Either one connection, for work that runs statement after statement (commands,
/// migrations, tests), or a pool (`pooled`) for a server answering requests at once: each statement then runs on any
/// free connection, and a transaction holds one for its length. A one-connection session serves one caller at a
/// time: two tasks' transactions on its connection would interleave.
package final class PostgresSession: Sendable {
    private enum Backing: Sendable {
        case connection(PostgresConnection)
        /// The client and the task running it (cancelled by `close`).
        case pool(PostgresClient, Task<Void, Never>)
        /// Reads routed to a standby, or to the primary inside `readingPrimary` (see `routingReads`).
        case routed(standby: PostgresSession, primary: PostgresSession)
    }

    /// Set by `readingPrimary`: a routed session sends this task's statements to the primary.
    @TaskLocal private static var readsPrimary = false

    private let backing: Backing
    package let location: PostgresLocation
    package let logger: Logger

    private init(backing: Backing, location: PostgresLocation, logger: Logger) {
        self.backing = backing
        self.location = location
        self.logger = logger
    }

    /// A session over one connection that another session leased (its transaction's).
    private convenience init(connection: PostgresConnection, location: PostgresLocation, logger: Logger) {
        self.init(backing: .connection(connection), location: location, logger: logger)
    }

    /// Connects (10 s timeout) and authenticates.
    package static func connect(to location: PostgresLocation, logger: Logger = Logger(label: "dict.postgres")) async throws -> PostgresSession {
        let configuration = try connectionConfiguration(location)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostgresSession(connection: connection, location: location, logger: logger)
        } catch {
            throw PostgresFailure(error, doing: "connecting to \(location)")
        }
    }

    /// A pool of at most `maximumConnections` connections, opened as statements need them, whose unqualified names
    /// resolve in `schema` (sent as the `search_path` startup parameter, so every pooled connection has it). A refused
    /// connection or login fails here, not at the first request.
    package static func pooled(
        to location: PostgresLocation, schema: String, maximumConnections: Int, logger: Logger = Logger(label: "dict.postgres")
    ) async throws -> PostgresSession {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try clientTLS(for: location.tls))
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.additionalStartupParameters = [("search_path", "\(try PostgresMigrationRunner.checkedSchemaName(schema)), public")]
        // The pool retries a refused connection with backoff for as long as a statement waits; one direct
        // connection first turns a wrong password or host into an error now, with the server's message.
        await (try await connect(to: location, logger: logger)).close()
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let started = NIOLockedValueBox(false)
        let runner = Task {
            started.withLockedValue { $0 = true }
            await client.run()
        }
        // A statement leased before `run` began is served, but postgres-nio warns on every output the command has
        // (it broke `dict queue run --json`); the task reaches `run` within a few scheduler turns.
        while !started.withLockedValue({ $0 }) { await Task.yield() }
        await Task.yield()
        return PostgresSession(backing: .pool(client, runner), location: location, logger: logger)
    }

    /// A session for reads only, whose statements go to `standby`, except inside `readingPrimary`, where they go to
    /// `primary` (a read that must see a write the standby has not replayed yet); a statement that loses its
    /// connection (`PostgresFailure.transient`) is asked again once. It closes neither session.
    package static func routingReads(standby: PostgresSession, primary: PostgresSession) -> PostgresSession {
        PostgresSession(backing: .routed(standby: standby, primary: primary), location: standby.location, logger: standby.logger)
    }

    /// Runs `body` with every routed session's statements sent to its primary.
    package static func readingPrimary<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await $readsPrimary.withValue(true) { try await body() }
    }

    /// Where a routed session's statement goes now.
    private static func route(standby: PostgresSession, primary: PostgresSession) -> PostgresSession {
        readsPrimary ? primary : standby
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    package func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        if case .routed(let standby, let primary) = backing {
            // Everything a routing session runs is a read: one lost to a failover or a restart is asked again once,
            // on another connection. (Never a write: it may have committed.)
            do {
                return try await Self.route(standby: standby, primary: primary).query(query)
            } catch let failure as PostgresFailure where failure.transient {
                try await Task.sleep(for: .milliseconds(200))
                return try await Self.route(standby: standby, primary: primary).query(query)
            }
        }
        do {
            return try await stream(query).collect()
        } catch let failure as PostgresFailure {
            throw failure
        } catch {
            throw PostgresFailure(error, doing: query.sql)
        }
    }

    /// Runs one statement and returns its rows as they arrive (for results too large to hold twice).
    package func stream(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do {
            switch backing {
            case .connection(let connection):
                // A connection the server closed while it was idle (a terminated backend, a failover) would leave
                // the query waiting for an answer that never comes.
                guard !connection.isClosed else { throw PostgresFailure.closedConnection(doing: query.sql) }
                return try await connection.query(query, logger: logger)
            case .pool(let client, _): return try await client.query(query, logger: logger)
            case .routed(let standby, let primary): return try await Self.route(standby: standby, primary: primary).stream(query)
            }
        } catch let failure as PostgresFailure {
            throw failure
        } catch {
            throw PostgresFailure(error, doing: query.sql)
        }
    }

    /// Runs `body` with one connection of this session (leased from the pool for its length).
    private func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        switch backing {
        case .connection(let connection): return try await body(connection)
        case .pool(let client, _): return try await client.withConnection { try await body($0) }
        case .routed(let standby, let primary): return try await Self.route(standby: standby, primary: primary).withConnection(body)
        }
    }

    /// The server's version as it reports it (`SHOW server_version`).
    package func serverVersion() async throws -> String {
        try await execute("SHOW server_version").first?.decode(String.self) ?? "unknown"
    }

    /// Runs one statement given as text, without bindings.
    @discardableResult
    package func execute(_ sql: String) async throws -> [PostgresRow] {
        try await query(PostgresQuery(unsafeSQL: sql))
    }

    /// `COPY table (columns) FROM STDIN` of `rows` rows in text format: `row(i, &text)` appends row `i`'s values
    /// (the row end is added here); the bytes go out in ~1 MiB pieces.
    package func copy(
        into table: String, columns: [String], rows: Int, _ row: @Sendable (Int, inout PostgresCopyText) -> Void
    ) async throws {
        guard rows > 0 else { return }
        do {
            try await withConnection { connection in try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var text = PostgresCopyText()
                for i in 0..<rows {
                    row(i, &text)
                    text.endRow()
                    if text.buffer.readableBytes >= 1 << 20 { try await writer.write(text.take()) }
                }
                if text.buffer.readableBytes > 0 { try await writer.write(text.take()) }
            } }
        } catch {
            throw PostgresFailure(error, doing: "COPY \(table) (\(rows) rows)")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws (its error rethrown).
    /// On a pool, `body` gets a session over the one connection the transaction holds.
    package func transaction<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        switch backing {
        case .connection: return try await Self.transaction(on: self, body)
        case .routed(let standby, let primary): return try await Self.route(standby: standby, primary: primary).transaction(body)
        case .pool: break
        }
        return try await withConnection { connection in
            try await Self.transaction(on: PostgresSession(connection: connection, location: location, logger: logger), body)
        }
    }

    /// Runs `body` in one read-only `REPEATABLE READ` transaction: its statements see the same commits.
    package func snapshot<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await transaction { session in
            try await session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try await body(session)
        }
    }

    private static func transaction<T: Sendable>(on session: PostgresSession, _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await session.execute("BEGIN")
        let value: T
        do {
            value = try await body(session)
        } catch {
            _ = try? await session.execute("ROLLBACK")
            throw error
        }
        try await session.execute("COMMIT")
        return value
    }

    /// Connects, runs `body` and closes the session, also when `body` throws. With `schema`, the session's
    /// unqualified names resolve in that service's schema (`SET search_path TO <schema>, public`).
    package static func withSession<T: Sendable>(
        to location: PostgresLocation, schema: String? = nil, _ body: (PostgresSession) async throws -> T
    ) async throws -> T {
        let session = try await connect(to: location)
        do {
            if let schema { try await session.execute("SET search_path TO \(try PostgresMigrationRunner.checkedSchemaName(schema)), public") }
            let value = try await body(session)
            await session.close()
            return value
        } catch {
            await session.close()
            throw error
        }
    }

    /// Closes the connection, or shuts the pool down (a routing session closes nothing). A session a transaction handed
    /// out must not be closed.
    package func close() async {
        switch backing {
        case .connection(let connection):
            try? await connection.close()
        case .pool(_, let runner):
            runner.cancel()
            await runner.value
        case .routed:
            break  // the sessions it routes to belong to their owners
        }
    }

    private static func clientTLS(for mode: PostgresLocation.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer, .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return mode == .prefer ? .prefer(configuration) : .require(configuration)
        case .verifyFull: return .require(.makeClientConfiguration())
        }
    }

    /// One connection's settings for `location` (10 s connect timeout); with `schema`, its unqualified names resolve
    /// there (the `search_path` startup parameter).
    static func connectionConfiguration(_ location: PostgresLocation, schema: String? = nil) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try tls(for: location.tls))
        configuration.options.connectTimeout = .seconds(10)
        if let schema {
            configuration.options.additionalStartupParameters = [("search_path", "\(try PostgresMigrationRunner.checkedSchemaName(schema)), public")]
        }
        return configuration
    }

    private static func tls(for mode: PostgresLocation.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable:
            return .disable
        case .prefer, .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            return mode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}
