/// Where `SearchAnalyticsRecorder` writes its batches: SQLite's file (`SQLiteSearchEventWriter`) or PostgreSQL's
/// `dictionary` schema (`PostgresSearchEventWriter`).
package protocol SearchEventWriter: Sendable {
    /// Inserts `batch` into `search_analytics` and bumps `search_frequency`/`last_accessed` of the entries exact
    /// lookups found, all in one transaction (nothing written when it throws). Called from the recorder's thread or
    /// a `flush()` caller; it blocks until the batch is stored.
    func write(_ batch: [SearchEvent]) throws
}
