package import DictEmbedding

/// An English model searched beside a multilingual one (`SemanticModel.englishCompanion`): for an English query the
/// semantic score of an entry is `(1 − weight) · primary + weight · companion`, each model's best vector of the
/// entry (cosine plus prior, both on MiniLM's scale), by `BlendedVectorSearch`. Queries in other languages, mostly-CJK
/// ones and searches of other languages' entries use the multilingual model alone, where the English model reads
/// nothing useful.
package struct SemanticCompanion: Sendable {
    /// Embeds the query for `backend`.
    package var embedder: any Embedder
    /// The companion model's vectors (its own index: an index never mixes models).
    package var backend: any SemanticBackend

    package init(embedder: any Embedder, backend: any SemanticBackend) {
        self.embedder = embedder; self.backend = backend
    }

    /// The name a blend's rankers are kept under (`SearchConfiguration.rankersByModel`): its candidates' cosines
    /// are neither model's, so they get rankers fitted on blended candidates.
    package static func blendName(_ model: String, _ companion: String) -> String { "\(model)+\(companion)" }
}
