/// What the loader reads about each stored vector besides the vector itself, for callers that keep per-sense data
/// beside the index (the search service's priors and sense totals) without a second pass over the table.
package struct StoredRowDetails: Sendable {
    /// `term_embeddings.id`.
    package var rowID: Int64
    /// The entry's ordinal in the index being loaded (`EmbeddingIndex.entryOrdinals(of:)`).
    package var entryOrdinal: Int32
    /// `term_embeddings.chunk`: the sense's position in its entry.
    package var chunk: Int
    /// `term_embeddings.part_of_speech`, nil when unknown.
    package var partOfSpeech: String?
    /// `term_embeddings.sense_frequency` (a tagged-corpus count), 0 when unknown.
    package var senseFrequency: Int
}
