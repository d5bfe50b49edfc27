package import DictEmbedding
package import DictVectors

/// One vector-index hit: an entry, its best-scoring sense vector and that vector's cosine.
package struct SemanticMatch: Hashable, Sendable {
    package var entryID: String
    /// Cosine similarity of L2-normalized vectors; higher is better.
    package var similarity: Float
    /// `term_embeddings.id` of the matched vector (the sense); nil from backends that do not track rows.
    package var rowID: Int64?
    /// The entry's sense count and frequency sum for the index's model; nil when the backend does not keep them
    /// (the record reader then sums them in SQL).
    package var senseTotals: SenseTotals?
    /// What the backend ranked by: `similarity` plus the vector's prior, on the same scale; nil from backends that
    /// keep no priors (then the similarity is the ranking score).
    package var rankingScore: Float?

    package init(entryID: String, similarity: Float, rowID: Int64? = nil, senseTotals: SenseTotals? = nil, rankingScore: Float? = nil) {
        self.entryID = entryID; self.similarity = similarity; self.rowID = rowID; self.senseTotals = senseTotals
        self.rankingScore = rankingScore
    }

    /// The score the backend ranked by (`rankingScore`, else the similarity).
    package var score: Float { rankingScore ?? similarity }
}

/// Top-k search over entry vectors (DictVectors' `EmbeddingIndex` fits behind it: map `filters` to its
/// `VectorFilter(languages:types:scoreRange:)`).
package protocol SemanticBackend: Sendable {
    /// The best `k` (1…100,000) distinct entries for `query` (checked and normalized once, by the caller), best
    /// first, ties by lower row, among vectors whose entry passes `filters` (languages, types, overall-score range)
    /// and whose cosine, on the scale search was tuned on (`SimilarityScale`), is at least `minSimilarity`; an
    /// entry counts with its best vector, each entry once. Ranked by cosine plus each vector's `CandidatePrior`
    /// (with `partOfSpeech`'s bonus) where the backend keeps priors, by plain cosine otherwise. The service
    /// re-checks every hit against the database.
    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch]

    /// The best vector of each of `entryIDs` for `query`, scored as `search` scores (entries without vectors are
    /// absent), in any order. Hybrid search uses it for lexical matches the vector top-k did not reach.
    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch]

    /// The `term_embeddings.model` whose vectors the backend holds, when it knows (search refuses a query embedded
    /// with another model); nil for backends that do not track it.
    var modelName: String? { get }

    /// What a query in another language is moved by before it is searched (`QueryLanguageShifts`); none for a
    /// model whose queries are searched as embedded.
    var languageShifts: QueryLanguageShifts { get }
}

extension SemanticBackend {
    /// Unknown unless the backend says.
    package var modelName: String? { nil }

    /// Queries searched as embedded unless the backend says otherwise.
    package var languageShifts: QueryLanguageShifts { .none }
}

/// The embedder and backend semantic and hybrid search use, and the English companion blended in for English
/// queries when the model is multilingual (`SemanticCompanion`).
package struct SemanticComponents: Sendable {
    package var embedder: any Embedder
    package var backend: any SemanticBackend
    package var companion: SemanticCompanion?

    package init(embedder: any Embedder, backend: any SemanticBackend, companion: SemanticCompanion? = nil) {
        self.embedder = embedder; self.backend = backend; self.companion = companion
    }
}
