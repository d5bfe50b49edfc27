/// What an embeddings import did.
public struct EmbeddingFileImportReport: Sendable, Hashable {
    /// The model the vectors were stored under, and its dimension.
    public var model: String
    public var dimension: Int
    /// Non-blank lines (JSONL) or rows (matrices) read.
    public var records = 0
    /// Vectors inserted or replaced in `term_embeddings`.
    public var written = 0
    /// Records left out by `skipInvalid`, in file order.
    public var skipped: [SkippedRecord] = []
}
