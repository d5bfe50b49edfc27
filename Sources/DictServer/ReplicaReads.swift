package import DictionaryCore

/// How a server reading a replica keeps read-your-writes (`BookmarkMiddleware`): the engine's bookmarks, how long a
/// bookmarked read waits for the replica before it is answered from the primary, and what to bring up to date once
/// the replica caught up (the vector index's follower, so a written vector is searched too).
package struct ReplicaReads: Sendable {
    package var consistency: any ReadConsistency
    package var wait: Duration
    package var onCaughtUp: @Sendable () async -> Void

    package init(consistency: any ReadConsistency, wait: Duration = .seconds(2), onCaughtUp: @escaping @Sendable () async -> Void = {}) {
        self.consistency = consistency
        self.wait = wait
        self.onCaughtUp = onCaughtUp
    }
}
