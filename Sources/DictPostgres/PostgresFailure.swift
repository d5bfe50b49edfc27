import PostgresNIO

/// A PostgreSQL error with what was being done and the server's own words (postgres-nio's `PSQLError` prints a
/// generic text on purpose, so the message, detail and SQLSTATE are taken from its server fields).
package struct PostgresFailure: Error, CustomStringConvertible {
    /// The SQLSTATE code when the server sent one (`23505` unique violation, `42P01` undefined table, …).
    package let sqlState: String?
    package let message: String
    package let doing: String
    /// The connection or the server went away under the statement (a failover, a restart, a standby cancelling a
    /// query that conflicts with replay): the same read may succeed on another connection. Never a reason to repeat
    /// a write, which may have committed.
    package let transient: Bool

    private init(sqlState: String?, message: String, doing: String, transient: Bool) {
        self.sqlState = sqlState
        self.message = message
        self.doing = doing
        self.transient = transient
    }

    /// The session's one connection is closed (the server ended it); a new session is needed.
    package static func closedConnection(doing: String) -> PostgresFailure {
        PostgresFailure(sqlState: nil, message: "the connection is closed (the server ended it)", doing: doing, transient: true)
    }

    package init(_ error: any Error, doing: String) {
        if let failure = error as? PostgresFailure {
            self = failure
            return
        }
        self.doing = doing
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            transient = [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
                || sqlState.map(Self.connectionStates.contains) == true || sqlState?.hasPrefix("08") == true
            if let server = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                message = server + detail
            } else if let underlying = error.underlying {
                message = "\(error.code): \(underlying)"
            } else {
                message = "\(error.code)"
            }
        } else {
            sqlState = nil
            message = "\(error)"
            transient = false
        }
    }

    /// SQLSTATEs of a server going away or refusing for now: admin shutdown, crash shutdown, cannot connect now, and
    /// a standby's query cancelled by a conflict with recovery (40001 on a hot standby).
    static let connectionStates: Set<String> = ["57P01", "57P02", "57P03", "40001"]

    package var description: String { "\(message), while \(doing.count > 300 ? String(doing.prefix(300)) + "…" : doing)" }
}
