package import Foundation
import Logging

/// Failures of work whose caller must not fail with it (an index refresh after a committed write, a usage row
/// after a model call) but which change results or lose data. None is swallowed: each is logged with its context,
/// counted per operation (`dict_operation_failures_total` in `/metrics`), and `/health` reports the counts; an
/// operation with work still outstanding (entries whose vectors could not be re-read) makes `/health` degraded
/// until a retry succeeds. One instance per process (`shared`); tests pass their own.
package final class OperationalFailures: @unchecked Sendable {
    /// The process-wide instance the server and the workers record into.
    package static let shared = OperationalFailures()

    /// Everything recorded about one operation.
    package struct Summary: Sendable, Equatable {
        /// Failures since the process started.
        package var count = 0
        /// The last failure's description and context.
        package var lastError = ""
        /// When the last failure happened.
        package var lastAt: Date?
        /// Work left undone by failures and not yet redone (e.g. entries whose index rows are stale).
        package var outstanding = 0
    }

    private let lock = NSLock()
    private var summaries: [OperationalFailure: Summary] = [:]
    private let logger = Logger(label: "dict.operations")

    package init() {}

    /// Records one failure of `operation`: logged at error level with `context`, counted.
    package func record(_ operation: OperationalFailure, _ error: any Error, context: String) {
        let message = "\(context): \(error)"
        lock.withLock {
            var summary = summaries[operation] ?? Summary()
            summary.count += 1
            summary.lastError = message
            summary.lastAt = Date()
            summaries[operation] = summary
        }
        logger.error("\(operation.rawValue) failed", metadata: ["operation": "\(operation.rawValue)", "error": "\(message)"])
    }

    /// Sets how much of `operation`'s work is still undone (0 once a retry succeeded).
    package func setOutstanding(_ operation: OperationalFailure, _ outstanding: Int) {
        lock.withLock {
            guard outstanding > 0 || summaries[operation] != nil else { return }
            summaries[operation, default: Summary()].outstanding = max(0, outstanding)
        }
    }

    /// Every operation that has failed at least once, with its summary.
    package func snapshot() -> [OperationalFailure: Summary] {
        lock.withLock { summaries }
    }
}
