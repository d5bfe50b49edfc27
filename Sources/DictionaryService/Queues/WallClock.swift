import Foundation

/// The source of "now" for queues and the token ledger, injected so tests control time (leases, backoff,
/// day boundaries) instead of sleeping.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real clock: `Date()`.
public struct SystemWallClock: WallClock {
    /// The documented defaults.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }
}
