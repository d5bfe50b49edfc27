package import DictVectors

/// Why an embeddings import was aborted; nothing was written.
package enum EmbeddingFileImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableFile(file: String, reason: String)
    /// No vectors at all (empty file, only blank lines, or a matrix with zero rows).
    case emptyFile(file: String)
    /// A `.npy` or raw float32 file that cannot be read as a matrix, or an id list whose length differs.
    case matrix(EmbeddingFileError)
    /// A matrix whose width is not the model's dimension.
    case dimensionMismatch(file: String, expected: Int, found: Int)
    /// A bad line of a JSONL file or of an id list.
    case invalidLine(file: String, line: Int, problem: EmbeddingRecordProblem)
    /// A bad matrix row (1-based); `idList` names the list line that holds the row's id.
    case invalidRow(file: String, row: Int, idList: String, problem: EmbeddingRecordProblem)
    /// A `.npy` or raw float32 file was given without the id list that names its rows.
    case idListRequired(file: String)
    /// A malformed id list line.
    case invalidIDList(file: String, line: Int, reason: String)

    package var description: String {
        switch self {
        case .unreadableFile(let file, let reason): "\(file): cannot read (\(reason))"
        case .emptyFile(let file): "\(file): no vectors found (empty file)"
        case .matrix(let error): "\(error)"
        case .dimensionMismatch(let file, let expected, let found): "\(file): expected \(expected)-dimensional rows (the model's dimension), found \(found)"
        case .invalidLine(let file, let line, let problem): "\(file):\(line): \(problem)"
        case .invalidRow(let file, let row, let idList, let problem): "\(file): row \(row) (\(idList):\(row)): \(problem)"
        case .idListRequired(let file): "\(file): a matrix file needs an id list (one entry id per row)"
        case .invalidIDList(let file, let line, let reason): "\(file):\(line): \(reason)"
        }
    }
}
