/// Errors of embedding-queue processing; hostile or broken embedder output is rejected, never stored.
package enum EmbeddingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The embedder returned a different number of vectors than texts.
    case countMismatch(expected: Int, found: Int)
    /// A vector's length differs from the embedder's dimension.
    case dimensionMismatch(expected: Int, found: Int, entryID: String)
    /// A vector holds NaN or infinity.
    case nonFiniteValue(entryID: String)
    /// The entry's `definition` column is not the expected JSON object.
    case unreadableEntry(entryID: String, reason: String)

    package var description: String {
        switch self {
        case .countMismatch(let expected, let found): "embedder returned \(found) vectors for \(expected) texts"
        case .dimensionMismatch(let expected, let found, let id): "vector for entry \(id) has \(found) dimensions; expected \(expected)"
        case .nonFiniteValue(let id): "vector for entry \(id) contains NaN or infinity"
        case .unreadableEntry(let id, let reason): "entry \(id) cannot be embedded: \(reason)"
        }
    }
}

extension EmbeddingError: QueueClassifiableError {
    /// The queue error class of this error.
    package var queueErrorType: QueueErrorType { .unknown }
    /// A wrong dimension or a NaN repeats with the same model and text, so only a count mismatch is retried.
    package var isRetryableFailure: Bool {
        if case .countMismatch = self { return true }
        return false
    }
    /// A server-provided delay before the next attempt, if any.
    package var retryAfterHint: Double? { nil }
}
