/// Why a data directory's semantic model could not be chosen or used.
package enum SemanticModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model name dict does not know (a `--model` flag, a hand-edited `semantic_model` row).
    case unknownModel(found: String, known: [String])
    /// Vectors of several models are stored and no `dict embed --model` recorded which one search uses.
    case ambiguous(models: [String])

    package var description: String {
        switch self {
        case .unknownModel(let found, let known):
            "unknown embedding model \"\(found.prefix(80))\": expected one of \(known.joined(separator: ", "))"
        case .ambiguous(let models):
            "vectors of \(models.count) models are stored (\(models.joined(separator: ", "))) and none is recorded as the "
                + "semantic model: run `dict embed --model NAME` with the one search should use"
        }
    }
}
