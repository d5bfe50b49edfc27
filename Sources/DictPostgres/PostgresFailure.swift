import PostgresNIO

/// A PostgreSQL error with what was being done and the server's own words (postgres-nio's `PSQLError` prints a
/// generic text on purpose, so the message, detail and SQLSTATE are taken from its server fields).
package struct PostgresFailure: Error, CustomStringConvertible {
    /// The SQLSTATE code when the server sent one (`23505` unique violation, `42P01` undefined table, …).
    package let sqlState: String?
    package let message: String
    package let doing: String

    package init(_ error: any Error, doing: String) {
        if let failure = error as? PostgresFailure {
            self = failure
            return
        }
        self.doing = doing
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
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
        }
    }

    package var description: String { "\(message), while \(doing.count > 300 ? String(doing.prefix(300)) + "…" : doing)" }
}
