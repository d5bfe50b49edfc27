import CVectorKernels
import DictStore
import DictTesting
import DictVectors
import DictionaryCore
import Foundation
import GRDB
import Testing

/// The bulk paths: plain inserts with the upsert as fallback, writes without their own savepoint, the byte-keyed
/// entry table, positions found without a row-id table after a load; and the scan's C kernels (dot rows, norm).
@Suite("bulk write and load paths")
struct BulkPathTests {
    @Test func entryTableAgreesWithADictionary() {
        let seed: UInt64 = 0x5EED_1301
        print("entryTableAgreesWithADictionary seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        let alphabet = Array("abcdef0123456789-é漢")
        func randomKey() -> String {
            String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        var table = EntryIDTable(expected: 4)
        var reference: [String: Int32] = [:]
        for _ in 0..<3_000 {
            let key = randomKey()
            let ordinal = table.intern(key)
            // A new key takes the next ordinal; a known key keeps its first one.
            #expect(ordinal == reference[key, default: Int32(reference.count)], "key \(key)")
            reference[key] = ordinal
        }
        #expect(table.count == reference.count)
        for (key, ordinal) in reference {
            #expect(table.ordinal(of: key) == ordinal, "key \(key)")
            #expect(table.key(ofOrdinal: ordinal) == key)
            #expect(table.key(ofOrdinal: ordinal, equals: key))
        }
        for _ in 0..<3_000 {
            let key = randomKey()
            #expect(table.ordinal(of: key) == reference[key], "key \(key)")
        }
        // Raw bytes find the same keys as their String, with or without a guess (right, next, wrong, out of range).
        let key = reference.keys.first { !$0.isEmpty }!
        let ordinal = reference[key]!
        let bytes = Array(key.utf8)
        for guess in [ordinal, ordinal - 1, ordinal + 5, Int32(table.count), -1] {
            #expect(bytes.withUnsafeBytes { table.ordinal(of: $0, guess: guess) } == ordinal, "guess \(guess)")
        }
        #expect(bytes.withUnsafeBytes { table.ordinal(of: $0) } == ordinal)
        #expect(!table.key(ofOrdinal: ordinal, equals: key + "x"))
        #expect(!table.key(ofOrdinal: Int32(table.count), equals: key))
        #expect(bytes.withUnsafeBytes { table.intern($0) } == ordinal)
        #expect(table.count == reference.count)
    }

    @Test func positionsAfterAscendingAppendsThenOtherChanges() throws {
        let storage = IndexStorage(dimension: 2, reservingRows: 8)
        let codes = storage.codes(of: EntryAttributes(lang: "en", type: "tempo", overallScore: 1))
        let entry = storage.intern(entry: "e")
        func append(_ rowID: Int64) throws {
            storage.slotForNextRow().update(repeating: 0.5, count: 2)
            try storage.commitAppendedRow(rowID: rowID, entry: entry, codes: codes)
        }
        for rowID: Int64 in [3, 5, 9, 10] { try append(rowID) }
        // Ascending appends keep no row-id table: positions come from a binary search.
        #expect([3, 5, 9, 10, 4, 11, 0].map { storage.position(ofRow: $0) } == [0, 1, 2, 3, nil, nil, nil])
        #expect(throws: VectorError.duplicateRowID(9)) { try append(9) }
        // A smaller id and a removal go through the table the first of them builds.
        try append(4)
        #expect(storage.position(ofRow: 4) == 4)
        #expect(storage.remove(rowID: 3))
        #expect(storage.position(ofRow: 3) == nil)
        #expect(storage.position(ofRow: 4) == 0)
        #expect([5, 9, 10].map { storage.position(ofRow: $0) } == [1, 2, 3])
        #expect(throws: VectorError.duplicateRowID(10)) { try append(10) }
        #expect(storage.count == 4)
    }

    @Test(arguments: DatabaseKind.allCases)
    func aBatchOfNewAndExistingVectorsWritesEachOnce(kind: DatabaseKind) throws {
        let (database, directory) = try VectorTestDatabase.make(kind)
        defer { withExtendedLifetime(directory) {} }
        try VectorTestDatabase.insertEntries((0..<6).map { (id: "e\($0)", attributes: EmbeddingStorageTests.attributes) }, into: database)
        let store = try EmbeddingStore(model: "m", dimension: 3)
        let first = try store.write((0..<3).map { EmbeddingRecord(entryID: "e\($0)", vector: [1, 0, 0]) }, to: database)
        // e1 and e2 exist (the plain insert meets the UNIQUE key, the upsert replaces them in place); e3 and e4 are new.
        let batch = [
            EmbeddingRecord(entryID: "e3", vector: [0, 1, 0]),
            EmbeddingRecord(entryID: "e1", vector: [0, 0, 1], sourceHash: "new"),
            EmbeddingRecord(entryID: "e4", vector: [0, 1, 1]),
            EmbeddingRecord(entryID: "e2", vector: [1, 1, 0]),
        ]
        let second = try store.write(batch, to: database)
        #expect(second[1] == first[1])
        #expect(second[3] == first[2])
        #expect(Set(second + first).count == 5)
        let stored = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT entry_id, source_hash, embedding FROM term_embeddings ORDER BY entry_id")
        }
        #expect(stored.map { $0["entry_id"] as String } == ["e0", "e1", "e2", "e3", "e4"])
        #expect(stored[1]["source_hash"] as String? == "new")
        let index = try EmbeddingIndex.load(model: "m", dimension: 3, from: database)
        #expect(try index.search(query: [0, 0, 1], k: 1).first?.rowID == first[1])
    }

    @Test func aFailedWriteWithoutSavepointLeavesTheRollbackToTheCaller() throws {
        let (database, _) = try VectorTestDatabase.make(.memory)
        try VectorTestDatabase.insertEntries([(id: "e0", attributes: EmbeddingStorageTests.attributes)], into: database)
        let store = try EmbeddingStore(model: "m", dimension: 2)
        let batch = [EmbeddingRecord(entryID: "e0", vector: [1, 0]), EmbeddingRecord(entryID: "missing", vector: [0, 1])]
        func rows() throws -> Int { try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings") ?? -1 } }

        // With its savepoint, a failed batch leaves nothing behind even when the caller catches and commits.
        try database.write { db in
            let error = #expect(throws: VectorError.self) { try store.write(batch, in: db) }
            #expect(error != nil)
        }
        #expect(try rows() == 0)
        // Without it, the caller's transaction must roll back, and does when the error leaves it.
        #expect(throws: VectorError.self) {
            try database.write { db in _ = try store.writeRollingBackWithCaller(batch, in: db) }
        }
        #expect(try rows() == 0)
        _ = try database.write { db in try store.writeRollingBackWithCaller([batch[0]], in: db) }
        #expect(try rows() == 1)
    }

    @Test func dotRowsKernelAgreesWithTheScalarLoop() {
        let seed: UInt64 = 0x5EED_1303
        print("dotRowsKernelAgreesWithTheScalarLoop seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        // Dimensions around the eight-column step and the 32-column block exercise every tail.
        for count in [0, 1, 3, 4, 5, 9] { for dimension in [1, 7, 8, 9, 31, 32, 33, 41, 384] {
            let rows = (0..<(count * dimension)).map { _ in Float.random(in: -1...1, using: &rng) }
            let query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &rng) }
            var fast = [Float](repeating: .nan, count: count)
            var slow = [Float](repeating: .nan, count: count)
            dict_f32_dot_rows(rows, count, dimension, query, &fast)
            dict_f32_dot_rows_scalar(rows, count, dimension, query, &slow)
            for i in 0..<count {
                let exact = (0..<dimension).reduce(0.0) { $0 + Double(rows[i * dimension + $1]) * Double(query[$1]) }
                #expect(abs(Double(fast[i]) - exact) <= 1e-5 * Double(dimension), "count \(count) d \(dimension) row \(i)")
                #expect(abs(Double(slow[i]) - exact) <= 1e-5 * Double(dimension), "count \(count) d \(dimension) row \(i)")
            }
        } }
    }

