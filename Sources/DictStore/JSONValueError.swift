/// Why JSON text could not be parsed into a `JSONValue`, or a value has no canonical text. Services report it as
/// their own invalid-JSON error; the description never echoes the input.
package enum JSONValueError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not one well-formed UTF-8 JSON document.
    case unparseable(byteCount: Int)
    /// Arrays and objects nest deeper than the limit.
    case tooDeep(maximumDepth: Int)
    /// A number is NaN or infinite, which JSON cannot write.
    case nonFiniteNumber

    package var description: String {
        switch self {
        case .unparseable(let byteCount): "not parseable JSON (\(byteCount) bytes)"
        case .tooDeep(let maximumDepth): "nested deeper than \(maximumDepth)"
        case .nonFiniteNumber: "non-finite number"
        }
    }
}
