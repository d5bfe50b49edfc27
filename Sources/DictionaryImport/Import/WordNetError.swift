/// Errors from reading the WordNet data files. Every parse error names the file and the 1-based line number.
package enum WordNetError: Error, Equatable, CustomStringConvertible {
    /// A data file is missing; the message carries the install hint.
    case fileMissing(path: String)
    /// A file could not be read (permissions, I/O).
    case unreadable(path: String, reason: String)
    /// A line is not valid UTF-8.
    case invalidUTF8(file: String, line: Int)
    /// A line is longer than the reader accepts (no newline within the limit).
    case lineTooLong(file: String, line: Int, limit: Int)
    /// A field did not have the documented form.
    case malformedLine(file: String, line: Int, field: String, expected: String, found: String)
    /// A synset's `synset_offset` differs from its byte offset in the file (a truncated or edited file).
    case offsetMismatch(file: String, line: Int, expected: Int, found: Int)

    /// One line, suitable for stderr.
    package var description: String {
        switch self {
        case .fileMissing(let path):
            "WordNet data file not found: \(path) (install it with: apt-get install -y wordnet-base)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .invalidUTF8(let file, let line):
            "\(file):\(line): invalid UTF-8"
        case .lineTooLong(let file, let line, let limit):
            "\(file):\(line): line longer than \(limit) bytes"
        case .malformedLine(let file, let line, let field, let expected, let found):
            "\(file):\(line): bad \(field): expected \(expected), found '\(found.prefix(40))'"
        case .offsetMismatch(let file, let line, let expected, let found):
            "\(file):\(line): synset_offset \(found) does not match byte offset \(expected)"
        }
    }
}
