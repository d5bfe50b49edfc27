/// How far one model's vectors cover the dictionary (`DictionaryStatistics.coverage`).
package struct EmbeddingCoverage: Sendable, Equatable {
    /// Entries in the dictionary.
    package var entries: Int
    /// Entries with at least one vector of the model.
    package var coveredEntries: Int
    /// The model's stored vectors (one per sense chunk).
    package var vectors: Int

    /// Whether every entry has the model's vectors (and there is at least one entry).
    package var isComplete: Bool { entries > 0 && coveredEntries == entries }
}
