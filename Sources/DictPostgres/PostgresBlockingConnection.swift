package import Logging
import NIOConcurrencyHelpers
package import PostgresNIO

/// One connection for a thread outside Swift concurrency (the search-analytics writer's): each statement blocks its
/// caller until the server answered, on NIO's own threads, so it never waits for the concurrency pool and may be
/// called from a pooled task without starving it. A connection that failed other than by the server refusing a
/// statement (reset, closed) is dropped and reopened at the next statement.
package final class PostgresBlockingConnection: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let location: PostgresLocation
    private let logger: Logger
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)

    /// A connection to `location` whose unqualified names resolve in `schema`; opened at the first statement.
    package init(to location: PostgresLocation, schema: String, logger: Logger = Logger(label: "dict.postgres")) throws {
        configuration = try PostgresSession.connectionConfiguration(location, schema: schema)
        self.location = location
        self.logger = logger
    }

    /// Runs one statement and returns its rows. Not for an event-loop thread.
    @discardableResult
    package func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        let open = try openConnection()
        do {
            return Array(try open.query(query, logger: logger).wait().rows)
        } catch {
            if (error as? PSQLError)?.code != .server { drop(open) }
            throw PostgresFailure(error, doing: query.sql)
        }
    }

    /// Closes the connection (a later statement opens a new one).
    package func close() {
        let open = connection.withLockedValue { current in
            defer { current = nil }
            return current
        }
        try? open?.close().wait()
    }

    /// Forgets `broken` (if it is still the current connection) and closes it.
    private func drop(_ broken: PostgresConnection) {
        connection.withLockedValue { current in
            if current === broken { current = nil }
        }
        try? broken.close().wait()
    }

    private func openConnection() throws -> PostgresConnection {
        try connection.withLockedValue { current in
            if let open = current, !open.isClosed { return open }
            do {
                let opened = try PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
                current = opened
                return opened
            } catch {
                throw PostgresFailure(error, doing: "connecting to \(location)")
            }
        }
    }
}
