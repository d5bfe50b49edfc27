package import Foundation

/// What `QueueEngine.fail` did with an item.
package enum FailureOutcome: Sendable, Equatable {
    /// The item is pending again, claimable from this instant.
    case retryScheduled(at: Date)
    /// The item left its queue; this is the dead letter's id.
    case deadLettered(deadLetterID: String)
}
