import Foundation

/// Knobs of seed processing, with the original's defaults where it had them.
public struct SeedProcessorSettings: Sendable, Equatable {
    /// Entries scoring below this go to manual review instead of the dictionary (original: 85).
    public var qualityThreshold: Double = 85
    /// Items claimed per round.
    public var batchSize: Int = 5
    /// Seconds a claim (and each renewal, done before every language) stays valid.
    public var leaseDuration: TimeInterval = 300
    /// Tokens reserved before each generation and settled with the real count (original's empirical 840/term).
    public var estimatedTokensPerGeneration: Int = 840
    /// Seconds a token reservation lives if its worker dies before settling.
    public var reservationTTL: TimeInterval = 600
    /// Model whose `embedding_queue` receives stored entries; nil queues nothing.
    public var embeddingModel: String?

    /// The documented defaults.
    public init() {}
}
