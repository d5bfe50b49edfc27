/// How many items a queue holds in each state.
package struct QueueStatusCounts: Sendable, Equatable, Codable {
    /// Items waiting to be claimed.
    package var pending = 0
    /// Items leased to a worker.
    package var processing = 0
    /// Finished items not yet purged.
    package var completed = 0
    /// Items in the legacy `failed` state.
    package var failed = 0
    /// Pending items whose `retry_after` is still in the future (a subset of `pending`).
    package var waitingForRetry = 0

    /// The documented defaults.
    package init() {}
}
