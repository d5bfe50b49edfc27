import DictionarySearch
import HTTPTypes

extension APIError {
    /// The HTTP form of a search error: bad input → 400 `VALIDATION_ERROR`; no semantic model or index → 503
    /// `SERVICE_UNAVAILABLE`; an unusable query embedding or a model mismatch → 500.
    init(_ error: SearchError) {
        switch error {
        case .semanticUnavailable:
            self = .unavailable(error.description)
        case .invalidEmbedding, .modelMismatch:
            self = APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Semantic search failed: \(error.description)")
        default:
            self = .validation(error.description)
        }
    }

    /// The HTTP form of a feedback error: unknown entry → 404, anything else → 400.
    init(_ error: FeedbackService.FeedbackError) {
        switch error {
        case .entryNotFound: self = .notFound("Entry not found")
        default: self = .validation(error.description)
        }
    }
}
