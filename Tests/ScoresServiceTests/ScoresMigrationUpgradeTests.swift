import DictMigrations
import DictStore
import GRDB
import Testing
@testable import ScoresService

/// Upgrading a scores database that already holds data: collections are copied consistently, composers
/// canonicalized, and the normalized ids backfilled afterwards.
@Suite struct ScoresMigrationUpgradeTests {
    @Test func upgradeFromElevenToEighteenKeepsAndConvertsData() async throws {
        let database = try StoreDatabase(location: .inMemory)
        let files = Service.scores.migrationFiles
        try MigrationRunner(files: Array(files.prefix(11))).migrate(database)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO scores (id, title, composer, instrument, visibility) VALUES
                    ('s1', 'Lágrima', 'Tarrega', 'GUITAR', 'public'),
                    ('s2', 'Prelude', 'J. S. Bach', 'PIANO', 'public'),
                    ('s3', 'Sketch', 'Someone', 'PIANO', 'private');
                UPDATE collections SET score_ids = '["s1", "s2", "missing"]' WHERE slug = 'guitar-beginner';
                """)
        }
        try MigrationRunner(files: files).migrate(database)
        let service = ScoresService(database: database)

        #expect(try await service.score(id: "s1").composer == "Francisco Tárrega")
        #expect(try await service.score(id: "s2").composer == "Johann Sebastian Bach")
        let platform = try await service.collections(userID: ScoreCollection.platformOwner)
        #expect(platform.first { $0.slug == "general" }?.scoreIDs == ["s1", "s2"])
        #expect(platform.first { $0.slug == "guitar-beginner" }?.scoreIDs == ["s1", "s2"])
        #expect(try await service.membershipMismatches().isEmpty)
        #expect(try await service.backfillNormalizedIDs() == 3)
        #expect(try await service.score(id: "s1").normalizedID == "francisco-tarrega--lagrima")
    }
}
