/// Why an embedding import file could not be read. Each case says what was expected and what was found.
package enum EmbeddingFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notNPY(path: String)
    case unsupportedNPYVersion(path: String, major: UInt8)
    case malformedNPYHeader(path: String, header: String)
    case unsupportedDType(path: String, expected: String, found: String)
    case fortranOrder(path: String)
    case badShape(path: String, expected: String, found: String)
    case truncated(path: String, expectedBytes: Int, foundBytes: Int)
    case sizeNotMultiple(path: String, rowBytes: Int, foundBytes: Int)
    case idCountMismatch(vectors: Int, ids: Int)
    case invalidLine(line: Int, reason: String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .notNPY(let path): "\(path) is not a .npy file (expected the magic bytes \\x93NUMPY)"
        case .unsupportedNPYVersion(let path, let major): "\(path): .npy format version \(major) is not supported (expected 1, 2 or 3)"
        case .malformedNPYHeader(let path, let header): "\(path): malformed .npy header: \(header.prefix(200))"
        case .unsupportedDType(let path, let expected, let found): "\(path): expected dtype \(expected), found \(found)"
        case .fortranOrder(let path): "\(path): expected a C-order (row-major) matrix, found fortran_order True"
        case .badShape(let path, let expected, let found): "\(path): expected shape \(expected), found \(found)"
        case .truncated(let path, let expected, let found): "\(path): expected \(expected) bytes of data, found \(found) (truncated file)"
        case .sizeNotMultiple(let path, let rowBytes, let found): "\(path): \(found) bytes is not a whole number of \(rowBytes)-byte rows"
        case .idCountMismatch(let vectors, let ids): "expected one id per vector: \(vectors) vectors but \(ids) ids"
        case .invalidLine(let line, let reason): "line \(line): \(reason)"
        }
    }
}
