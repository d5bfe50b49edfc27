/// One row to put into an `EmbeddingIndex`: a `term_embeddings` row with its entry's filter columns.
package struct IndexedVector: Sendable, Equatable {
    /// `term_embeddings.id`; identifies the row for later updates and breaks score ties (lower wins).
    package var rowID: Int64
    /// `term_embeddings.entry_id`.
    package var entryID: String
    /// The raw (not necessarily normalized) embedding; the index normalizes its own copy.
    package var vector: [Float]
    /// The entry's lang, type and overall_score.
    package var attributes: EntryAttributes

    package init(rowID: Int64, entryID: String, vector: [Float], attributes: EntryAttributes) {
        self.rowID = rowID
        self.entryID = entryID
        self.vector = vector
        self.attributes = attributes
    }
}
