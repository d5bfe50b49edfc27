import GRDB

/// Stores an entry's vector for a model (into `term_embeddings`), inside the caller's transaction so the vector and
/// the embedding queue item's completion commit together.
public protocol VectorWriter: Sendable {
    /// Replaces the entry's vector for `model` (chunk 0) with `vector`, remembering `sourceHash` of the embedded text.
    func write(entryID: String, model: String, vector: [Float], sourceHash: String, in db: Database) throws
}
