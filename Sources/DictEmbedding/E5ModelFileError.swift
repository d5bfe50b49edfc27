/// Why an `e5-small-q4.bin` file could not be read. Every case names the file and what was expected against what
/// was found, and every message ends with the install command, since the fix for a damaged file is a reinstall.
package enum E5ModelFileError: Error, Equatable, CustomStringConvertible {
    /// No candidate folder holds the file; `searched` lists the folders tried, in order.
    case notFound(searched: [String])
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file does not start with the magic `E5S1`, or has another format version than 1.
    case notAnE5File(path: String, reason: String)
    /// The file ends inside `section` (`needed` bytes at `offset`, the file has `fileBytes`).
    case truncated(path: String, section: String, offset: Int, needed: Int, fileBytes: Int)
    /// A header value is outside what this implementation accepts.
    case invalidHeader(path: String, field: String, value: String, expected: String)
    /// The vocabulary (pieces, scores, special ids) is inconsistent.
    case invalidVocabulary(path: String, reason: String)
    /// The normalization map is inconsistent.
    case invalidNormalization(path: String, reason: String)
    /// A tensor's directory entry is malformed or its bytes lie outside the file.
    case invalidTensor(path: String, tensor: String, reason: String)
    /// A tensor the model needs is absent.
    case missingTensor(path: String, tensor: String)

    /// The command that installs or repairs the file.
    package static let installCommand = "bash models/install.sh multilingual-e5-small"

    package var description: String {
        let problem = switch self {
        case let .notFound(searched):
            "multilingual-e5-small not found (looked for e5-small-q4.bin in: \(searched.joined(separator: ", ")))"
        case let .unreadable(path, reason):
            "cannot read e5 model file \(path): \(reason)"
        case let .notAnE5File(path, reason):
            "\(path) is not an e5 model file: \(reason)"
        case let .truncated(path, section, offset, needed, fileBytes):
            "e5 model file \(path) is truncated: \(section) needs \(needed) bytes at offset \(offset), the file has \(fileBytes)"
        case let .invalidHeader(path, field, value, expected):
            "e5 model file \(path): header field \(field) is \(value), expected \(expected)"
        case let .invalidVocabulary(path, reason):
            "e5 model file \(path): invalid vocabulary: \(reason)"
        case let .invalidNormalization(path, reason):
            "e5 model file \(path): invalid normalization map: \(reason)"
        case let .invalidTensor(path, tensor, reason):
            "e5 model file \(path): tensor \(tensor): \(reason)"
        case let .missingTensor(path, tensor):
            "e5 model file \(path) has no tensor \(tensor)"
        }
        return "\(problem); install or repair it with `\(Self.installCommand)`"
    }
}
