/// The counts `/health`, `/readyz` and the metrics gauges read, on either engine: `DictionaryStatistics` over the
/// SQLite file, `PostgresDictionaryStatistics` over PostgreSQL's `dictionary` schema.
package protocol DictionaryStatisticsReading: Sendable {
    /// Whether the dictionary holds at least one entry.
    func hasEntries() async throws -> Bool
    /// Entries and stored vectors (every model), read in one snapshot.
    func totals() async throws -> (entries: Int, embeddings: Int)
    /// Entries per language code.
    func entriesPerLanguage() async throws -> [String: Int]
    /// Stored vectors per model name.
    func embeddingsPerModel() async throws -> [String: Int]
}

extension DictionaryStatistics: DictionaryStatisticsReading {}
