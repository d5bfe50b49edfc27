import DictMigrations
import DictPostgres

extension Service {
    /// Connects to `location` for this service's data: names resolve in the service's schema, and a schema that is
    /// missing or has pending migrations is refused with the command to run.
    func withPostgres<T: Sendable>(_ location: PostgresLocation, _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await PostgresSession.withSession(to: location, schema: rawValue) { session in
            try await PostgresMigrationRunner(schema: rawValue, files: postgresMigrationFiles).requireMigrated(in: session)
            return try await body(session)
        }
    }
}
