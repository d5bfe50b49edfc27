/// One row to put into an `EmbeddingIndex`: a `term_embeddings` row with its entry's filter columns.
public struct IndexedVector: Sendable, Equatable {
    /// `term_embeddings.id`; identifies the row for later updates and breaks score ties (lower wins).
    public var rowID: Int64
    /// `term_embeddings.entry_id`.
    public var entryID: String
    /// The raw (not necessarily normalized) embedding; the index normalizes its own copy.
    public var vector: [Float]
    /// The entry's lang, type and overall_score.
    public var attributes: EntryAttributes

    public init(rowID: Int64, entryID: String, vector: [Float], attributes: EntryAttributes) {
        self.rowID = rowID
        self.entryID = entryID
        self.vector = vector
        self.attributes = attributes
    }
}
