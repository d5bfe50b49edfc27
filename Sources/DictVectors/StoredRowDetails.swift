/// What the loader reads about each stored vector besides the vector itself, for callers that keep per-sense data
/// beside the index (the search service's priors and sense totals) without a second pass over the table.
package struct StoredRowDetails: Sendable {
    /// The store row id of the vector.
    package var rowID: Int64
    /// The entry's ordinal in the index being loaded (`EmbeddingIndex.entryOrdinals(of:)`).
    package var entryOrdinal: Int32
    /// The sense's position in its entry.
    package var chunk: Int
    /// The sense's part of speech, nil when unknown.
    package var partOfSpeech: String?
    /// The sense's tagged-corpus frequency, 0 when unknown.
    package var senseFrequency: Int
}
