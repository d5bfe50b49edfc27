package import GRDB

/// Stores an entry's vectors for a model (into `term_embeddings`), inside the caller's transaction so the vectors
/// and the embedding queue item's completion commit together.
package protocol VectorWriter: Sendable {
    /// Replaces the entry's vectors for `model` with `vectors` (chunk i = vectors[i]; chunks beyond are removed),
    /// remembering `sourceHash` of the embedded texts. Several statements: the caller's transaction or savepoint
    /// makes them one change (the embedding queue wraps each item in a savepoint).
    func write(entryID: String, model: String, vectors: [[Float]], sourceHash: String, in db: Database) throws
}
