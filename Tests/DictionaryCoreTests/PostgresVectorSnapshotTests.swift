import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import NIOCore
import PostgresNIO
import Testing
@testable import DictionaryCore

/// The vector index loaded from PostgreSQL (`PostgresVectorSnapshot`) equals the one loaded from SQLite
/// (`SQLiteVectorSource`) over the same stored rows: the same rows, the same top-k for seeded queries, the same
/// details; and stored rows the index cannot use fail the load the same way on both engines.
@Suite("PostgreSQL vector snapshot", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresVectorSnapshotTests {
    static let dimension = 16
    static let languages = ["en", "de", "zh-CN"]
    static let types = ["tempo", "dynamics", "general"]

    /// Entries `e0…e(n-1)` and one to three vectors each, the same on both engines.
    struct Fixture {
        var entries: [(id: String, term: String, lang: String, type: String, score: Double)] = []
        var vectors: [(entry: String, chunk: Int, values: [Float], pos: String?, frequency: Int)] = []

        init(entries count: Int, seed: UInt64) {
            var random = SeededGenerator(seed: seed)
            for i in 0..<count {
                let id = "e\(i)"
                entries.append((id, "term \(i)", PostgresVectorSnapshotTests.languages[i % 3], PostgresVectorSnapshotTests.types[i % 3], Double(i % 100)))
                for chunk in 0..<(1 + i % 3) {
                    let values = (0..<PostgresVectorSnapshotTests.dimension).map { _ in Float.random(in: -1...1, using: &random) }
                    vectors.append((id, chunk, values, chunk == 0 ? "noun" : nil, i % 7))
                }
            }
        }
    }

    static func blob(_ values: [Float]) -> [UInt8] {
        values.flatMap { value -> [UInt8] in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    static func writeSQLite(_ fixture: Fixture, dimension: Int = dimension) throws -> StoreDatabase {
        let database = try Service.dictionary.openInMemory()
        try database.write { db in
            for entry in fixture.entries {
                try db.execute(sql: """
                    INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [entry.id, entry.term, entry.term, entry.term, entry.lang, entry.type, entry.score])
            }
            for vector in fixture.vectors {
                try db.execute(sql: """
                    INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, part_of_speech, sense_frequency)
                    VALUES (?, 'm', ?, ?, ?, ?, ?)
                    """, arguments: [vector.entry, dimension, vector.chunk, Data(blob(vector.values)), vector.pos, vector.frequency])
            }
        }
        return database
    }

    static func writePostgres(_ fixture: Fixture, session: PostgresSession, dimension: Int = dimension) async throws {
        for entry in fixture.entries {
            try await session.query("""
                INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score)
                VALUES (\(entry.id), \(entry.term), \(entry.term), \(entry.term), \(entry.lang), \(entry.type), \(entry.score))
                """)
        }
        for vector in fixture.vectors {
            let bytes = ByteBuffer(bytes: blob(vector.values))
            try await session.query("""
                INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, part_of_speech, sense_frequency)
                VALUES (\(vector.entry), 'm', \(dimension), \(vector.chunk), \(bytes), \(vector.pos), \(vector.frequency))
                """)
        }
    }

    @Test("Same rows, same details, same top-k with filters as the index loaded from SQLite")
    func sameIndexAsSQLite() async throws {
        let fixture = Fixture(entries: 240, seed: 7)
        let sqlite = try Self.writeSQLite(fixture)
        var sqliteDetails: [String] = []
        let expected = try sqlite.read { db in
            try EmbeddingIndex.load(model: "m", dimension: Self.dimension, from: SQLiteVectorSource(db)) { detail in
                sqliteDetails.append("\(detail.rowID) \(detail.entryOrdinal) \(detail.chunk) \(detail.partOfSpeech ?? "-") \(detail.senseFrequency)")
            }
        }
        var postgresDetails: [String] = []
        let loaded = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            try await Self.writePostgres(fixture, session: session)
            return try await PostgresVectorSnapshot.load(session: session, model: "m", dimension: Self.dimension)
        }
        let index = try EmbeddingIndex.load(model: "m", dimension: Self.dimension, from: loaded) { detail in
            postgresDetails.append("\(detail.rowID) \(detail.entryOrdinal) \(detail.chunk) \(detail.partOfSpeech ?? "-") \(detail.senseFrequency)")
        }
        #expect(index.count == fixture.vectors.count)
        #expect(index.count == expected.count)
        #expect(postgresDetails == sqliteDetails)

        var random = SeededGenerator(seed: 11)
        for query in 0..<25 {
            let values = (0..<Self.dimension).map { _ in Float.random(in: -1...1, using: &random) }
            let filter = query % 2 == 0 ? VectorFilter.none : VectorFilter(languages: ["de"])
            let left = try expected.search(query: values, k: 10, filter: filter)
            let right = try index.search(query: values, k: 10, filter: filter)
            #expect(left.map(\.entryID) == right.map(\.entryID), "query \(query)")
            #expect(zip(left, right).allSatisfy { abs($0.score - $1.score) < 1e-6 }, "query \(query)")
        }
        let refreshed = try loaded.vectors(model: "m", dimension: Self.dimension, entryIDs: ["e5", "e7"])
        #expect(refreshed.map(\.entryID) == ["e5", "e5", "e5", "e7", "e7"])
        #expect(refreshed.first?.attributes == EntryAttributes(lang: "zh-CN", type: "general", overallScore: 5))
    }

    @Test("A stored dimension other than the index's, or a NaN component, fails the load the same way on both engines")
    func unusableRowsFailAlike() async throws {
        var fixture = Fixture(entries: 4, seed: 3)
        let sqlite = try Self.writeSQLite(fixture, dimension: Self.dimension)
        let sqliteError = sqlite.readError { db in _ = try EmbeddingIndex.load(model: "m", dimension: 8, from: SQLiteVectorSource(db)) }
        let postgresError = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            try await Self.writePostgres(fixture, session: session)
            do {
                _ = try await PostgresVectorSnapshot.load(session: session, model: "m", dimension: 8)
                return ""
            } catch { return "\(error)" }
        }
        #expect(!sqliteError.isEmpty)
        #expect(postgresError == sqliteError)

        fixture.vectors[2].values[5] = .nan
        let sqliteNaN = try Self.writeSQLite(fixture).readError { db in
            _ = try EmbeddingIndex.load(model: "m", dimension: Self.dimension, from: SQLiteVectorSource(db))
        }
        let postgresNaN = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            try await Self.writePostgres(fixture, session: session)
            let snapshot = try await PostgresVectorSnapshot.load(session: session, model: "m", dimension: Self.dimension)
            do {
                _ = try EmbeddingIndex.load(model: "m", dimension: Self.dimension, from: snapshot)
                return ""
            } catch { return "\(error)" }
        }
        #expect(sqliteNaN.contains("NaN"))
        #expect(postgresNaN == sqliteNaN)
    }
}

private extension StoreDatabase {
    /// The description of what `body` throws inside a read, or "" when it does not throw.
    func readError(_ body: (Database) throws -> Void) -> String {
        do {
            try read { db in try body(db) }
            return ""
        } catch { return "\(error)" }
    }
}
