import DictMigrations
import DictTesting
import Testing
import ScoresService

extension TestEngine {
    /// Runs `body` with a scores service over a fresh, migrated scores database of this engine (on PostgreSQL
    /// running its operations on `sessions` connections, so that many run at once) and raw access to that database.
    func withService(sessions: Int = 1, _ body: (ScoresService, TestEngineDatabase) async throws -> Void) async throws {
        try await withDatabase(.scores, sessions: sessions) { database in
            let service = try database.sqlite.map { ScoresService(database: $0) }
                ?? ScoresService(store: PostgresScoresStore(session: try #require(database.serviceSession)))
            try await body(service, database)
        }
    }
}
