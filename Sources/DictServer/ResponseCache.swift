import DictionarySearch
import Foundation
import HTTPTypes
import Hummingbird

/// Encoded responses of exact lookups, kept for a few seconds, as the original service kept them in KV (300 s).
/// A hit answers without touching the database or the JSON encoder, which were nine tenths of a lookup's cost; it
/// still records its analytics event (the original skipped analytics on a hit: fixed) and says `cache_hit: true`.
///
/// Staleness is bounded by `seconds`: any successful write through this server empties the cache at once
/// (`ResponseCacheInvalidationMiddleware`); a write by another process (`dict import` beside `dict serve`) shows
/// after at most `seconds`. At most `capacity` responses; the oldest insert goes first.
final class ResponseCache: @unchecked Sendable {
    /// One cached answer: the response to replay and the analytics event of the search that produced it.
    struct Entry {
        let response: Response
        let event: SearchEvent?
        let expiresAt: UInt64
    }

    /// `X-Cache: HIT` on a replayed answer, `MISS` on one that ran (the original's header).
    static let header = HTTPField.Name("X-Cache")!

    let seconds: Int
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var insertionOrder: [String] = []
    private var oldest = 0

    /// A cache keeping responses `seconds` long (0 disables it) and at most `capacity` of them.
    init(seconds: Int, capacity: Int = 10_000) {
        self.seconds = max(0, seconds)
        self.capacity = max(1, capacity)
    }

    var isEnabled: Bool { seconds > 0 }

    /// The unexpired entry for `key`, if any.
    func entry(for key: String) -> Entry? {
        guard isEnabled else { return nil }
        let now = DispatchTime.now().uptimeNanoseconds
        return lock.withLock {
            guard let entry = entries[key] else { return nil }
            return entry.expiresAt > now ? entry : nil
        }
    }

    /// Keeps `response` for `key` for `seconds`.
    func store(_ response: Response, event: SearchEvent?, for key: String) {
        guard isEnabled else { return }
        let entry = Entry(response: response, event: event, expiresAt: DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000)
        lock.withLock {
            if entries.updateValue(entry, forKey: key) != nil { return }
            if insertionOrder.count < capacity {
                insertionOrder.append(key)
            } else {
                entries[insertionOrder[oldest]] = nil
                insertionOrder[oldest] = key
                oldest = (oldest + 1) % capacity
            }
        }
    }

    /// Forgets every response (after a write).
    func removeAll() {
        lock.withLock {
            entries.removeAll(keepingCapacity: true)
            insertionOrder.removeAll(keepingCapacity: true)
            oldest = 0
        }
    }

    /// Number of responses held.
    var count: Int { lock.withLock { entries.count } }
}
