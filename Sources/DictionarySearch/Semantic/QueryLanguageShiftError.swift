/// A stored language shift that cannot be used (`query_language_shifts`).
package enum QueryLanguageShiftError: Error, CustomStringConvertible, Equatable {
    case malformed(model: String, language: String, reason: String)

    package var description: String {
        switch self {
        case .malformed(let model, let language, let reason):
            "query_language_shifts row (\(model), \(language)): \(reason); `dict embed --model \(model)` takes the shifts again"
        }
    }
}
