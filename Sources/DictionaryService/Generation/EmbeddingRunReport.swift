/// What one `EmbeddingQueueProcessor.runOnce` did.
public struct EmbeddingRunReport: Sendable, Equatable, Codable {
    /// Items leased this round.
    public var claimed = 0
    /// Entries whose vectors were written.
    public var embedded = 0
    /// Vectors written (one per sense chunk).
    public var vectorsWritten = 0
    /// Items whose entry no longer exists (completed without a vector).
    public var entriesGone = 0
    /// Items that failed and will be retried.
    public var retriesScheduled = 0
    /// Items moved to the dead-letter queue.
    public var deadLettered = 0
    /// Items whose lease was lost mid-work (nothing committed).
    public var leasesLost = 0
    /// The embedding model's daily budget refused the batch; the items were released.
    public var budgetExhausted = false
    /// WordPiece (or the embedder's) tokens metered.
    public var tokensUsed = 0
    /// One line per failure.
    public var errors: [String] = []

    /// The documented defaults.
    public init() {}

    /// Adds another round's counts, tokens and errors to this one (a budget refusal in either stays a refusal).
    public mutating func add(_ other: EmbeddingRunReport) {
        claimed += other.claimed
        embedded += other.embedded
        vectorsWritten += other.vectorsWritten
        entriesGone += other.entriesGone
        retriesScheduled += other.retriesScheduled
        deadLettered += other.deadLettered
        leasesLost += other.leasesLost
        budgetExhausted = budgetExhausted || other.budgetExhausted
        tokensUsed += other.tokensUsed
        errors += other.errors
    }
}
