package import Foundation

/// How often and how late a failed queue item is tried again: capped exponential backoff
/// `min(base × 2^(attempt−1), cap)`, and at most `maxAttempts` claims before the item is dead-lettered.
/// The defaults are the original service's (3 attempts, 5 s, 5 min).
package struct RetryPolicy: Sendable, Equatable {
    /// Claims an item may have; after the last one fails the item moves to the dead-letter queue.
    package var maxAttempts: Int
    /// The delay after the first failed attempt.
    package var base: Duration
    /// The largest delay the doubling may reach.
    package var cap: Duration

    /// Creates a value from its parts.
    package init(maxAttempts: Int = 3, base: Duration = .seconds(5), cap: Duration = .seconds(300)) {
        self.maxAttempts = max(1, maxAttempts)
        self.base = base
        self.cap = cap
    }

    /// The backoff after failed attempt number `attempt` (1-based), in seconds.
    package func delay(afterAttempt attempt: Int) -> TimeInterval {
        let baseSeconds = base.timeInterval
        let capSeconds = cap.timeInterval
        // 2^62 overflows nothing and already exceeds any sane cap; clamp the exponent first.
        let exponent = min(max(attempt - 1, 0), 62)
        let raw = baseSeconds * pow(2, Double(exponent))
        return min(raw, capSeconds)
    }

    /// Whether an item that has been claimed `attempts` times may be claimed again.
    package func allowsAnotherAttempt(after attempts: Int) -> Bool { attempts < maxAttempts }
}

extension Duration {
    /// This duration in (fractional) seconds.
    package var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