    @Test func normSumsSquaresInDouble() {
        let seed: UInt64 = 0x5EED_1302
        print("normSumsSquaresInDouble seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        for count in [1, 7, 8, 9, 384, 1_001] {
            var values = (0..<count).map { _ in Float.random(in: -3...3, using: &rng) }
            let exact = values.reduce(0.0) { $0 + Double($1) * Double($1) }
            #expect(abs(dict_f32_sum_squares(values, count) - exact) <= exact * 1e-12)
            #expect(abs(dict_f32_sum_squares_scalar(values, count) - exact) <= exact * 1e-12)
            #expect(values.withUnsafeMutableBufferPointer { VectorMath.normalizeInPlace($0.baseAddress!, count: count) })
            #expect(abs(values.reduce(0.0) { $0 + Double($1) * Double($1) } - 1) < 1e-5)
        }
        // Large finite components normalize; NaN, infinity, zeros and subnormal-only vectors do not.
        var large: [Float] = [3e30, -4e30]
        #expect(large.withUnsafeMutableBufferPointer { VectorMath.normalizeInPlace($0.baseAddress!, count: 2) })
        #expect(abs(large[0] - 0.6) < 1e-6 && abs(large[1] + 0.8) < 1e-6)
        for bad: [Float] in [[.nan, 1], [.infinity, 1], [0, 0], [.leastNonzeroMagnitude, 0]] {
            var copy = bad
            #expect(!copy.withUnsafeMutableBufferPointer { VectorMath.normalizeInPlace($0.baseAddress!, count: 2) }, "\(bad)")
            #expect(copy.elementsEqual(bad) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(bad) is left unchanged")
        }
    }

