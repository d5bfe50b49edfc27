import DictMigrations
import DictStore
import DictTesting
import GRDB
import Testing

/// `StoreDatabase.bulkWrite`: one transaction like `write` (all or nothing), with a larger page cache only while it
/// runs.
@Suite("Bulk write")
struct BulkWriteTests {
    private static let insert = "INSERT INTO search_analytics (id, term, normalized_term, found, response_time_ms) VALUES (?, 't', 't', 0, 1)"

    private func count(_ database: StoreDatabase) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_analytics") ?? -1 }
    }

    @Test func raisesTheCacheOnlyWhileItRunsAndCommitsWhole() throws {
        let directory = try TemporaryDirectory()
        var configuration = StoreConfiguration()
        configuration.bulkCacheKiB = 64 * 1024
        let database = try Service.dictionary.open(dataDirectory: directory.path, configuration: configuration)
        let before = try database.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        let inside = try database.bulkWrite { db -> Int? in
            for i in 0..<5_000 { try db.execute(sql: Self.insert, arguments: ["bulk-\(i)"]) }
            return try Int.fetchOne(db, sql: "PRAGMA cache_size")
        }
        #expect(inside == -64 * 1024)
        #expect(try database.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == before)
        #expect(try count(database) == 5_000)
    }

    @Test func aFailureRollsEverythingBackAndRestoresTheCache() throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let before = try database.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        #expect(throws: DatabaseError.self) {
            try database.bulkWrite { db in
                for i in 0..<1_000 { try db.execute(sql: Self.insert, arguments: ["bulk-\(i)"]) }
                try db.execute(sql: Self.insert, arguments: ["bulk-0"])   // duplicate primary key
            }
        }
        #expect(try count(database) == 0)
        #expect(try database.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == before)
    }
}
