/// What one `EmbeddingQueueProcessor.runOnce` did.
package struct EmbeddingRunReport: Sendable, Equatable, Codable {
    /// Items leased this round.
    package var claimed = 0
    /// Entries whose vectors were written.
    package var embedded = 0
    /// Vectors written (one per sense chunk).
    package var vectorsWritten = 0
    /// Items whose entry no longer exists (completed without a vector).
    package var entriesGone = 0
    /// Items that failed and will be retried.
    package var retriesScheduled = 0
    /// Items moved to the dead-letter queue.
    package var deadLettered = 0
    /// Items whose lease was lost mid-work (nothing committed).
    package var leasesLost = 0
    /// The embedding model's daily budget refused the batch; the items were released.
    package var budgetExhausted = false
    /// WordPiece (or the embedder's) tokens metered.
    package var tokensUsed = 0
    /// One line per failure.
    package var errors: [String] = []

    /// The documented defaults.
    package init() {}

    /// Adds another round's counts, tokens and errors to this one (a budget refusal in either stays a refusal).
    package mutating func add(_ other: EmbeddingRunReport) {
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
