import Foundation

/// How many full-text documents hold each word, how many there are and their average length, remembered per store
/// for the full-text tier's BM25 (PostgreSQL keeps no such statistics for a `tsvector` column). A count may be up to
/// `maximumAge` old: it only orders matches, and a word's share of the dictionary moves slowly.
final class PostgresDocumentFrequencies: @unchecked Sendable {
    /// A bound on memory whatever the queries: beyond it the oldest half is dropped.
    static let capacity = 20_000
    static let maximumAge: TimeInterval = 600
    private let lock = NSLock()
    private var counts: [String: (count: Int, at: Date)] = [:]
    private var documents: (count: Int, averageLength: Double, at: Date)?

    /// The remembered count of `key` (a word, `:*` marking a prefix), if fresh.
    func count(_ key: String, now: Date = Date()) -> Int? {
        lock.withLock { counts[key].flatMap { now.timeIntervalSince($0.at) < Self.maximumAge ? $0.count : nil } }
    }

    func remember(_ key: String, count: Int, now: Date = Date()) {
        lock.withLock {
            if counts.count >= Self.capacity {
                let oldest = counts.sorted { $0.value.at < $1.value.at }.prefix(Self.capacity / 2).map(\.key)
                for key in oldest { counts[key] = nil }
            }
            counts[key] = (count, now)
        }
    }

    /// The remembered number of documents and their average length in positions, if fresh.
    func statistics(now: Date = Date()) -> (documents: Int, averageLength: Double)? {
        lock.withLock { documents.flatMap { now.timeIntervalSince($0.at) < Self.maximumAge ? ($0.count, $0.averageLength) : nil } }
    }

    func rememberStatistics(documents count: Int, averageLength: Double, now: Date = Date()) {
        lock.withLock { documents = (count, averageLength, now) }
    }

    /// FTS5's inverse document frequency of a word held by `holding` of `total` documents: ln((N − n + 0.5) / (n + 0.5)),
    /// at least 1e-6 (a word in most documents still counts a little).
    static func idf(holding: Int, of total: Int) -> Double {
        max(log((Double(total - holding) + 0.5) / (Double(holding) + 0.5)), 1e-6)
    }
}
