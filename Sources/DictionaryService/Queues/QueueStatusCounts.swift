/// How many items a queue holds in each state.
public struct QueueStatusCounts: Sendable, Equatable, Codable {
    /// Items waiting to be claimed.
    public var pending = 0
    /// Items leased to a worker.
    public var processing = 0
    /// Finished items not yet purged.
    public var completed = 0
    /// Items in the legacy `failed` state.
    public var failed = 0
    /// Pending items whose `retry_after` is still in the future (a subset of `pending`).
    public var waitingForRetry = 0

    /// The documented defaults.
    public init() {}
}
