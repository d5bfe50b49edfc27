/// One search result: an entry and its cosine similarity to the query (the best over the entry's rows).
public struct VectorHit: Sendable, Equatable, CustomStringConvertible {
    /// `dictionary_entries.id` of the matching entry.
    public let entryID: String
    /// Cosine similarity in `[-1, 1]`; higher is better.
    public let similarity: Float
    /// `term_embeddings.id` of the entry's best row (the sense that matched).
    public let rowID: Int64

    public init(entryID: String, similarity: Float, rowID: Int64) {
        self.entryID = entryID
        self.similarity = similarity
        self.rowID = rowID
    }

    public var description: String { "\(entryID)@\(similarity)#\(rowID)" }
}
