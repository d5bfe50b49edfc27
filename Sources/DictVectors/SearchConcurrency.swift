import Foundation

/// How many searches this process is running right now. A search splits its own work across threads (the vector
/// scan's two workers, hybrid's two legs) only while the cores would otherwise idle: under load every core already
/// runs a search, and splitting one only adds hand-offs (HTTP hybrid search on WordNet: see Benchmarks/README.md).
/// One process-wide gauge, like a metrics counter: every search service of the process shares the same cores.
package enum SearchConcurrency {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var running = 0

    /// Marks a search as running until `body` returns.
    package static func track<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { running += 1 }
        defer { lock.withLock { running -= 1 } }
        return try body()
    }

    /// Marks a search as running until `body` returns.
    package static func track<T>(_ body: () async throws -> T) async rethrows -> T {
        lock.withLock { running += 1 }
        defer { lock.withLock { running -= 1 } }
        return try await body()
    }

    /// Whether enough searches run (the caller's included) to keep `cores` cores busy without splitting any.
    package static func coresBusy(_ cores: Int) -> Bool {
        lock.withLock { running } >= cores
    }
}
