import DictStore
package import Foundation
import GRDB

/// Classifies item failures the way the original service did (first match wins on the lower-cased message:
/// `token`/`budget` → token limit; `quality`/`score` → quality; `api`/`timeout`/`rate limit` → API; `database`/
/// `constraint`/`sql` → database; else unknown), but reads typed errors first so the text is only a fallback.
/// Quality and unknown failures are retryable only while `attempts < 2`, as in the original.
package enum FailureClassifier {
    /// The classification of `error` for an item already claimed `attempts` times, at `now`.
    package static func classify(_ error: any Error, attempts: Int, now: Date) -> ClassifiedFailure {
        let message = describe(error)
        let type: QueueErrorType
        var retryable: Bool
        var hint: TimeInterval?
        if let typed = error as? any QueueClassifiableError {
            type = typed.queueErrorType
            retryable = typed.isRetryableFailure
            hint = typed.retryAfterHint
        } else if let database = error as? DatabaseError {
            type = .databaseError
            // A busy or locked database clears up by itself; a constraint or schema error does not.
            retryable = database.resultCode == .SQLITE_BUSY || database.resultCode == .SQLITE_LOCKED
        } else {
            type = classify(message: message)
            retryable = type != .databaseError
        }
        switch type {
        case .qualityFailure, .unknown:
            retryable = retryable && attempts < 2
        case .tokenLimit, .apiError, .databaseError:
            break
        }
        var notBefore: Date?
        if type == .tokenLimit {
            notBefore = nextUTCMidnight(after: now)
        }
        if let hint, hint > 0 {
            let hinted = now.addingTimeInterval(hint)
            notBefore = max(notBefore ?? hinted, hinted)
        }
        return ClassifiedFailure(message: message, type: type, isRetryable: retryable, notBefore: notBefore)
    }

    /// The original's message rules (first match wins).
    package static func classify(message: String) -> QueueErrorType {
        let text = message.lowercased()
        if text.contains("token") || text.contains("budget") { return .tokenLimit }
        if text.contains("quality") || text.contains("score") { return .qualityFailure }
        if text.contains("api") || text.contains("timeout") || text.contains("rate limit") { return .apiError }
        if text.contains("database") || text.contains("constraint") || text.contains("sql") { return .databaseError }
        return .unknown
    }

    /// The first instant of the next UTC day, when daily budgets reset.
    package static func nextUTCMidnight(after date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        let day = (seconds / 86_400).rounded(.down)
        return Date(timeIntervalSince1970: (day + 1) * 86_400)
    }

    /// A one-line description: typed errors' own descriptions, else `String(describing:)`.
    package static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 1_000 ? String(line.prefix(1_000)) + "…" : line
    }
}
