import Foundation

/// In-memory fixed-window counters, one per (client, bucket).
///
/// A window starts with a client's first request in a bucket and lasts `windowSeconds`; every request in it
/// increments the counter exactly once, and the request that would exceed the limit is refused. Memory is bounded:
/// expired windows are swept whenever the table has grown by `sweepInterval` insertions, and if the table still holds
/// `maximumClients` live windows the oldest-expiring ones are dropped (those clients simply start a fresh window).
/// O(1) per request under one lock, amortised O(n) sweep.
public final class FixedWindowRateLimiter: @unchecked Sendable {
    /// The verdict for one request.
    public struct Decision: Sendable, Equatable {
        /// Whether the request may proceed.
        public var allowed: Bool
        /// The bucket's limit.
        public var limit: Int
        /// Requests left in the current window after this one.
        public var remaining: Int
        /// When the current window ends.
        public var resetAt: Date

        /// Whole seconds until the window ends, at least 1 (the `Retry-After` value).
        public func retryAfterSeconds(now: Date) -> Int {
            max(1, Int(resetAt.timeIntervalSince(now).rounded(.up)))
        }
    }

    private struct Window {
        var count: Int
        var resetAt: Date
    }

    private let lock = NSLock()
    private var windows: [String: Window] = [:]
    private var insertionsSinceSweep = 0
    private let sweepInterval: Int
    private let maximumClients: Int

    /// A limiter holding at most `maximumClients` live windows.
    public init(maximumClients: Int = 100_000, sweepInterval: Int = 4096) {
        self.maximumClients = max(1, maximumClients)
        self.sweepInterval = max(1, sweepInterval)
    }

    /// Counts one request of `client` in `bucket` at `now` and says whether it is within `limit` per `windowSeconds`.
    public func consume(client: String, bucket: String, limit: Int, windowSeconds: Int, now: Date = Date()) -> Decision {
        let key = "\(bucket)\u{1F}\(client)"
        lock.lock()
        defer { lock.unlock() }
        var window: Window
        if let existing = windows[key], existing.resetAt > now {
            window = existing
        } else {
            window = Window(count: 0, resetAt: now.addingTimeInterval(TimeInterval(windowSeconds)))
            insertionsSinceSweep += 1
            if insertionsSinceSweep >= sweepInterval || windows.count >= maximumClients { sweep(now: now) }
        }
        let allowed = window.count < limit
        if allowed { window.count += 1 }
        windows[key] = window
        return Decision(allowed: allowed, limit: limit, remaining: max(0, limit - window.count), resetAt: window.resetAt)
    }

    /// Number of windows currently held (expired ones included until the next sweep).
    public var trackedWindowCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return windows.count
    }

    /// Drops expired windows, then the soonest-expiring ones if still at capacity. Caller holds the lock.
    private func sweep(now: Date) {
        insertionsSinceSweep = 0
        windows = windows.filter { $0.value.resetAt > now }
        if windows.count >= maximumClients {
            let excess = windows.count - maximumClients + 1
            let victims = windows.sorted { $0.value.resetAt < $1.value.resetAt }.prefix(excess).map(\.key)
            for key in victims { windows.removeValue(forKey: key) }
        }
    }
}
