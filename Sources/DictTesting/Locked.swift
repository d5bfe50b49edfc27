import Foundation

/// A value shared between test threads, read and changed under a lock.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    package init(_ value: Value) { stored = value }

    /// The current value.
    package var value: Value { lock.withLock { stored } }

    /// Changes the value in place under the lock.
    package func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
