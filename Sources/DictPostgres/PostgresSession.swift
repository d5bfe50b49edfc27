package import Logging
import NIOSSL
package import PostgresNIO

/// One connection to a PostgreSQL server, for work that runs statement after statement (migrations, tests):
/// opened from a `PostgresLocation`, errors turned into `PostgresFailure` with the server's own message.
package final class PostgresSession: Sendable {
    package let connection: PostgresConnection
    package let location: PostgresLocation
    package let logger: Logger

    private init(connection: PostgresConnection, location: PostgresLocation, logger: Logger) {
        self.connection = connection
        self.location = location
        self.logger = logger
    }

    /// Connects (10 s timeout) and authenticates.
    package static func connect(to location: PostgresLocation, logger: Logger = Logger(label: "dict.postgres")) async throws -> PostgresSession {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try tls(for: location.tls))
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostgresSession(connection: connection, location: location, logger: logger)
        } catch {
            throw PostgresFailure(error, doing: "connecting to \(location)")
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    package func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await connection.query(query, logger: logger).collect()
        } catch {
            throw PostgresFailure(error, doing: query.sql)
        }
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
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var text = PostgresCopyText()
                for i in 0..<rows {
                    row(i, &text)
                    text.endRow()
                    if text.buffer.readableBytes >= 1 << 20 { try await writer.write(text.take()) }
                }
                if text.buffer.readableBytes > 0 { try await writer.write(text.take()) }
            }
        } catch {
            throw PostgresFailure(error, doing: "COPY \(table) (\(rows) rows)")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws (its error rethrown).
    package func transaction<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await execute("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            _ = try? await execute("ROLLBACK")
            throw error
        }
        try await execute("COMMIT")
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

    package func close() async {
        try? await connection.close()
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
