/// Errors of the token ledger.
package enum TokenLedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reservation would take the model past its daily limit.
    case budgetExceeded(model: String, date: String, limit: Int, used: Int, reserved: Int, requested: Int)
    /// Token counts must be positive for reservations and non-negative for settlements.
    case invalidTokenCount(Int)
    /// A reservation's lifetime must be positive.
    case invalidTTL(Double)

    package var description: String {
        switch self {
        case .budgetExceeded(let model, let date, let limit, let used, let reserved, let requested):
            "daily token budget exhausted for \(model) on \(date): limit \(limit), used \(used), reserved \(reserved), requested \(requested)"
        case .invalidTokenCount(let count): "invalid token count \(count)"
        case .invalidTTL(let ttl): "invalid reservation lifetime \(ttl) s"
        }
    }
}

extension TokenLedgerError: QueueClassifiableError {
    /// The queue error class of this error.
    package var queueErrorType: QueueErrorType {
        switch self {
        case .budgetExceeded: .tokenLimit
        case .invalidTokenCount, .invalidTTL: .unknown
        }
    }

    /// Whether retrying can help.
    package var isRetryableFailure: Bool {
        if case .budgetExceeded = self { return true }
        return false
    }

    /// A server-provided delay before the next attempt, if any.
    package var retryAfterHint: Double? { nil }
}
