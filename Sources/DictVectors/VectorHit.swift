/// One search result: an entry, its ranking score and the cosine similarity of its best row.
package struct VectorHit: Sendable, Equatable, CustomStringConvertible {
    /// The id of the matching entry.
    package let entryID: String
    /// Cosine similarity in `[-1, 1]` of the best row; higher is better.
    package let similarity: Float
    /// The ranking score: the cosine, plus the row's prior when the search asked for priors (`PriorBoost`).
    package let score: Float
    /// The store row id of the entry's best row (the sense that matched).
    package let rowID: Int64

    package init(entryID: String, similarity: Float, rowID: Int64, score: Float? = nil) {
        self.entryID = entryID
        self.similarity = similarity
        self.score = score ?? similarity
        self.rowID = rowID
    }

    package var description: String { "\(entryID)@\(similarity)#\(rowID)" }
}
