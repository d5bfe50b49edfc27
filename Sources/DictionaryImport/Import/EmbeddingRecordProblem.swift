package import DictVectors
import DictionaryCore

/// Why one line (JSONL) or row (matrix) of an embeddings file was rejected.
package enum EmbeddingRecordProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUTF8
    case invalidJSON(reason: String)
    /// Neither `entry_id` nor both `term` and `lang`.
    case missingTarget
    /// Neither `vector` nor `embedding`, or both.
    case missingVector
    case invalidLanguage(found: String)
    /// The line's `model` differs from the model being imported.
    case modelMismatch(expected: String, found: String)
    case unknownEntryID(String)
    case unknownTerm(term: String, lang: String)
    /// Wrong dimension, NaN/∞ (also numbers too large for float32), all-zero or a negative chunk.
    case invalidVector(VectorError)
    /// The same entry and chunk already appeared earlier in the file.
    case duplicate(firstLine: Int)

    package var description: String {
        switch self {
        case .invalidUTF8: "invalid UTF-8"
        case .invalidJSON(let reason): reason
        case .missingTarget: "expected \"entry_id\" or both \"term\" and \"lang\""
        case .missingVector: "expected exactly one of \"vector\" or \"embedding\" (an array of numbers)"
        case .invalidLanguage(let found):
            "lang: expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(found.prefix(40))\""
        case .modelMismatch(let expected, let found): "model: expected \"\(expected)\", found \"\(found.prefix(200))\""
        case .unknownEntryID(let id): "no entry with id \"\(id.prefix(80))\""
        case .unknownTerm(let term, let lang): "no entry \"\(term.prefix(80))\" in \(lang)"
        case .invalidVector(let error): "\(error)"
        case .duplicate(let firstLine): "same entry and chunk as line \(firstLine)"
        }
    }
}
