/// What an embeddings import did.
package struct EmbeddingFileImportReport: Sendable, Hashable {
    /// The model the vectors were stored under, and its dimension.
    package var model: String
    package var dimension: Int
    /// Non-blank lines (JSONL) or rows (matrices) read.
    package var records = 0
    /// Vectors inserted or replaced in `term_embeddings`.
    package var written = 0
    /// Records left out by `skipInvalid`, in file order.
    package var skipped: [SkippedRecord] = []
}
