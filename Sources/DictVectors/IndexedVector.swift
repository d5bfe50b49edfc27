/// One row to put into an `EmbeddingIndex`: a stored vector with its entry's filter attributes.
package struct IndexedVector: Sendable, Equatable {
    /// The store row id; identifies the row for later updates and breaks score ties (lower wins).
    package var rowID: Int64
    /// The id of the entry the vector belongs to.
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
