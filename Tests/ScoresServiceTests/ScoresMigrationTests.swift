import DictMigrations
import DictStore
import DictTesting
import GRDB
import Testing
@testable import ScoresService

@Suite struct ScoresMigrationTests {
    @Test(arguments: DatabaseKind.allCases)
    func freshDatabaseAppliesEighteenMigrations(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.scores)
        defer { withExtendedLifetime(directory) {} }
        let status = try Service.scores.migrationRunner().status(of: database)
        #expect(status.count == 18)
        #expect(status.allSatisfy { $0.state == .applied })
        #expect(status.last?.name == "0018_add_normalized_id.sql")
        let tables = try database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        }
        for table in ["scores", "score_versions", "score_pages", "collections", "user_collections", "collection_members",
                      "score_analytics", "collection_visibility_log", "user_score_favorites", "composer_aliases"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try Service.scores.migrationRunner().migrate(database).isEmpty)
    }

    @Test(arguments: TestEngine.available)
    func seededCollectionsArePlatformCollections(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let platform = try await service.collections(userID: ScoreCollection.platformOwner)
            #expect(platform.count == 13)  // 6 curated + general + 6 defaults
            #expect(platform.allSatisfy { $0.kind == .platform && $0.visibility == .public })
            #expect(try await service.membershipMismatches().isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func constraintsRejectBadRows(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            let score = try await service.addScore(NewScore(title: "Minuet", composer: "Petzold", instrument: .piano)).score
            let bad: [String] = [
                "INSERT INTO scores (id, title, instrument) VALUES ('a', 'T', 'piano')",
                "INSERT INTO scores (id, title, instrument, difficulty) VALUES ('b', 'T', 'PIANO', 'EASY')",
                "INSERT INTO scores (id, title, instrument, style_period) VALUES ('c', 'T', 'PIANO', 'baroque')",
                "INSERT INTO scores (id, title, instrument, difficulty_level) VALUES ('d', 'T', 'PIANO', 11)",
                "INSERT INTO scores (id, title, instrument, normalized_id) VALUES ('e', 'T', 'PIANO', '\(score.normalizedID ?? "")')",
                "INSERT INTO score_versions (id, score_id, format, r2_key) VALUES ('v', '\(score.id)', 'mp3', 'k')",
                "INSERT INTO score_versions (id, score_id, format, r2_key, processing_status) VALUES ('w', '\(score.id)', 'pdf', 'k', 'done')",
                "INSERT INTO score_versions (id, score_id, format, r2_key) VALUES ('x', 'no-such-score', 'pdf', 'k')",
                "INSERT INTO user_collections (id, user_id, name, slug, visibility) VALUES ('c1', 'u', 'N', 's', 'unlisted')",
                "INSERT INTO user_collections (id, user_id, name, slug, score_ids) VALUES ('c2', 'u', 'N', 's2', '{}')",
                "INSERT INTO score_pages (id, score_id, page_number) VALUES ('p', '\(score.id)', 0)",
            ]
            for sql in bad {
                await #expect(throws: (any Error).self, "accepted: \(sql)") { try await database.execute(sql) }
            }
        }
    }
}
