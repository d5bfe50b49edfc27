/// Every way a vector, a query or a stored embedding can be rejected. Each case names what was expected, what was
/// found and, for stored data, which row or entry, so a corrupt database row can be found and fixed.
package enum VectorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A vector's length differs from the index's or model's dimension.
    case dimensionMismatch(expected: Int, found: Int, entryID: String?)
    /// A component is NaN or ±infinity (`index` is the first offending component).
    case nonFiniteComponent(index: Int, entryID: String?)
    /// All components are zero (or the norm underflows to zero), so the direction is undefined.
    case zeroVector(entryID: String?)
    /// `k` is outside `VectorSearchLimits.kRange`.
    case invalidK(Int, allowed: ClosedRange<Int>)
    /// A dimension outside `1...65536` was declared for a model or an index.
    case invalidDimension(Int)
    /// A model name that is empty or longer than 200 bytes.
    case invalidModelName(String)
    /// A negative sense number.
    case invalidChunk(Int, entryID: String)
    /// A stored BLOB whose byte length is not `4 × dimension`.
    case malformedBlob(rowID: Int64, entryID: String, expectedBytes: Int, foundBytes: Int)
    /// A stored row declares a different dimension than the rest of the model's rows.
    case storedDimensionMismatch(rowID: Int64, entryID: String, expected: Int, found: Int)
    /// A stored vector is NaN/∞ or all-zero, so it cannot be normalized.
    case invalidStoredVector(rowID: Int64, entryID: String, reason: String)
    /// The same row id appears twice in one batch of index updates.
    case duplicateRowID(Int64)
    /// A SQLite call failed; carries the result code, SQLite's message and the SQL text.
    case sqlite(code: Int32, message: String, sql: String)

    package var description: String {
        func entry(_ id: String?) -> String { id.map { " (entry \($0))" } ?? "" }
        switch self {
        case .dimensionMismatch(let expected, let found, let id):
            return "dimension mismatch: expected \(expected), found \(found)\(entry(id))"
        case .nonFiniteComponent(let index, let id):
            return "component \(index) is NaN or infinite\(entry(id))"
        case .zeroVector(let id):
            return "zero vector has no direction\(entry(id))"
        case .invalidK(let k, let allowed):
            return "k must be in \(allowed.lowerBound)...\(allowed.upperBound), found \(k)"
        case .invalidDimension(let d):
            return "dimension must be in 1...65536, found \(d)"
        case .invalidModelName(let name):
            return "model name must be 1...200 bytes, found \(name.utf8.count) bytes"
        case .invalidChunk(let chunk, let id):
            return "chunk must be >= 0, found \(chunk)\(entry(id))"
        case .malformedBlob(let rowID, let entryID, let expected, let found):
            return "stored vector \(rowID) (entry \(entryID)): embedding BLOB has \(found) bytes, expected \(expected)"
        case .storedDimensionMismatch(let rowID, let entryID, let expected, let found):
            return "stored vector \(rowID) (entry \(entryID)): dimension \(found), expected \(expected)"
        case .invalidStoredVector(let rowID, let entryID, let reason):
            return "stored vector \(rowID) (entry \(entryID)): \(reason)"
        case .duplicateRowID(let rowID):
            return "row id \(rowID) appears twice in one update batch"
        case .sqlite(let code, let message, let sql):
            return "SQLite error \(code): \(message) in \(sql)"
        }
    }
}
