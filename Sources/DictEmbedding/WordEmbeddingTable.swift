/// The word-embedding table, `[vocabulary, hidden]`: float32 (MiniLM), or left in 4-bit blocks (e5), whose
/// 250k × 384 floats would take 384 MB while only a few rows are read per text; a row is dequantized when a token
/// needs it.
package enum WordEmbeddingTable: Sendable {
    /// Float32 rows, read in place.
    case float32(Tensor)
    /// 4-bit block rows, dequantized on use.
    case blockQuantized(BlockQuantizedMatrix)

    /// Number of rows (the vocabulary size).
    package var rowCount: Int {
        switch self {
        case let .float32(tensor): tensor.shape[0]
        case let .blockQuantized(matrix): matrix.rows
        }
    }

    /// Width of a row.
    package var width: Int {
        switch self {
        case let .float32(tensor): tensor.shape[1]
        case let .blockQuantized(matrix): matrix.columns
        }
    }

    /// Writes row `id` to `target` (`width` floats).
    package func copyRow(_ id: Int, into target: UnsafeMutablePointer<Float>) {
        switch self {
        case let .float32(tensor):
            target.update(from: tensor.pointer + id * tensor.shape[1], count: tensor.shape[1])
        case let .blockQuantized(matrix):
            matrix.dequantizeRow(id, into: target)
        }
    }
}
