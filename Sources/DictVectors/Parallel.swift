import Foundation

/// Fork-join over a few worker threads for the scan kernels.
package enum Parallel {
    /// Runs `body(0..<iterations)` concurrently and returns when all are done. The caller guarantees that the
    /// iterations touch disjoint memory (each worker owns its heap and score tile) and only read shared state,
    /// which the index's read lock keeps immutable for the duration; that is why the non-`Sendable` closure may
    /// cross threads here.
    package static func run(_ iterations: Int, _ body: (Int) -> Void) {
        if iterations <= 1 {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendableBox(escapable)
            DispatchQueue.concurrentPerform(iterations: iterations) { shared.value($0) }
        }
    }
}

/// Carries a value across threads where the caller has established exclusive or read-only access.
private struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
