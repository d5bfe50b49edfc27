package import DictPostgres
package import DictVectors
import NIOCore
import PostgresNIO

/// The dictionary's vectors of one model as the index loads them (`StoredVectorSource`), read from PostgreSQL's
/// `term_embeddings` (`bytea`, little-endian float32) and `dictionary_entries` in one `REPEATABLE READ` transaction.
/// postgres-nio is asynchronous and the index's load is not, so `load` reads everything first into contiguous
/// buffers (entry ids, attributes, one n × d float matrix) and the protocol's calls answer from them: the same
/// checks as SQLite's source (declared dimension, byte length), the same order (entries by `seq`, vectors by id).
/// A snapshot does not follow later writes by itself: `changePosition` is where the schema's change sequence
/// (`embedding_changes`) stood when it was read, and a follower applies what comes after (`PostgresVectorFollower`).
package final class PostgresVectorSnapshot: StoredVectorSource, @unchecked Sendable {
    package let model: String
    package let dimension: Int
    /// The highest `embedding_changes.seq` of `model` committed when the snapshot was read (0 for none): every
    /// later change has a higher number.
    package private(set) var changePosition: Int64 = 0
    private var entryBytes: [UInt8] = []
    private var entryOffsets: [Int] = [0]
    private var attributes: [EntryAttributes] = []
    /// Per entry: its term's Zipf word frequency (0 when unknown) and whether it is a specialist (non-general) term.
    private var zipfs: [Double] = []
    private var specialists: [Bool] = []
    private var entryIndex: [String: Int] = [:]
    private var rowIDs: [Int64] = []
    private var rowEntries: [Int32] = []
    /// The rows of each entry, grouped by entry (compressed sparse rows): entry e's rows are
    /// `rowsByEntry[rowsStart[e]..<rowsStart[e + 1]]`, in row order. Built once the vectors are read.
    private var rowsStart: [Int32] = [0]
    private var rowsByEntry: [Int32] = []
    private var chunks: [Int] = []
    private var partsOfSpeech: [String?] = []
    private var senseFrequencies: [Int] = []
    private var matrix: [Float] = []
    private var vectorsReleased = false

    private init(model: String, dimension: Int) {
        self.model = model
        self.dimension = dimension
    }

    /// Reads every entry and every vector of `model` from the session's schema (`dictionary` on its search path),
    /// or only those of `entryIDs` (what a follower re-reads after changes), with the change position.
    /// - Throws: `VectorError.storedDimensionMismatch`, `.malformedBlob` naming the row; `PostgresFailure`.
    package static func load(session: PostgresSession, model: String, dimension: Int, entryIDs: [String]? = nil) async throws -> PostgresVectorSnapshot {
        let snapshot = PostgresVectorSnapshot(model: model, dimension: dimension)
        try await session.snapshot { session in
            snapshot.changePosition = try await session.query("""
                SELECT coalesce(max(seq), 0) FROM embedding_changes WHERE model = \(model)
                """).first?.decode(Int64.self) ?? 0
            try await snapshot.readEntries(session, only: entryIDs)
            try await snapshot.readVectors(session, only: entryIDs)
        }
        snapshot.groupRowsByEntry()
        return snapshot
    }

    private func readEntries(_ session: PostgresSession, only entryIDs: [String]?) async throws {
        let rows = try await session.stream("""
            SELECT e.id, e.lang, e.type, e.overall_score, coalesce(f.zipf, 0)::float8 FROM dictionary_entries e
            LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
            WHERE \(entryIDs == nil) OR e.id = ANY(\(entryIDs ?? []))
            ORDER BY e.seq
            """)
        var languages: [String: String] = [:]
        var types: [String: String] = [:]
        for try await row in rows {
            let (id, lang, type, score, zipf) = try row.decode((String, String, String, Double, Double).self)
            zipfs.append(zipf)
            specialists.append(type != "general")
            entryIndex[id] = attributes.count
            entryBytes.append(contentsOf: id.utf8)
            entryOffsets.append(entryBytes.count)
            // Few distinct languages and types: one String each, shared by every entry.
            let sharedLang = languages[lang] ?? lang
            languages[lang] = sharedLang
            let sharedType = types[type] ?? type
            types[type] = sharedType
            attributes.append(EntryAttributes(lang: sharedLang, type: sharedType, overallScore: Float(score)))
        }
    }

    private func readVectors(_ session: PostgresSession, only entryIDs: [String]?) async throws {
        let count = try await session.query("""
            SELECT count(*) FROM term_embeddings WHERE model = \(model) AND (\(entryIDs == nil) OR entry_id = ANY(\(entryIDs ?? [])))
            """).first?.decode(Int.self) ?? 0
        matrix.reserveCapacity(count * dimension)
        rowIDs.reserveCapacity(count)
        let rows = try await session.stream("""
            SELECT id, entry_id, dimension, embedding, chunk, part_of_speech, coalesce(sense_frequency, 0)
            FROM term_embeddings WHERE model = \(model) AND (\(entryIDs == nil) OR entry_id = ANY(\(entryIDs ?? []))) ORDER BY id
            """)
        let expectedBytes = 4 * dimension
        for try await row in rows {
            let (rowID, entryID, declared, blob, chunk, partOfSpeech, senseFrequency) =
                try row.decode((Int64, String, Int, ByteBuffer, Int, String?, Int).self)
            guard declared == dimension else {
                throw VectorError.storedDimensionMismatch(rowID: rowID, entryID: entryID, expected: dimension, found: declared)
            }
            guard blob.readableBytes == expectedBytes else {
                throw VectorError.malformedBlob(rowID: rowID, entryID: entryID, expectedBytes: expectedBytes, foundBytes: blob.readableBytes)
            }
            guard let entry = entryIndex[entryID] else { continue }
            let start = matrix.count
            matrix.append(contentsOf: repeatElement(0, count: dimension))
            blob.withUnsafeReadableBytes { bytes in
                matrix.withUnsafeMutableBytes { floats in
                    #if _endian(little)
                    // Stored little-endian, as this machine's floats are: one copy of the row.
                    floats.baseAddress!.advanced(by: 4 * start).copyMemory(from: bytes.baseAddress!, byteCount: expectedBytes)
                    #else
                    for i in 0..<dimension {
                        floats.storeBytes(of: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)),
                                          toByteOffset: 4 * (start + i), as: UInt32.self)
                    }
                    #endif
                }
            }
            rowIDs.append(rowID)
            rowEntries.append(Int32(entry))
            chunks.append(chunk)
            partsOfSpeech.append(partOfSpeech)
            senseFrequencies.append(senseFrequency)
        }
    }

    /// Every entry's id, word frequency and specialist flag, in `seq` order (the order `forEachEntry` gives).
    package func entryPriors() -> [(id: String, zipf: Double, specialist: Bool)] {
        attributes.indices.map { (entryID(at: $0), zipfs[$0], specialists[$0]) }
    }

    /// A counting sort of the rows by entry: O(n + entries), so an entry's rows are found without a scan.
    private func groupRowsByEntry() {
        var counts = [Int32](repeating: 0, count: attributes.count + 1)
        for entry in rowEntries { counts[Int(entry) + 1] += 1 }
        for entry in 0..<attributes.count { counts[entry + 1] += counts[entry] }
        rowsStart = counts
        var next = counts
        rowsByEntry = [Int32](repeating: 0, count: rowEntries.count)
        for (row, entry) in rowEntries.enumerated() {
            rowsByEntry[Int(next[Int(entry)])] = Int32(row)
            next[Int(entry)] += 1
        }
    }

    /// The snapshot rows of `entryIDs` (each entry once), in row order. O(k) for the entries' k rows.
    private func rows(ofEntries entryIDs: [String]) -> [Int] {
        var seen = Set<Int>()
        var rows: [Int] = []
        for id in entryIDs {
            guard let entry = entryIndex[id], seen.insert(entry).inserted else { continue }
            rows += rowsByEntry[Int(rowsStart[entry])..<Int(rowsStart[entry + 1])].map(Int.init)
        }
        return rows.sorted()
    }

    /// The rows of `entryIDs`' vectors with what their priors need, in row order.
    package func rowDetails(ofEntries entryIDs: [String])
        -> [(rowID: Int64, entryID: String, chunk: Int, partOfSpeech: String?, senseFrequency: Int, zipf: Double, specialist: Bool)] {
        rows(ofEntries: entryIDs).map { row in
            let entry = Int(rowEntries[row])
            return (rowIDs[row], entryID(at: entry), chunks[row], partsOfSpeech[row], senseFrequencies[row], zipfs[entry], specialists[entry])
        }
    }

    private func entryID(at entry: Int) -> String {
        String(decoding: entryBytes[entryOffsets[entry]..<entryOffsets[entry + 1]], as: UTF8.self)
    }

    /// Frees the vectors (n × d floats) once an index holds its own copy; entries, rows and their details stay.
    /// Reading vectors afterwards throws `PostgresVectorSnapshotError.vectorsReleased`.
    package func releaseVectors() {
        matrix = []
        vectorsReleased = true
    }

    // MARK: StoredVectorSource

    package func entryCount() throws -> Int { attributes.count }

    package func vectorCount(model: String) throws -> Int { model == self.model ? rowIDs.count : 0 }

    package func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, EntryAttributes) throws -> Void) throws {
        try entryBytes.withUnsafeBufferPointer { bytes in
            for entry in attributes.indices {
                try body(UnsafeBufferPointer(rebasing: bytes[entryOffsets[entry]..<entryOffsets[entry + 1]]), attributes[entry])
            }
        }
    }

    package func forEachVector(model: String, dimension: Int, withDetails: Bool, _ body: (StoredVector) throws -> Void) throws {
        guard model == self.model else { return }
        guard dimension == self.dimension else { throw PostgresVectorSnapshotError.dimensionChanged(loaded: self.dimension, asked: dimension) }
        guard !vectorsReleased else { throw PostgresVectorSnapshotError.vectorsReleased }
        try entryBytes.withUnsafeBufferPointer { bytes in
            try matrix.withUnsafeBytes { floats in
                for row in rowIDs.indices {
                    let entry = Int(rowEntries[row])
                    var stored = StoredVector(
                        rowID: rowIDs[row], entryID: UnsafeBufferPointer(rebasing: bytes[entryOffsets[entry]..<entryOffsets[entry + 1]]),
                        vector: floats.baseAddress! + 4 * dimension * row)
                    if withDetails {
                        stored.chunk = chunks[row]
                        stored.partOfSpeech = partsOfSpeech[row]
                        stored.senseFrequency = senseFrequencies[row]
                    }
                    try body(stored)
                }
            }
        }
    }

    package func vectors(model: String, dimension: Int, entryIDs: [String]) throws -> [IndexedVector] {
        guard model == self.model else { return [] }
        guard dimension == self.dimension else { throw PostgresVectorSnapshotError.dimensionChanged(loaded: self.dimension, asked: dimension) }
        guard !vectorsReleased else { throw PostgresVectorSnapshotError.vectorsReleased }
        var found: [IndexedVector] = []
        for row in rows(ofEntries: entryIDs) {
            let entry = Int(rowEntries[row])
            found.append(IndexedVector(rowID: rowIDs[row], entryID: entryID(at: entry), vector: Array(matrix[(row * dimension)..<((row + 1) * dimension)]),
                                       attributes: attributes[entry]))
        }
        return found
    }
}
