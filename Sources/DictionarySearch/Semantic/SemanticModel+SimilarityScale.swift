import DictionaryCore

extension SemanticModel {
    /// How its cosines map to the scale search was tuned on (`SimilarityScale`).
    package var similarityScale: SimilarityScale {
        switch self {
        case .miniLM: .identity
        case .multilingualE5: .multilingualE5
        }
    }
}
