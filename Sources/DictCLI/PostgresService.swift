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

    /// `withPostgres` over a pool of `connections` connections, for a process that runs for a long time (a watching
    /// queue worker): a connection a failover, restart or timeout cut is replaced by the pool, where a single
    /// connection would stay dead.
    func withPostgresPool<T: Sendable>(
        _ location: PostgresLocation, connections: Int = 2, _ body: (PostgresSession) async throws -> T
    ) async throws -> T {
        let pool = try await PostgresSession.pooled(to: location, schema: rawValue, maximumConnections: connections)
        do {
            try await PostgresMigrationRunner(schema: rawValue, files: postgresMigrationFiles).requireMigrated(in: pool)
            let value = try await body(pool)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}
