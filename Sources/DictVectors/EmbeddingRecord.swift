/// One vector to store: an entry's embedding for one sense (`chunk`).
package struct EmbeddingRecord: Sendable, Equatable {
    /// The id of the entry the vector belongs to (the entry must exist).
    package var entryID: String
    /// Sense number, 0 for the entry's main vector.
    package var chunk: Int
    /// The raw embedding (stored as given, little-endian float32; the index normalizes its own copy).
    package var vector: [Float]
    /// SHA-256 of the embedded text, to detect stale vectors when the text changes.
    package var sourceHash: String?

    package init(entryID: String, chunk: Int = 0, vector: [Float], sourceHash: String? = nil) {
        self.entryID = entryID
        self.chunk = chunk
        self.vector = vector
        self.sourceHash = sourceHash
    }
}
