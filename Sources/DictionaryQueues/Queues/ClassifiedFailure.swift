package import Foundation

/// A failure after classification: what the queue engine needs to choose between a retry and a dead letter.
package struct ClassifiedFailure: Sendable, Equatable {
    /// The error text stored in `error_message` / `failure_reason` (never includes secrets or prompt text).
    package var message: String
    /// The error class.
    package var type: QueueErrorType
    /// Whether another attempt can succeed (the policy's attempt limit still applies).
    package var isRetryable: Bool
    /// The earliest instant the item may run again, when the error itself says so (a `Retry-After` header, a budget
    /// that resets at midnight); the backoff is used when this is later.
    package var notBefore: Date?

    /// Creates a value from its parts.
    package init(message: String, type: QueueErrorType, isRetryable: Bool, notBefore: Date? = nil) {
        self.message = message
        self.type = type
        self.isRetryable = isRetryable
        self.notBefore = notBefore
    }

    /// The action an operator should take, stored in the dead letter's `failure_analysis`.
    package var suggestedAction: String {
        switch type {
        case .tokenLimit: "wait for the daily budget to reset (UTC midnight) or raise the budget"
        case .qualityFailure: "review the term or the generator prompt; retry from the dead-letter queue"
        case .apiError: isRetryable ? "check the generator endpoint's health and rate limits" : "check the generator URL, model and API key"
        case .databaseError: "inspect the database constraint named in the error"
        case .unknown: "inspect the error and retry from the dead-letter queue"
        }
    }
}

/// An error that knows its own queue classification, so the classifier does not guess from message text.
package protocol QueueClassifiableError: Error {
    /// The error class.
    var queueErrorType: QueueErrorType { get }
    /// Whether retrying can help, before the per-class rules (quality and unknown errors are retried once).
    var isRetryableFailure: Bool { get }
    /// A server-provided delay before the next attempt (HTTP `Retry-After`), in seconds.
    var retryAfterHint: TimeInterval? { get }
}
