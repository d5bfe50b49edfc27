import DictEmbedding

/// multilingual-e5-small serves search and the embedding queue through its role-fixed embedder: the `.passage` one
/// writes stored vectors, the `.query` one embeds search queries (`SemanticModel.load`).
extension E5RoleEmbedder: TextEmbedder {
    /// True: one vector space for about 100 languages, CJK included.
    public var isMultilingual: Bool { true }
}
