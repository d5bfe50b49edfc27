/// Embeds text with a model (the local sentence encoder). Tiny on purpose: the embedding queue needs only these.
public protocol TextEmbedder: Sendable {
    /// The model name stored in `term_embeddings.model` and metered in the token ledger.
    var modelName: String { get }
    /// Vector length.
    var dimension: Int { get }
    /// One vector per text, each `dimension` long.
    func embed(_ texts: [String]) throws -> [[Float]]
    /// Tokens the model would see for `text` (WordPiece tokens for a BERT encoder), for metering.
    func tokenCount(of text: String) -> Int
}
