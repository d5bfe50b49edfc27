package import DictEmbedding

/// The embedding models dict can search with: the name stored in `term_embeddings.model` and
/// `semantic_model.model`, and how each embeds stored texts and queries.
package enum SemanticModel: String, CaseIterable, Sendable {
    /// all-MiniLM-L6-v2: English; maps nearly every CJK ideograph to `[UNK]`. The default.
    case miniLM = "all-MiniLM-L6-v2"
    /// multilingual-e5-small: about 100 languages, one space for all of them; texts carry a `query: ` or
    /// `passage: ` prefix, as its model card requires.
    case multilingualE5 = "multilingual-e5-small"

    /// The model a data directory with no vectors and no recorded choice uses.
    package static let defaultModel = SemanticModel.miniLM

    /// The model named `name` exactly as stored.
    /// - Throws: `SemanticModelError.unknownModel` listing the known names.
    package init(named name: String) throws {
        guard let model = SemanticModel(rawValue: name) else {
            throw SemanticModelError.unknownModel(found: name, known: SemanticModel.allCases.map(\.rawValue))
        }
        self = model
    }

    /// Whether queries in one language find texts in another, and CJK text embeds meaningfully. Decides whether
    /// search keeps the semantic leg for a mostly-CJK query and for Chinese entries.
    package var isMultilingual: Bool { self == .multilingualE5 }

    /// The English model whose vectors, when a data directory also holds them, are blended into this model's for
    /// English queries (`SemanticCompanion`): multilingual-e5-small trails all-MiniLM-L6-v2 on everyday English
    /// descriptions, and the blend beats both. Nil for MiniLM itself.
    package var englishCompanion: SemanticModel? { self == .multilingualE5 ? .miniLM : nil }

    /// The English companion when `withVectors` (the models with stored vectors) holds its vectors: the one search
    /// blends in.
    package func storedCompanion(withVectors: [String]) -> SemanticModel? {
        englishCompanion.flatMap { withVectors.contains($0.rawValue) ? $0 : nil }
    }

    /// The length of the model's vectors (both are 384-dimensional).
    package var dimension: Int { 384 }

    /// Where the model's files are searched when no folder is given (its environment variable first).
    package func locator(explicitPath: String?) -> ModelLocator {
        switch self {
        case .miniLM: ModelLocator(explicitPath: explicitPath)
        case .multilingualE5: .multilingualE5(explicitPath: explicitPath)
        }
    }

    /// The embedder for stored texts (e5: `passage: `) and the one for queries (e5: `query: `), sharing one
    /// loaded model; MiniLM embeds both the same way. `workers` threads encode each batch.
    /// - Throws: the model's own error (missing folder or file, naming `models/install.sh`).
    package func load(modelDirectory: String?, workers: Int) throws -> (passages: any Embedder, queries: any Embedder) {
        switch self {
        case .miniLM:
            let embedder = try MiniLMEmbedder(locator: locator(explicitPath: modelDirectory), workers: workers)
            return (embedder, embedder)
        case .multilingualE5:
            let model = try MultilingualE5Embedder(locator: locator(explicitPath: modelDirectory), workers: workers)
            return (E5RoleEmbedder(model: model, role: .passage), E5RoleEmbedder(model: model, role: .query))
        }
    }
}
