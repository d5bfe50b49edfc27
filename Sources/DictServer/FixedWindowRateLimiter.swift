package import Foundation

/// In-memory fixed-window counters, one per (client, bucket).
///
/// A window starts with a client's first request in a bucket and lasts `windowSeconds`; every request in it
/// increments the counter exactly once, and the request that would exceed the limit is refused.
///
/// Memory is bounded without ever touching the whole table: windows are also kept in a first-in-first-out queue in
/// the order they opened, so the oldest window is always at its head. Each request first drops a few expired windows
/// from the head, and when `maximumClients` windows are live it evicts the head (that client simply starts a fresh
/// window). With one window length per bucket the queue order is expiry order. Every window enters and leaves the
/// queue once, so each request costs O(1) amortized under one short lock, whatever the number of clients. (The
/// previous design filtered and sorted the whole table under the lock when it filled: at 100,000 live windows every
/// new client stalled every request for tens of milliseconds.)
package final class FixedWindowRateLimiter: @unchecked Sendable {
    /// The verdict for one request.
    package struct Decision: Sendable, Equatable {
        /// Whether the request may proceed.
        package var allowed: Bool
        /// The bucket's limit.
        package var limit: Int
        /// Requests left in the current window after this one.
        package var remaining: Int
        /// When the current window ends.
        package var resetAt: Date

        /// Whole seconds until the window ends, at least 1 (the `Retry-After` value).
        package func retryAfterSeconds(now: Date) -> Int {
            max(1, Int(resetAt.timeIntervalSince(now).rounded(.up)))
        }
    }

    private struct Window {
        var count: Int
        var resetAt: Date
        /// Which opening of this key's window the queue entry belongs to; a key reopened after expiry leaves a
        /// stale entry behind, recognised by its older serial.
        var serial: UInt64
    }

    private struct QueueEntry {
        let key: String
        let serial: UInt64
    }

    /// Expired windows dropped from the queue's head per request, at most (keeps the lock hold short and bounded).
    static let expiredDropsPerRequest = 4

    private let lock = NSLock()
    private var windows: [String: Window] = [:]
    private var queue: [QueueEntry] = []
    private var queueHead = 0
    private var nextSerial: UInt64 = 0
    private let maximumClients: Int
    private var examined = 0

    /// A limiter holding at most `maximumClients` live windows.
    package init(maximumClients: Int = 100_000) {
        self.maximumClients = max(1, maximumClients)
    }

    /// Counts one request of `client` in `bucket` at `now` and says whether it is within `limit` per `windowSeconds`.
    package func consume(client: String, bucket: String, limit: Int, windowSeconds: Int, now: Date = Date()) -> Decision {
        let key = "\(bucket)\u{1F}\(client)"
        lock.lock()
        defer { lock.unlock() }
        dropExpired(now: now, atMost: Self.expiredDropsPerRequest)
        var window: Window
        if let existing = windows[key], existing.resetAt > now {
            window = existing
        } else {
            if windows[key] == nil {
                while windows.count >= maximumClients, evictOldest() {}
            }
            nextSerial &+= 1
            window = Window(count: 0, resetAt: now.addingTimeInterval(TimeInterval(windowSeconds)), serial: nextSerial)
            queue.append(QueueEntry(key: key, serial: nextSerial))
        }
        let allowed = window.count < limit
        if allowed { window.count += 1 }
        windows[key] = window
        return Decision(allowed: allowed, limit: limit, remaining: max(0, limit - window.count), resetAt: window.resetAt)
    }

    /// Number of windows currently held (expired ones included until they reach the queue's head).
    package var trackedWindowCount: Int {
        lock.withLock { windows.count }
    }

    /// Queue entries looked at by eviction so far: grows by O(1) per request, never with the table size.
    package var examinedEntryCount: Int {
        lock.withLock { examined }
    }

    /// Drops up to `limit` expired windows from the queue's head. Caller holds the lock.
    private func dropExpired(now: Date, atMost limit: Int) {
        var dropped = 0
        while dropped < limit, queueHead < queue.count {
            let entry = queue[queueHead]
            examined += 1
            if let window = windows[entry.key], window.serial == entry.serial {
                guard window.resetAt <= now else { break }
                windows.removeValue(forKey: entry.key)
                dropped += 1
            }
            popHead()
        }
    }

    /// Removes the oldest live window; false when there is none. Caller holds the lock.
    private func evictOldest() -> Bool {
        while queueHead < queue.count {
            let entry = queue[queueHead]
            examined += 1
            popHead()
            if let window = windows[entry.key], window.serial == entry.serial {
                windows.removeValue(forKey: entry.key)
                return true
            }
        }
        return false
    }

    /// Advances the head, compacting the array once the consumed prefix is at least half of it (amortized O(1)).
    private func popHead() {
        queueHead += 1
        if queueHead >= 1024, queueHead * 2 >= queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
    }
}
