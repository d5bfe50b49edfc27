import DictStore
import DictTesting
import DictVectors
import DictionaryCore
import Foundation
import GRDB
import Testing

@Suite("term_embeddings storage and loading")
struct EmbeddingStorageTests {
    static let attributes = EntryAttributes(lang: "en", type: "tempo", overallScore: 42)

    /// Entries e0..<count with varied attributes.
    static func seed(_ database: StoreDatabase, entries count: Int) throws -> [String: EntryAttributes] {
        var rng = SeededGenerator(seed: 7)
        let entries = (0..<count).map { ("e\($0)", VectorFixtures.attributes(using: &rng)) }
        try VectorTestDatabase.insertEntries(entries.map { (id: $0.0, attributes: $0.1) }, into: database)
        return Dictionary(uniqueKeysWithValues: entries)
    }

    @Test(arguments: DatabaseKind.allCases)
    func writeThenLoadRoundTrips(kind: DatabaseKind) throws {
        let (database, directory) = try VectorTestDatabase.make(kind)
        defer { withExtendedLifetime(directory) {} }
        let attributes = try Self.seed(database, entries: 50)
        let seed: UInt64 = 0x5EED_0201
        print("writeThenLoadRoundTrips seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        let store = try EmbeddingStore(model: "mini", dimension: 24)
        let records = (0..<50).flatMap { e in
            (0..<(e % 3 + 1)).map { chunk in
                EmbeddingRecord(entryID: "e\(e)", chunk: chunk, vector: VectorFixtures.vector(24, using: &rng), sourceHash: "h\(e)")
            }
        }
        let ids = try store.write(records, to: database)
        #expect(ids.count == records.count)
        #expect(Set(ids).count == ids.count)
        // Bytes are stored as little-endian float32 without a header.
        let blob = try database.read { db in try Data.fetchOne(db, sql: "SELECT embedding FROM term_embeddings WHERE id = ?", arguments: [ids[0]]) }
        #expect(blob?.count == 96)
        let firstFloat = blob.map { data in Float(bitPattern: data.prefix(4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }) }
        #expect(firstFloat == records[0].vector[0])
        // Another model's rows are not loaded.
        _ = try EmbeddingStore(model: "other", dimension: 2).write([EmbeddingRecord(entryID: "e1", vector: [1, 1])], to: database)

        let index = try EmbeddingIndex.load(model: "mini", dimension: 24, from: database)
        #expect(index.count == records.count)
        #expect(index.rowIDs() == ids.sorted())
        let rows = zip(ids, records).map { IndexedVector(rowID: $0, entryID: $1.entryID, vector: $1.vector, attributes: attributes[$1.entryID]!) }
        for _ in 0..<10 {
            let query = VectorFixtures.vector(24, using: &rng)
            let filter = VectorFixtures.filter(using: &rng)
            let hits = try index.search(query: query, k: 7, filter: filter)
            #expect(compare(hits, with: Reference.ranking(rows: rows, query: query, filter: filter), k: 7).isEmpty)
        }

        // Upserting the same (entry, model, chunk) keeps the row id and replaces the vector.
        let again = try store.write([EmbeddingRecord(entryID: "e0", chunk: 0, vector: Array(repeating: 1, count: 24))], to: database)
        #expect(again == [ids[0]])
        let reloaded = try EmbeddingIndex.load(model: "mini", dimension: 24, from: database)
        #expect(try reloaded.search(query: Array(repeating: 2, count: 24), k: 1).first?.rowID == ids[0])
    }

    @Test(arguments: DatabaseKind.allCases)
    func refreshAfterWritesEqualsFreshLoad(kind: DatabaseKind) throws {
        let (database, directory) = try VectorTestDatabase.make(kind)
        defer { withExtendedLifetime(directory) {} }
        _ = try Self.seed(database, entries: 40)
        let seed: UInt64 = 0x5EED_0202
        print("refreshAfterWritesEqualsFreshLoad seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        let d = 16
        let store = try EmbeddingStore(model: "m", dimension: d)
        _ = try store.write((0..<30).map { EmbeddingRecord(entryID: "e\($0)", vector: VectorFixtures.vector(d, using: &rng)) }, to: database)
        let index = try EmbeddingIndex.load(model: "m", dimension: d, from: database)
        // The load interns all 40 entries up front; only the 30 with vectors count.
        #expect(index.entryCount == 30)

        // New entry vectors, a new chunk, a replaced vector, a deleted chunk, a deleted entry (cascade), changed attributes.
        _ = try store.write([
            EmbeddingRecord(entryID: "e35", vector: VectorFixtures.vector(d, using: &rng)),
            EmbeddingRecord(entryID: "e3", chunk: 1, vector: VectorFixtures.vector(d, using: &rng)),
            EmbeddingRecord(entryID: "e4", vector: VectorFixtures.vector(d, using: &rng)),
        ], to: database)
        let deleted = try database.write { db in try store.delete(entryID: "e5", in: db) }
        #expect(deleted.count == 1)
        try database.write { db in
            try db.execute(sql: "DELETE FROM dictionary_entries WHERE id = 'e6'")
            try db.execute(sql: "UPDATE dictionary_entries SET lang = 'zh-TW', overall_score = 99 WHERE id = 'e7'")
        }
        try index.refresh(entryIDs: ["e35", "e3", "e4", "e5", "e6", "e7"], from: database)

        let fresh = try EmbeddingIndex.load(model: "m", dimension: d, from: database)
        #expect(index.rowIDs() == fresh.rowIDs())
        #expect(index.entryCount == fresh.entryCount)
        for _ in 0..<20 {
            let query = VectorFixtures.vector(d, using: &rng)
            let filter = Bool.random(using: &rng) ? VectorFilter(languages: ["zh-TW"]) : VectorFixtures.filter(using: &rng)
            let a = try index.search(query: query, k: 10, filter: filter)
            let b = try fresh.search(query: query, k: 10, filter: filter)
            #expect(a == b, "seed \(seed) \(filter)")
        }
        #expect(try index.search(query: VectorFixtures.vector(d, using: &rng), k: 1000).contains { $0.entryID == "e6" } == false)
    }

    @Test func malformedBlobNamesTheRow() throws {
        let (database, _) = try VectorTestDatabase.make(.memory)
        _ = try Self.seed(database, entries: 3)
        _ = try EmbeddingStore(model: "m", dimension: 4).write([EmbeddingRecord(entryID: "e0", vector: [1, 2, 3, 4])], to: database)
        try database.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: """
                INSERT INTO term_embeddings (id, entry_id, model, dimension, chunk, embedding, created_at)
                VALUES (77, 'e1', 'm', 4, 0, x'0000803f0000', '2026-01-01T00:00:00.000Z')
                """)
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        #expect(throws: VectorError.malformedBlob(rowID: 77, entryID: "e1", expectedBytes: 16, foundBytes: 6)) {
            try EmbeddingIndex.load(model: "m", dimension: 4, from: database)
        }
        #expect(throws: VectorError.malformedBlob(rowID: 77, entryID: "e1", expectedBytes: 16, foundBytes: 6)) {
            let index = try EmbeddingIndex(model: "m", dimension: 4)
            try index.refresh(entryIDs: ["e1"], from: database)
        }
    }

    @Test func storedDimensionOrValuesThatCannotBeIndexedAreReported() throws {
        let (database, _) = try VectorTestDatabase.make(.memory)
        _ = try Self.seed(database, entries: 3)
        try database.write { db in
            // A 2-dimensional row among a 4-dimensional model, and a stored NaN (bypassing EmbeddingStore).
            try db.execute(sql: """
                INSERT INTO term_embeddings (id, entry_id, model, dimension, chunk, embedding, created_at)
                VALUES (5, 'e0', 'two', 2, 0, x'0000803f0000803f', 'now'),
                       (6, 'e1', 'nan', 2, 0, x'0000c07f0000803f', 'now'),
                       (7, 'e2', 'zero', 2, 0, x'0000000000000000', 'now')
                """)
        }
        #expect(throws: VectorError.storedDimensionMismatch(rowID: 5, entryID: "e0", expected: 4, found: 2)) {
            try EmbeddingIndex.load(model: "two", dimension: 4, from: database)
        }
        #expect(throws: VectorError.invalidStoredVector(rowID: 6, entryID: "e1", reason: "NaN, infinite or all-zero components")) {
            try EmbeddingIndex.load(model: "nan", dimension: 2, from: database)
        }
        #expect(throws: VectorError.invalidStoredVector(rowID: 7, entryID: "e2", reason: "NaN, infinite or all-zero components")) {
            try EmbeddingIndex.load(model: "zero", dimension: 2, from: database)
        }
    }

    @Test func invalidWritesStoreNothing() throws {
        let (database, _) = try VectorTestDatabase.make(.memory)
        _ = try Self.seed(database, entries: 3)
        let store = try EmbeddingStore(model: "m", dimension: 3)
        let good = EmbeddingRecord(entryID: "e0", vector: [1, 2, 3])
        #expect(throws: VectorError.dimensionMismatch(expected: 3, found: 2, entryID: "e1")) {
            try store.write([good, EmbeddingRecord(entryID: "e1", vector: [1, 2])], to: database)
        }
        #expect(throws: VectorError.nonFiniteComponent(index: 0, entryID: "e1")) {
            try store.write([good, EmbeddingRecord(entryID: "e1", vector: [.infinity, 2, 3])], to: database)
        }
        #expect(throws: VectorError.zeroVector(entryID: "e2")) {
            try store.write([good, EmbeddingRecord(entryID: "e2", vector: [0, 0, 0])], to: database)
        }
        #expect(throws: VectorError.invalidChunk(-1, entryID: "e2")) {
            try store.write([good, EmbeddingRecord(entryID: "e2", chunk: -1, vector: [1, 0, 0])], to: database)
        }
        // A foreign-key failure in the middle of a batch rolls back the rows before it.
        #expect(throws: VectorError.self) {
            try store.write([good, EmbeddingRecord(entryID: "missing", vector: [1, 0, 0])], to: database)
        }
        // Inside a caller's transaction the savepoint undoes only this call.
        try database.write { db in
            try db.execute(sql: "UPDATE dictionary_entries SET overall_score = 5 WHERE id = 'e0'")
            #expect(throws: VectorError.self) { try store.write([good, EmbeddingRecord(entryID: "missing", vector: [1, 0, 0])], in: db) }
        }
        let count = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings") }
        #expect(count == 0)
        let score = try database.read { db in try Double.fetchOne(db, sql: "SELECT overall_score FROM dictionary_entries WHERE id = 'e0'") }
        #expect(score == 5)
    }
}
