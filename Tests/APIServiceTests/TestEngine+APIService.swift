import APIService
import DictMigrations
import DictTesting
import Testing

extension TestEngine {
    /// Runs `body` with an API service over a fresh, migrated API database of this engine (on PostgreSQL running
    /// its operations on `sessions` connections, so that many run at once) and raw access to that database.
    func withService(sessions: Int = 1, _ body: (APIService, TestEngineDatabase) async throws -> Void) async throws {
        try await withDatabase(.api, sessions: sessions) { database in
            let service = try database.sqlite.map { APIService(database: $0) } ?? APIService(store: PostgresAPIStore(session: try #require(database.serviceSession)))
            try await body(service, database)
        }
    }
}
