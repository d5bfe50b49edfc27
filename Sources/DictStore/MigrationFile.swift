/// One forward-only SQL migration: its file name (`0001_initial_schema.sql`) and exact text.
package struct MigrationFile: Sendable, Equatable {
    package let name: String
    package let sql: String

    package init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// Hex SHA-256 of the file's UTF-8 bytes, as recorded in the bookkeeping table.
    package var checksum: String { SHA256.hexDigest(of: Array(sql.utf8)) }

    /// Files that rebuild tables say so with this marker line; the runner then turns foreign keys off
    /// outside the transaction and runs `PRAGMA foreign_key_check` before committing.
    package static let foreignKeysOffMarker = "-- dict:foreign-keys-off"

    /// Whether the file carries `foreignKeysOffMarker`.
    package var needsForeignKeysOff: Bool { sql.contains(Self.foreignKeysOffMarker) }
}
