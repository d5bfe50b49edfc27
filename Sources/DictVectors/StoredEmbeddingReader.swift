import CSQLite
import DictStore
package import GRDB

/// Streams `term_embeddings` rows joined with their entry's filter columns through GRDB's raw statement handle,
/// handing each BLOB to the caller as a pointer into SQLite's page buffer (no `Data`, no per-row array).
/// Every BLOB's length is checked against `4 × dimension` before the caller sees it.
package enum StoredEmbeddingReader {
    /// The joined columns, in the order `forEachRow` reads them.
    package static let selectColumns = """
        SELECT te.id, te.entry_id, te.dimension, te.embedding, e.lang, e.type, e.overall_score
        FROM term_embeddings AS te JOIN dictionary_entries AS e ON e.id = te.entry_id
        """

    /// Every row of `model` in row-id order, like `forEachRow` over `selectColumns`, but without the join, for the
    /// bulk load into an empty `storage`: the entries are read first in one scan and interned into `storage` with
    /// their coded attributes, then the embeddings in a second scan, where each row finds its entry by the raw
    /// bytes of its id in the storage's `EntryIDTable` (an index seek into `dictionary_entries` per row was a fifth
    /// of a full load's time; a `String` and a SipHash per row were a quarter). Rows whose entry is missing are
    /// skipped, as the join skips them. Both scans run in the caller's transaction. `body` gets the row id, entry
    /// ordinal, BLOB and coded attributes; `rowDetails`, when given, also each row's chunk, sense part of speech and
    /// sense frequency.
    package static func forEachRow(
        ofModel model: String, in db: Database, dimension: Int, interningInto storage: IndexStorage,
        rowDetails: ((StoredRowDetails) -> Void)? = nil,
        _ body: (Int64, Int32, UnsafeRawPointer, EntryCodes) throws -> Void
    ) throws {
        let expected = try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") ?? 0
        var codes: [EntryCodes] = []
        codes.reserveCapacity(expected)
        storage.reserveEntries(expected)
        // In row order: ordinals follow it, and callers reading the entries in the same order can rely on that.
        let entries = try db.makeStatement(sql: "SELECT id, lang, type, overall_score FROM dictionary_entries ORDER BY rowid")
        let handle = entries.sqliteStatement
        defer { sqlite3_reset(handle) }
        var languages = SmallStringCache()
        var types = SmallStringCache()
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw error(code, db: db, sql: entries.sql) }
            let ordinal = storage.intern(entryBytes: bytes(handle, 0))
            let entryCodes = storage.codes(of: EntryAttributes(
                lang: languages.string(handle, 1), type: types.string(handle, 2), overallScore: Float(sqlite3_column_double(handle, 3))))
            if Int(ordinal) == codes.count { codes.append(entryCodes) } else if Int(ordinal) < codes.count { codes[Int(ordinal)] = entryCodes }
        }
        // chunk, part_of_speech and sense_frequency (columns of the migrated schema, added for priors) only when asked for.
        let details = rowDetails == nil ? "" : ", te.chunk, te.part_of_speech, coalesce(te.sense_frequency, 0)"
        var partsOfSpeech = SmallStringCache()
        // Embeddings are mostly written in their entries' order, so the previous row's entry (or the next one) is
        // usually this row's.
        var previous: Int32 = 0
        try forEachRow(
            in: db, sql: """
                SELECT te.id, te.entry_id, te.dimension, te.embedding\(details) FROM term_embeddings AS te
                WHERE te.model = ? ORDER BY te.id
                """,
            arguments: [model], dimension: dimension, attributes: { handle, entryID -> (Int32, EntryCodes)? in
                guard let ordinal = storage.ordinal(ofEntryBytes: entryID, guess: previous), Int(ordinal) < codes.count else { return nil }
                previous = ordinal
                if let rowDetails {
                    let partOfSpeech = sqlite3_column_type(handle, 5) == SQLITE_NULL ? nil : partsOfSpeech.string(handle, 5)
                    rowDetails(StoredRowDetails(
                        rowID: sqlite3_column_int64(handle, 0), entryOrdinal: ordinal,
                        chunk: Int(sqlite3_column_int64(handle, 4)), partOfSpeech: partOfSpeech,
                        senseFrequency: Int(sqlite3_column_int64(handle, 6))))
                }
                return (ordinal, codes[Int(ordinal)])
            }) { (rowID: Int64, _, blob: UnsafeRawPointer, found: (Int32, EntryCodes)) in
                try body(rowID, found.0, blob, found.1)
            }
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
        }) { rowID, entryID, blob, attributes in try body(rowID, String(decoding: entryID, as: UTF8.self), blob, attributes) }
    }

    /// The row loop: `attributes` gives what `body` needs of a row's entry (nil skips the row). Both get the entry
    /// id as SQLite's UTF-8 bytes, valid until the next step.
    private static func forEachRow<Attributes>(
        in db: Database, sql: String, arguments: [String], dimension: Int,
        attributes: (OpaquePointer, UnsafeBufferPointer<UInt8>) -> Attributes?,
        _ body: (Int64, UnsafeBufferPointer<UInt8>, UnsafeRawPointer, Attributes) throws -> Void
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
            try body(rowID, entryID, UnsafeRawPointer(swapped), attributes)
            #else
            try body(rowID, entryID, blob, attributes)
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
