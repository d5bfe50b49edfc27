/// A text embedding model as the rest of dict uses it: texts in, L2-normalized vectors out, so cosine similarity is
/// a dot product. Implementations are safe to call from several threads at once.
package protocol Embedder: Sendable {
    /// The model's name as stored with its vectors (e.g. `all-MiniLM-L6-v2`).
    var modelName: String { get }
    /// Length of every vector.
    var dimension: Int { get }
    /// One L2-normalized vector per text, in order.
    func embed(_ texts: [String]) throws -> [[Float]]
    /// The same vectors back to back in one row-major `texts.count × dimension` buffer.
    func embedFlat(_ texts: [String]) throws -> [Float]
    /// Tokens the model reads for `text` (after truncation, special tokens included): what token accounting records.
    func tokenCount(of text: String) -> Int
    /// Whether the model embeds CJK text meaningfully and places a query near texts of other languages
    /// (multilingual-e5-small); false for an English model, whose semantic leg search skips for CJK queries.
    var isMultilingual: Bool { get }
}

extension Embedder {
    /// English-only unless the model says otherwise.
    package var isMultilingual: Bool { false }

    /// Default flat variant: concatenates `embed`'s vectors.
    package func embedFlat(_ texts: [String]) throws -> [Float] {
        try embed(texts).flatMap { $0 }
    }
}
