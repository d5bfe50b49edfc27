package import Foundation

/// A settable clock for tests: `now()` returns the stored instant until `advance(by:)` or `set(_:)` moves it.
/// It is the dictionary's `WallClock` (`FakeClock+WallClock.swift`).
package final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts at `start` (default: 2026-01-15T12:00:00Z, mid-day so small advances stay on one UTC day).
    package init(_ start: Date = Date(timeIntervalSince1970: 1_768_478_400)) {
        current = start
    }

    /// The current fake instant.
    package func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock forward by `seconds`.
    package func advance(by seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }

    /// Sets the clock to `date`.
    package func set(_ date: Date) {
        lock.lock()
        current = date
        lock.unlock()
    }
}
