package import DictStore
import DictionaryCore
import Foundation
import GRDB

/// Holds the current `TermTrigramIndex` of one dictionary database, shared by the search services of a process
/// (`dict serve` has two), and rebuilds it in the background when entries' terms change.
///
/// A search asks `current(db)` inside its read transaction: one row read of `dictionary_term_version`. When the
/// copy is missing or older, the search uses the SQL path (same results, slower) and a rebuild starts on a
/// background queue, at most one at a time and at most one per `minimumRebuildInterval`, so a long import does
/// not keep a core busy rebuilding. Nothing is built until `warmUp()` or the first stale look: a one-shot CLI
/// search never pays for it.
package final class TermTrigramCache: @unchecked Sendable {
    /// Gap between rebuild starts while terms keep changing (an import in another process, say).
    static let minimumRebuildInterval: TimeInterval = 2
    private let database: StoreDatabase
    private let lock = NSLock()
    private var index: TermTrigramIndex?
    private var building = false
    private var lastBuildStart: Date?
    private let queue = DispatchQueue(label: "dict.term-trigrams", qos: .utility)

    package init(database: StoreDatabase) {
        self.database = database
    }

    /// Starts building the copy in the background (at server start, beside the vector index load).
    package func warmUp() {
        scheduleRebuild()
    }

    /// The copy, when it reflects the version `db` sees; otherwise nil, and a rebuild is scheduled.
    func current(_ db: Database) throws -> TermTrigramIndex? {
        let version = try TermTrigramIndex.currentVersion(db)
        let index = lock.withLock { self.index }
        if let index, index.version == version { return index }
        scheduleRebuild()
        return nil
    }

    /// Builds the copy now, on the calling thread (tests, benchmarks).
    package func rebuild() throws {
        let built = try database.read { db in try TermTrigramIndex.build(db) }
        lock.withLock { if (index?.version ?? -1) <= built.version { index = built } }
    }

    private func scheduleRebuild() {
        let start: Bool = lock.withLock {
            guard !building else { return false }
            if let lastBuildStart, Date().timeIntervalSince(lastBuildStart) < Self.minimumRebuildInterval { return false }
            building = true
            lastBuildStart = Date()
            return true
        }
        guard start else { return }
        queue.async { [self] in
            // A failed build leaves the SQL path in use; the next stale look tries again.
            do { try rebuild() } catch {
                OperationalFailures.shared.record(.termTrigramRebuild, error, context: "rebuilding the trigram table of terms")
            }
            lock.withLock { building = false }
        }
    }
}
