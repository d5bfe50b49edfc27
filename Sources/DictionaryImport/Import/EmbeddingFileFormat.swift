/// The layouts `EmbeddingFileImporter` reads.
package enum EmbeddingFileFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `entry_id` or `term`+`lang`, optional `model` and `chunk`, `vector` (or `embedding`).
    case jsonl
    /// A NumPy `.npy` 2-D little-endian float32 matrix, one row per id of an accompanying id list.
    case npy
    /// Headerless little-endian float32 rows of the model's dimension, one row per id of an id list.
    case f32

    /// The format implied by a file name's extension (`.jsonl`/`.ndjson`, `.npy`, `.f32`/`.bin`), or nil.
    package init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            self = .jsonl
        } else if lowered.hasSuffix(".npy") {
            self = .npy
        } else if lowered.hasSuffix(".f32") || lowered.hasSuffix(".bin") {
            self = .f32
        } else {
            return nil
        }
    }

    /// Whether the vectors need a separate id list (`--ids`).
    package var needsIDList: Bool { self != .jsonl }
}
