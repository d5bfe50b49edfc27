/// Embeds text with a model (the local sentence encoder) and counts its tokens for metering. It refines search's
/// `QueryEmbedder` (model name, dimension, `embed`), so one model adapter serves both search and the embedding
/// queue; the queue needs only `tokenCount` on top.
public protocol TextEmbedder: QueryEmbedder {
    /// Tokens the model would see for `text` (WordPiece tokens for a BERT encoder), for the token ledger.
    func tokenCount(of text: String) -> Int
}
