package import Foundation

/// The source of "now" for queues and the token ledger, injected so tests control time (leases, backoff,
/// day boundaries) instead of sleeping.
package protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}
