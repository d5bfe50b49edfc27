import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a flag a worker loop polls, so a `--watch` worker finishes (or releases) its
/// current item and exits instead of dying mid-transaction.
final class QueueShutdownSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers (the default actions are disabled while this object lives).
    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Whether a signal arrived.
    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    private func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }
}
