import CSQLite
package import DictStore
package import DictVectors
package import GRDB

/// The dictionary's vectors as the index loads them (`StoredVectorSource`), read from `term_embeddings` and
/// `dictionary_entries` in the caller's transaction through GRDB's raw statement handle: each BLOB reaches the index
/// as a pointer into SQLite's page buffer (no `Data`, no per-row array), its length checked against
/// `4 × dimension` first.
package struct SQLiteVectorSource: StoredVectorSource {
    /// The joined columns `forEachRow(in:sql:…)` reads.
    package static let selectColumns = """
        SELECT te.id, te.entry_id, te.dimension, te.embedding, e.lang, e.type, e.overall_score
        FROM term_embeddings AS te JOIN dictionary_entries AS e ON e.id = te.entry_id
        """

    /// The open transaction every read runs in (one snapshot for a whole load).
    package let db: Database

    /// A source reading through `db`.
    package init(_ db: Database) {
        self.db = db
    }

    package func entryCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") ?? 0
    }

    package func vectorCount(model: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0
    }

    /// In row order, so ordinals follow it and callers reading the entries in the same order can rely on that.
    package func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, EntryAttributes) throws -> Void) throws {
        let entries = try db.makeStatement(sql: "SELECT id, lang, type, overall_score FROM dictionary_entries ORDER BY rowid")
        let handle = entries.sqliteStatement
        defer { sqlite3_reset(handle) }
        var languages = SmallStringCache()
        var types = SmallStringCache()
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw Self.error(code, db: db, sql: entries.sql) }
            try body(Self.bytes(handle, 0), EntryAttributes(
                lang: languages.string(handle, 1), type: types.string(handle, 2), overallScore: Float(sqlite3_column_double(handle, 3))))
        }
    }

    /// Without the entries' join: the index matches each row to an entry it already interned.
    package func forEachVector(model: String, dimension: Int, withDetails: Bool, _ body: (StoredVector) throws -> Void) throws {
        // chunk, part_of_speech and sense_frequency only when asked for.
        let details = withDetails ? ", te.chunk, te.part_of_speech, coalesce(te.sense_frequency, 0)" : ""
        var partsOfSpeech = SmallStringCache()
        try Self.forEachRow(
            in: db, sql: """
                SELECT te.id, te.entry_id, te.dimension, te.embedding\(details) FROM term_embeddings AS te
                WHERE te.model = ? ORDER BY te.id
                """,
            arguments: [model], dimension: dimension, attributes: { _, _ in () }
        ) { handle, rowID, entryID, blob, _ in
            var row = StoredVector(rowID: rowID, entryID: entryID, vector: blob)
            if withDetails {
                row.chunk = Int(sqlite3_column_int64(handle, 4))
                row.partOfSpeech = sqlite3_column_type(handle, 5) == SQLITE_NULL ? nil : partsOfSpeech.string(handle, 5)
                row.senseFrequency = Int(sqlite3_column_int64(handle, 6))
            }
            try body(row)
        }
    }

    /// Chunks of 500 ids per statement.
    package func vectors(model: String, dimension: Int, entryIDs: [String]) throws -> [IndexedVector] {
        var rows: [IndexedVector] = []
        var start = 0
        while start < entryIDs.count {
            let chunk = Array(entryIDs[start..<min(start + 500, entryIDs.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let sql = Self.selectColumns + " WHERE te.model = ? AND te.entry_id IN (\(placeholders)) ORDER BY te.id"
            try Self.forEachRow(in: db, sql: sql, arguments: [model] + chunk, dimension: dimension) { rowID, entryID, blob, attributes in
                let vector = [Float](unsafeUninitializedCapacity: dimension) { buffer, initialized in
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: blob, byteCount: 4 * dimension)
                    initialized = dimension
                }
                rows.append(IndexedVector(rowID: rowID, entryID: entryID, vector: vector, attributes: attributes))
            }
            start += 500
        }
        return rows
    }

    /// Runs `sql` (which must select `selectColumns`) with text `arguments` and calls `body` once per row with the
    /// row id, entry id, a pointer to `dimension` little-endian floats and the entry's attributes.
    /// - Throws: `VectorError.storedDimensionMismatch`, `.malformedBlob`, `.sqlite`, or what `body` throws.
    package static func forEachRow(
        in db: Database, sql: String, arguments: [String], dimension: Int,
        _ body: (Int64, String, UnsafeRawPointer, EntryAttributes) throws -> Void
    ) throws {
        var languages = SmallStringCache()
        var types = SmallStringCache()
        try forEachRow(in: db, sql: sql, arguments: arguments, dimension: dimension, attributes: { handle, _ in
            EntryAttributes(lang: languages.string(handle, 4), type: types.string(handle, 5),
                            overallScore: Float(sqlite3_column_double(handle, 6)))
        }) { _, rowID, entryID, blob, attributes in try body(rowID, String(decoding: entryID, as: UTF8.self), blob, attributes) }
    }

    /// The row loop: `attributes` gives what `body` needs of a row's entry (nil skips the row). Both get the entry
    /// id as SQLite's UTF-8 bytes, valid until the next step; `body` also gets the statement for further columns.
    private static func forEachRow<Attributes>(
        in db: Database, sql: String, arguments: [String], dimension: Int,
        attributes: (OpaquePointer, UnsafeBufferPointer<UInt8>) -> Attributes?,
        _ body: (OpaquePointer, Int64, UnsafeBufferPointer<UInt8>, UnsafeRawPointer, Attributes) throws -> Void
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        for (i, argument) in arguments.enumerated() {
            let code = sqlite3_bind_text(handle, Int32(i + 1), argument, -1, csqlite_transient())
            guard code == SQLITE_OK else { throw error(code, db: db, sql: sql) }
        }
        defer { sqlite3_reset(handle) }
        let expectedBytes = 4 * dimension
        #if _endian(big)
        let swapped = UnsafeMutablePointer<UInt32>.allocate(capacity: dimension)
        defer { swapped.deallocate() }
        #endif
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code, db: db, sql: sql) }
            let rowID = sqlite3_column_int64(handle, 0)
            let entryID = bytes(handle, 1)
            let declared = Int(sqlite3_column_int64(handle, 2))
            guard declared == dimension else {
                throw VectorError.storedDimensionMismatch(
                    rowID: rowID, entryID: String(decoding: entryID, as: UTF8.self), expected: dimension, found: declared)
            }
            // sqlite3_column_bytes must follow sqlite3_column_blob's type conversion; the pointer stays valid
            // until the next step.
            let blob = sqlite3_column_blob(handle, 3)
            let count = Int(sqlite3_column_bytes(handle, 3))
            guard count == expectedBytes, let blob else {
                throw VectorError.malformedBlob(
                    rowID: rowID, entryID: String(decoding: entryID, as: UTF8.self), expectedBytes: expectedBytes, foundBytes: count)
            }
            guard let attributes = attributes(handle, entryID) else { continue }
            #if _endian(big)
            for i in 0..<dimension { swapped[i] = UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
            try body(handle, rowID, entryID, UnsafeRawPointer(swapped), attributes)
            #else
            try body(handle, rowID, entryID, blob, attributes)
            #endif
        }
    }

    /// Reuses Strings for a column with few distinct values (lang, type), matched by their raw UTF-8 bytes, instead
    /// of allocating one per row.
    private struct SmallStringCache {
        private var entries: [(bytes: [UInt8], string: String)] = []

        mutating func string(_ handle: OpaquePointer, _ column: Int32) -> String {
            guard let pointer = sqlite3_column_text(handle, column) else { return "" }
            let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
            for entry in entries where entry.bytes.elementsEqual(bytes) { return entry.string }
            let string = String(decoding: bytes, as: UTF8.self)
            if entries.count < 64 { entries.append((Array(bytes), string)) }
            return string
        }
    }

    /// A text column's UTF-8 bytes, valid until the next step or reset (empty for NULL).
    private static func bytes(_ handle: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// A typed error with SQLite's result code, message and the SQL text.
    package static func error(_ code: Int32, db: Database, sql: String) -> VectorError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown"
        return .sqlite(code: code, message: message, sql: sql)
    }
}
