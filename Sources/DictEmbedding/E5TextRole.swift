/// What an e5 text is for: the model card requires every input to start with `query: ` or `passage: `, and
/// vectors of the two kinds are meant to be compared with each other (a search query against stored passages).
package enum E5TextRole: String, Sendable, CaseIterable {
    /// A search query: embedded as `query: <text>`.
    case query
    /// A stored text (a definition, a term): embedded as `passage: <text>`.
    case passage

    /// The prefix put before the text.
    package var prefix: String {
        switch self {
        case .query: "query: "
        case .passage: "passage: "
        }
    }
}