    @Test func normalizeCopyMatchesTheInPlacePathAtAnyAlignment() {
        let seed: UInt64 = 0x5EED_1304
        print("normalizeCopyMatchesTheInPlacePathAtAnyAlignment seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        // Destinations aligned (streaming stores) and not; sources at every byte offset, as SQLite's BLOBs may be.
        let destination = UnsafeMutableRawPointer.allocate(byteCount: 4 * 1_100, alignment: 64)
        let source = UnsafeMutableRawPointer.allocate(byteCount: 4 * 1_100 + 8, alignment: 64)
        defer { destination.deallocate(); source.deallocate() }
        for count in [1, 7, 8, 9, 16, 17, 384, 1_001] { for sourceOffset in [0, 1, 3] { for destinationFloats in [0, 1] {
            let values = (0..<count).map { _ in Float.random(in: -3...3, using: &rng) }
            values.withUnsafeBytes { (source + sourceOffset).copyMemory(from: $0.baseAddress!, byteCount: 4 * count) }
            var expected = values
            #expect(expected.withUnsafeMutableBufferPointer { VectorMath.normalizeInPlace($0.baseAddress!, count: count) })
            let out = destination.assumingMemoryBound(to: Float.self) + destinationFloats
            for kernel in [dict_f32_normalize_copy, dict_f32_normalize_copy_scalar] {
                #expect(kernel(source + sourceOffset, out, count) == 1)
                dict_store_fence()
                for i in 0..<count {
                    #expect(abs(out[i] - expected[i]) <= 1e-6, "count \(count) offset \(sourceOffset)/\(destinationFloats) i \(i)")
                }
            }
        } } }
        // NaN, infinity, zeros and subnormal-only vectors are refused and nothing is written.
        for bad: [Float] in [[.nan, 1, 2, 3, 4, 5, 6, 7], [.infinity, 1], [0, 0], [.leastNonzeroMagnitude, 0]] {
            for kernel in [dict_f32_normalize_copy, dict_f32_normalize_copy_scalar] {
                let out = destination.assumingMemoryBound(to: Float.self)
                out.update(repeating: 42, count: bad.count)
                #expect(bad.withUnsafeBytes { kernel($0.baseAddress!, out, bad.count) } == 0, "\(bad)")
                #expect((0..<bad.count).allSatisfy { out[$0] == 42 }, "\(bad) writes nothing")
            }
        }
    }
}
