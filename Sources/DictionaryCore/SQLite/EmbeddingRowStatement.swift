import CSQLite
import DictStore
import DictVectors
import GRDB

/// One of `EmbeddingStore`'s cached insert statements with the batch-wide columns (model, dimension, created_at)
/// bound once; `step` binds a record's own columns and runs the statement once.
struct EmbeddingRowStatement {
    let handle: OpaquePointer
    let sql: String
    private let byteCount: Int32
    private let db: Database

    /// Resets `statement` and binds the columns every record of a batch shares.
    init(_ statement: Statement, model: String, dimension: Int, db: Database) throws {
        handle = statement.sqliteStatement
        sql = statement.sql
        byteCount = Int32(4 * dimension)
        self.db = db
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        try check(sqlite3_bind_text(handle, 2, model, -1, csqlite_transient()))
        try check(sqlite3_bind_int64(handle, 3, Int64(dimension)))
        try check(sqlite3_bind_text(handle, 7, Timestamp.now(), -1, csqlite_transient()))
    }

    /// Binds `record` and steps once; returns SQLite's step code (the caller reads a `RETURNING` row or the
    /// extended error code). The statement is reset first, so the previous record's step is finished.
    func step(_ record: EmbeddingRecord) throws -> Int32 {
        sqlite3_reset(handle)
        try check(sqlite3_bind_text(handle, 1, record.entryID, -1, csqlite_transient()))
        try check(sqlite3_bind_int64(handle, 4, Int64(record.chunk)))
        if let hash = record.sourceHash {
            try check(sqlite3_bind_text(handle, 6, hash, -1, csqlite_transient()))
        } else {
            try check(sqlite3_bind_null(handle, 6))
        }
        #if _endian(big)
        let littleEndian = record.vector.map { $0.bitPattern.littleEndian }
        return try littleEndian.withUnsafeBytes { bytes in
            try check(sqlite3_bind_blob(handle, 5, bytes.baseAddress, byteCount, csqlite_static()))
            return sqlite3_step(handle)
        }
        #else
        return try record.vector.withUnsafeBytes { bytes in
            try check(sqlite3_bind_blob(handle, 5, bytes.baseAddress, byteCount, csqlite_static()))
            return sqlite3_step(handle)
        }
        #endif
    }

    /// Leaves the statement reset with no bindings (the BLOB pointer must not outlive the record).
    func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw SQLiteVectorSource.error(code, db: db, sql: sql) }
    }
}
