/// What the PostgreSQL import store refuses (before anything is written).
package enum PostgresImportError: Error, Equatable, CustomStringConvertible {
    case replaceNotSupported(term: String, lang: String)

    package var description: String {
        switch self {
        case .replaceNotSupported(let term, let lang):
            "\"\(term)\" (\(lang)) already exists and --on-existing replace is not available on PostgreSQL yet; use skip or fail"
        }
    }
}
