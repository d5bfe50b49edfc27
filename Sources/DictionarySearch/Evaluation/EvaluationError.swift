import DictionaryCore
/// Why a query set could not be read.
package enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String)
    case invalidLine(file: String, line: Int)
    /// A cross-language query (`results_lang`) whose `results_lang` or `lang` is not a dictionary language.
    case invalidLanguage(file: String, line: Int, field: String, found: String)

    package var description: String {
        switch self {
        case .unreadable(let file): "cannot read \(file)"
        case .invalidLine(let file, let line): "\(file) line \(line): expected {\"query\": …, \"expected\": [terms]}, found something else"
        case .invalidLanguage(let file, let line, let field, let found):
            "\(file) line \(line): \(field): expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(found.prefix(40))\""
        }
    }
}
