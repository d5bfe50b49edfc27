/// One search result: an entry, its ranking score and the cosine similarity of its best row.
public struct VectorHit: Sendable, Equatable, CustomStringConvertible {
    /// `dictionary_entries.id` of the matching entry.
    public let entryID: String
    /// Cosine similarity in `[-1, 1]` of the best row; higher is better.
    public let similarity: Float
    /// The ranking score: the cosine, plus the row's prior when the search asked for priors (`PriorBoost`).
    public let score: Float
    /// `term_embeddings.id` of the entry's best row (the sense that matched).
    public let rowID: Int64

    public init(entryID: String, similarity: Float, rowID: Int64, score: Float? = nil) {
        self.entryID = entryID
        self.similarity = similarity
        self.score = score ?? similarity
        self.rowID = rowID
    }

    public var description: String { "\(entryID)@\(similarity)#\(rowID)" }
}
