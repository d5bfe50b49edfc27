import ArgumentParser
import DictPostgres
import Foundation

/// `--database URL`: run on PostgreSQL instead of the SQLite files (issue 16). `dict migrate` is the first command
/// that takes it; `Dict.main` refuses `DICT_DATABASE_URL` for the others rather than let them quietly use SQLite.
struct DatabaseURLOption: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: "A PostgreSQL URL, postgres://user[:password]@host[:port]/db[?sslmode=…] (default: $DICT_DATABASE_URL; none: the SQLite files).")
    var url: String?

    /// The PostgreSQL location after the flag → environment rule, or nil for SQLite.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresLocation? {
        let chosen = url ?? environment[PostgresLocation.urlVariable]
        guard let chosen, !chosen.isEmpty else { return nil }
        do {
            return try PostgresLocation(url: chosen, environment: environment)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
