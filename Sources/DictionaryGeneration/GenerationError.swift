package import DictionaryQueues
package import Foundation

/// Errors of definition generation; each maps to a queue error class (see `QueueClassifiableError`).
package enum GenerationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No generator is configured; names what is missing.
    case notConfigured(missing: [String])
    /// The configured base URL cannot be used.
    case invalidURL(String)
    /// The endpoint answered 429; `retryAfter` is its `Retry-After` in seconds, if any.
    case rateLimited(retryAfter: TimeInterval?)
    /// The endpoint answered another non-2xx status (the body is shortened).
    case httpStatus(code: Int, body: String)
    /// No answer within the configured timeout.
    case timeout(seconds: TimeInterval)
    /// The connection failed.
    case transport(String)
    /// The answer is not an OpenAI-style chat completion (api error).
    case malformedResponse(String)
    /// The completion's content is not a usable entry (quality failure).
    case invalidEntry(String)

    package var description: String {
        switch self {
        case .notConfigured(let missing): "no definition generator configured: set \(missing.joined(separator: ", "))"
        case .invalidURL(let url): "invalid generator URL \(url.debugDescription)"
        case .rateLimited(let retryAfter): "api rate limit (HTTP 429)\(retryAfter.map { ", retry after \($0) s" } ?? "")"
        case .httpStatus(let code, let body): "api error: HTTP \(code)\(body.isEmpty ? "" : ": \(body)")"
        case .timeout(let seconds): "api timeout after \(seconds) s"
        case .transport(let message): "api transport error: \(message)"
        case .malformedResponse(let reason): "api returned a malformed response: \(reason)"
        case .invalidEntry(let reason): "generated entry failed quality validation: \(reason)"
        }
    }
}

extension GenerationError: QueueClassifiableError {
    /// The queue error class of this error.
    package var queueErrorType: QueueErrorType {
        switch self {
        case .invalidEntry: .qualityFailure
        default: .apiError
        }
    }

    /// Client errors (400, 401, 403, 404) and configuration faults repeat identically, so they are not retried;
    /// the original retried every API error.
    package var isRetryableFailure: Bool {
        switch self {
        case .notConfigured, .invalidURL: false
        case .httpStatus(let code, _): !(code == 400 || code == 401 || code == 403 || code == 404)
        default: true
        }
    }

    /// A server-provided delay before the next attempt, if any.
    package var retryAfterHint: TimeInterval? {
        if case .rateLimited(let retryAfter) = self { return retryAfter }
        return nil
    }
}
