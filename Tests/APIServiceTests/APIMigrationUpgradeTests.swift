import DictMigrations
import DictStore
import GRDB
import Testing
@testable import APIService

/// Upgrading a database that already holds data: the rebuilds (0004, 0010) and backfills (0007, 0008) keep it.
@Suite struct APIMigrationUpgradeTests {
    @Test func upgradeFromSevenToElevenKeepsAndConvertsData() async throws {
        let database = try StoreDatabase(location: .inMemory)
        let files = Service.api.migrationFiles
        try MigrationRunner(files: Array(files.prefix(7))).migrate(database)
        let zero = String(repeating: "0", count: 64)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO users (id, email) VALUES ('u1', 'a@example.com'), ('u2', 'b@example.com');
                INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum, updated_at) VALUES
                    ('d1', 'u1', 'goal', 'g1', '{}', '\(zero)', '2025-01-02T00:00:00.000Z'),
                    ('d2', 'u1', 'goal', 'g2', '{}', '\(zero)', '2025-01-01T00:00:00.000Z'),
                    ('d3', 'u2', 'logbook_entry', 'e1', '{}', '\(zero)', '2025-01-01T00:00:00.000Z');
                """)
        }
        try MigrationRunner(files: Array(files.prefix(9))).migrate(database)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO user_repertoire (id, user_id, score_id, status) VALUES
                    ('r1', 'u1', 's1', 'working'), ('r2', 'u1', 's2', 'performance_ready'), ('r3', 'u2', 's1', 'planned')
                """)
        }
        try MigrationRunner(files: files).migrate(database)

        let service = APIService(database: database)
        // Sequence numbers were backfilled per user in update order, and the counters continue from them.
        #expect(try await service.changes(userID: "u1", since: nil).changes.map(\.entityID) == ["g2", "g1"])
        let next = try await service.push(userID: "u1", changes: [.upsert(.goal, "g3", .object(["t": .number(1)]))])
        #expect(next.syncToken == "3")
        let statuses = try await service.repertoire(userID: "u1").reduce(into: [String: RepertoireStatus]()) { $0[$1.scoreID] = $1.status }
        #expect(statuses == ["s1": .learning, "s2": .polished])
        #expect(try await service.repertoire(userID: "u2").map(\.status) == [.planned])
    }
}
