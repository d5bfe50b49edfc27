/// How a service database is opened. Defaults suit a CLI and an HTTP server on one machine.
package struct StoreConfiguration: Sendable {
    /// How long a connection waits on a lock held by another connection before failing with SQLITE_BUSY.
    package var busyTimeoutMilliseconds: Int = 5_000
    /// Read connections kept by a file database's pool (the single writer is extra).
    package var maximumReaderCount: Int = 4
    /// Page size set before the first table exists: 8 KiB fits four 1,536-byte embedding BLOBs per page.
    package var pageSize: Int = 8_192
    /// Bytes of the file SQLite may memory-map for reads (0 disables). SQLite clamps it to its compile-time
    /// maximum (2 GiB − 64 KiB in Debian's build); pages past the mapped part are read with `pread` and copied, so
    /// the map should cover a WordNet database with its vectors (1.7 GB).
    package var mmapSize: Int = 1 << 31
    /// KiB of page cache the writer may use inside `StoreDatabase.bulkWrite` (an import's one transaction); other
    /// transactions keep SQLite's default of about 2 MiB per connection.
    package var bulkCacheKiB: Int = 512 * 1024
    /// Opens the file read-only (no migration, no writes).
    package var readOnly: Bool = false

    package init() {}
}
