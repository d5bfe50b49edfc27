import DictionaryCore
/// Why a search was rejected. Searches never surface SQL errors for user input: everything is bound.
package enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyQuery(mode: SearchMode)
    case queryTooLong(maximum: Int, found: Int)
    case invalidLimit(expected: ClosedRange<Int>, found: Int)
    case invalidOffset(expected: ClosedRange<Int>, found: Int)
    case invalidLanguage(found: String)
    case invalidType(found: String)
    case invalidQuality(field: String, found: Double)
    case invalidQualityRange(min: Double, max: Double)
    case tooManyTerms(maximum: Int, found: Int)
    /// A report period (days) outside its range.
    case invalidPeriod(expected: ClosedRange<Int>, found: Int)
    /// Semantic search needs an embedder and a vector backend, and none is configured.
    case semanticUnavailable
    /// The embedder returned something unusable.
    case invalidEmbedding(expected: Int, found: Int, reason: String)
    /// Facet counts asked of a mode that has no result set to count (exact, prefix).
    case facetsUnsupported(mode: SearchMode)
    /// The query embedder's model is not the model of the vectors searched: cosines across two models mean nothing.
    case modelMismatch(queryModel: String, indexModel: String)

    package var description: String {
        switch self {
        case .emptyQuery(let mode): "\(mode.rawValue) search needs a non-empty query"
        case .queryTooLong(let maximum, let found): "query too long: expected at most \(maximum) characters, found \(found)"
        case .invalidLimit(let expected, let found): "limit: expected \(expected.lowerBound)…\(expected.upperBound), found \(found)"
        case .invalidOffset(let expected, let found): "offset: expected \(expected.lowerBound)…\(expected.upperBound), found \(found)"
        case .invalidLanguage(let found): "language: expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(found.prefix(40))\""
        case .invalidType(let found): "type: expected one of \(TermType.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(found.prefix(40))\""
        case .invalidQuality(let field, let found): "\(field): expected 0…100, found \(found)"
        case .invalidQualityRange(let min, let max): "min_quality \(min) is above max_quality \(max)"
        case .tooManyTerms(let maximum, let found): "batch: expected at most \(maximum) terms, found \(found)"
        case .invalidPeriod(let expected, let found): "days: expected \(expected.lowerBound)…\(expected.upperBound), found \(found)"
        case .semanticUnavailable: "semantic search is not available: no embedding model or vector index is configured"
        case .invalidEmbedding(let expected, let found, let reason): "query embedding: expected \(expected) finite values, found \(found) (\(reason))"
        case .facetsUnsupported(let mode): "facets: counted in lexical, hybrid and semantic search, not in \(mode.rawValue) mode"
        case .modelMismatch(let queryModel, let indexModel):
            "semantic search: the query is embedded with \(queryModel) but the index holds \(indexModel) vectors; refusing to compare two models"
        }
    }
}
