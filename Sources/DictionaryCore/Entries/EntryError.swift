/// Why an entry write or read failed. Each case says what was expected and what was found.
package enum EntryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A term outside 1…500 characters (or empty once normalized).
    case invalidTermLength(expected: ClosedRange<Int>, found: Int)
    /// An unknown language code.
    case invalidLanguage(found: String)
    /// An unknown term type.
    case invalidType(found: String)
    /// A score or confidence outside its range.
    case valueOutOfRange(field: String, expected: ClosedRange<Double>, found: Double)
    /// A JSON field of the wrong shape.
    case invalidShape(field: String, expected: String, found: String)
    /// An entry id that is not a UUID.
    case invalidID(found: String)
    /// No entry with this id.
    case notFound(id: String)
    /// `(normalized_term, lang)` is already taken.
    case duplicate(normalizedTerm: String, lang: String)
    /// Item `index` of a bulk insert failed; nothing was written.
    indirect case bulkItem(index: Int, error: EntryError)
    /// The database refused the write (code and message from SQLite; no user text).
    case database(code: Int32, message: String)

    package var description: String {
        switch self {
        case .invalidTermLength(let expected, let found):
            "term length: expected \(expected.lowerBound)…\(expected.upperBound) characters, found \(found)"
        case .invalidLanguage(let found): "language: expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(found)\""
        case .invalidType(let found): "type: expected one of \(TermType.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(found)\""
        case .valueOutOfRange(let field, let expected, let found):
            "\(field): expected \(expected.lowerBound)…\(expected.upperBound), found \(found)"
        case .invalidShape(let field, let expected, let found): "\(field): expected \(expected), found \(found)"
        case .invalidID(let found): "id: expected a UUID, found \"\(found.prefix(64))\""
        case .notFound(let id): "no entry with id \(id)"
        case .duplicate(let term, let lang): "an entry \"\(term)\" (\(lang)) already exists"
        case .bulkItem(let index, let error): "item \(index): \(error)"
        case .database(let code, let message): "database error \(code): \(message)"
        }
    }
}
