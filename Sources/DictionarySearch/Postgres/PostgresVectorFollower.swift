package import DictPostgres
import DictVectors
package import DictionaryCore
package import Foundation
import PostgresNIO

/// Keeps a `VectorIndexBackend` loaded from a `PostgresVectorSnapshot` current with what any writer commits later
/// (issue 17): it polls the schema's change sequence (`embedding_changes`, migration 0004; numbered in commit order)
/// for the model's changes after the last position it applied, re-reads those entries' vectors, attributes and
/// priors in one snapshot (`PostgresVectorSnapshot.load(entryIDs:)`) and applies them (`applyWrites`): inserted,
/// re-embedded and deleted vectors and changed filter attributes all arrive. On a hot standby it reads what the
/// standby has replayed; a replica that was down or slow catches up from its position, a restarted one loads and
/// then follows. Polling never blocks a search: the index is locked only for the in-memory apply.
package final class PostgresVectorFollower: @unchecked Sendable {
    package let session: PostgresSession
    package let backend: VectorIndexBackend
    package let dimension: Int
    /// Changes read per poll at most; a larger backlog is applied over the following polls.
    package let batchLimit: Int
    private let failures: OperationalFailures
    private let lock = NSLock()
    /// The change position applied so far (under `lock`).
    private var appliedPosition: Int64

    /// Follows `backend` (loaded from a snapshot taken at `position`, its `changePosition`) through `session`.
    package init(session: PostgresSession, backend: VectorIndexBackend, dimension: Int, position: Int64, batchLimit: Int = 20_000,
                 failures: OperationalFailures = .shared) {
        self.session = session
        self.backend = backend
        self.dimension = dimension
        self.batchLimit = batchLimit
        self.failures = failures
        appliedPosition = position
    }

    /// The change position applied so far.
    package var position: Int64 { lock.withLock { appliedPosition } }

    /// Applies the changes committed after `position`, at most `batchLimit` of them; returns how many entries were
    /// re-read (0: nothing new).
    @discardableResult
    package func poll() async throws -> Int {
        let model = backend.index.model
        let from = position
        let rows = try await session.query("""
            SELECT seq, entry_id FROM embedding_changes WHERE model = \(model) AND seq > \(from) ORDER BY seq LIMIT \(batchLimit)
            """)
        guard !rows.isEmpty else { return 0 }
        var last = from
        var entries: [String] = []
        var seen: Set<String> = []
        for row in rows {
            let (seq, entryID) = try row.decode((Int64, String).self)
            last = max(last, seq)
            if seen.insert(entryID).inserted { entries.append(entryID) }
        }
        // Read after the changes: the state is at least as new as `last` (a newer write is read now and again later).
        let changed = try await PostgresVectorSnapshot.load(session: session, model: model, dimension: dimension, entryIDs: entries)
        try backend.applyWrites(entryIDs: entries, from: changed)
        // A read catching up and the timer may poll at once: the position never moves back.
        lock.withLock { appliedPosition = max(appliedPosition, last) }
        return entries.count
    }

    /// Polls until nothing is left (a read that waited for its bookmark calls this); a failed poll is recorded and
    /// left to the next one. Returns the entries applied.
    @discardableResult
    package func catchUp() async -> Int {
        var total = 0
        do {
            while true {
                let applied = try await poll()
                total += applied
                if applied == 0 { return total }
            }
        } catch {
            failures.record(.vectorIndexRefresh, error, context: "following \(backend.index.model)'s vector changes after position \(position)")
            return total
        }
    }

    /// Catches up every `interval` until the task is cancelled; a failed poll (a restarting server, a failover) is
    /// recorded and retried at the next tick from the same position.
    package func run(every interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            await catchUp()
            try? await Task.sleep(for: interval)
        }
    }
}
