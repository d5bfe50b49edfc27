/// multilingual-e5-small with its role fixed, as the rest of dict uses an `Embedder`: stored texts go through the
/// `.passage` one, search queries through the `.query` one (the two kinds of vector are meant to be compared).
package struct E5RoleEmbedder: Embedder {
    /// The loaded model, shared.
    package let model: MultilingualE5Embedder
    /// The prefix every text gets.
    package let role: E5TextRole

    /// `model` embedding every text in `role`.
    package init(model: MultilingualE5Embedder, role: E5TextRole) {
        self.model = model
        self.role = role
    }

    /// `multilingual-e5-small`.
    package var modelName: String { model.modelName }
    /// 384.
    package var dimension: Int { model.dimension }
    /// True: one vector space for about 100 languages, CJK included.
    package var isMultilingual: Bool { true }

    /// One L2-normalized vector per text, in order.
    package func embed(_ texts: [String]) throws -> [[Float]] {
        try model.embed(texts, role: role)
    }

    /// The vectors back to back, row-major.
    package func embedFlat(_ texts: [String]) throws -> [Float] {
        try model.embedFlat(texts, role: role)
    }

    /// Tokens the model reads for `text` in this role (`<s>`, `</s>` and the prefix included, at most 512).
    package func tokenCount(of text: String) -> Int {
        model.tokenCount(of: text, role: role)
    }
}
