/// Why a queue item failed, as the original service classified it; the raw value is stored in `error_type`.
package enum QueueErrorType: String, Sendable, Codable, CaseIterable {
    /// The daily token budget or a provider quota ran out: retry after the next UTC midnight.
    case tokenLimit = "token_limit"
    /// The generated content was unusable (invalid JSON, missing fields, low score): retried once.
    case qualityFailure = "quality_failure"
    /// The model endpoint failed (HTTP error, timeout, rate limit): retried with backoff.
    case apiError = "api_error"
    /// A database or constraint error: not retried, since repeating the same write fails the same way.
    case databaseError = "database_error"
    /// Anything else: retried once.
    case unknown
}
