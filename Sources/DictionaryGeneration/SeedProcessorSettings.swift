package import Foundation

/// Knobs of seed processing, with the original's defaults where it had them.
package struct SeedProcessorSettings: Sendable, Equatable {
    /// Entries scoring below this go to manual review instead of the dictionary (original: 85).
    package var qualityThreshold: Double = 85
    /// Items claimed per round.
    package var batchSize: Int = 5
    /// Seconds a claim (and each renewal, done before every language) stays valid.
    package var leaseDuration: TimeInterval = 300
    /// Seconds a token reservation lives if its worker dies before settling (then it is booked at its full size).
    /// The default outlives the default 60 s generator call plus a margin; `QueueConfiguration` derives it from the
    /// configured timeout. A killed worker's reservation on the same host is reclaimed sooner (`ReservationHolder`).
    package var reservationTTL: TimeInterval = 90
    /// Model whose `embedding_queue` receives stored entries; nil queues nothing.
    package var embeddingModel: String?

    /// The documented defaults.
    package init() {}
}
