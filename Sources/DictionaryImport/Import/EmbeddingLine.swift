/// One line of an embeddings JSONL file. Numbers decode as `Double` first so that values beyond float32's range
/// become ±∞ on conversion and are rejected by validation instead of being clamped.
struct EmbeddingLine: Decodable {
    var entryID: String?
    var term: String?
    var lang: String?
    var model: String?
    var vector: [Double]?
    var embedding: [Double]?
    var chunk: Int?
    var sourceHash: String?

    enum CodingKeys: String, CodingKey {
        case term, lang, model, vector, embedding, chunk
        case entryID = "entry_id"
        case sourceHash = "source_hash"
    }
}
