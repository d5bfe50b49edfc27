/// Embeds query text. The lead adapts DictEmbedding's `Embedder` to this seam.
public protocol QueryEmbedder: Sendable {
    /// Model name as stored in `term_embeddings.model`.
    var modelName: String { get }
    /// Output dimension.
    var dimension: Int { get }
    /// One L2-normalized vector per text.
    func embed(_ texts: [String]) throws -> [[Float]]
}

/// One vector-index hit.
public struct SemanticMatch: Hashable, Sendable {
    public var entryID: String
    /// Cosine similarity of L2-normalized vectors; higher is better.
    public var similarity: Float

    public init(entryID: String, similarity: Float) { self.entryID = entryID; self.similarity = similarity }
}

/// Top-k cosine search over entry vectors (DictVectors' `EmbeddingIndex` fits behind it: map `filters` to its
/// `VectorFilter(languages:types:scoreRange:)`).
public protocol SemanticBackend: Sendable {
    /// The best `k` (≤ 1000) matches for `query`, best first, ties by lower row, among vectors whose entry passes
    /// `filters` (languages, types, overall-score range). An entry with several vectors (senses) may appear more
    /// than once; the service keeps its best and re-checks every hit against the database.
    func search(query: [Float], k: Int, filters: SearchFilters) throws -> [SemanticMatch]
}

/// The embedder and backend semantic and hybrid search use.
public struct SemanticComponents: Sendable {
    public var embedder: any QueryEmbedder
    public var backend: any SemanticBackend

    public init(embedder: any QueryEmbedder, backend: any SemanticBackend) {
        self.embedder = embedder; self.backend = backend
    }
}
