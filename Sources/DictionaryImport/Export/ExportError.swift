/// Why an export could not be written.
package enum ExportError: Error, Equatable, CustomStringConvertible {
    case invalidFilter(field: String, expected: String, found: String)
    case outputExists(path: String)
    case cannotWrite(path: String, reason: String)

    package var description: String {
        switch self {
        case .invalidFilter(let field, let expected, let found): "export filter \(field): expected \(expected), found \(found)"
        case .outputExists(let path): "\(path) already exists; choose another --output or remove it"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
