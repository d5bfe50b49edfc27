package import DictionaryCore
/// Why one record (line) of an entries file was rejected.
package enum EntryRecordProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUTF8
    case invalidJSON(reason: String)
    /// A CSV record that breaks RFC 4180 (stray quote, unterminated quoted field) or has the wrong field count.
    case invalidCSV(reason: String)
    /// The record decoded but is not a valid entry (language, type, length, score range, …).
    case invalidEntry(EntryError)
    /// The same `(normalized term, lang)` already appeared earlier in the file.
    case duplicate(firstLine: Int)

    package var description: String {
        switch self {
        case .invalidUTF8: "invalid UTF-8"
        case .invalidJSON(let reason): reason
        case .invalidCSV(let reason): reason
        case .invalidEntry(let error): "\(error)"
        case .duplicate(let firstLine): "same term and language as line \(firstLine)"
        }
    }
}
