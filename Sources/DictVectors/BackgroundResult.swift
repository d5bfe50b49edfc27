import Foundation

/// A value computed on another thread while the caller does other work (start-up reads that do not depend on
/// each other, pre-faulting a matrix while it is filled, on a machine with a core to spare); `value()` waits for it
/// and rethrows its error.
package final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the worker before `finished` is signalled, read only after waiting for it.
    private var result: Result<Value, any Error>?

    /// Starts `work` at once on a global queue.
    package init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try work() }
            finished.signal()
        }
    }

    /// The value, waiting for the worker if it is still running. Safe to call more than once.
    package func value() throws -> Value {
        finished.wait()
        defer { finished.signal() }
        return try result!.get()
    }
}
