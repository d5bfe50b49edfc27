import DictVectors

/// The per-record checks of an embeddings import that need no database, shared by both engines' importers: the
/// vector (chunk ≥ 0, the model's dimension, finite, non-zero) and the (entry, chunk) pair not seen on an earlier
/// line. Checks run in file order, so the same file fails on the same line everywhere.
struct EmbeddingRecordChecker {
    let dimension: Int
    private var firstLine: [String: Int] = [:]

    init(dimension: Int) { self.dimension = dimension }

    /// Accepts `record` from `line` or throws `EmbeddingRecordProblem.invalidVector` / `.duplicate`.
    mutating func check(_ record: EmbeddingRecord, line: Int) throws {
        do {
            guard record.chunk >= 0 else { throw VectorError.invalidChunk(record.chunk, entryID: record.entryID) }
            try VectorMath.validate(record.vector, dimension: dimension, entryID: record.entryID)
        } catch let error as VectorError {
            throw EmbeddingRecordProblem.invalidVector(error)
        }
        let key = record.entryID + "\u{0}" + String(record.chunk)
        if let first = firstLine[key] { throw EmbeddingRecordProblem.duplicate(firstLine: first) }
        firstLine[key] = line
    }
}
