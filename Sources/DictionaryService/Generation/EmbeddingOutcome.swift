/// What `EmbeddingQueueProcessor.embed` produced for a batch: its vectors or the embedder's error, and how long
/// the call took (recorded in the ledger's model calls).
public struct EmbeddingOutcome: Sendable {
    /// One vector per text of the batch, in order, or why there are none.
    public var vectors: Result<[[Float]], any Error>
    /// Wall-clock milliseconds of the embedder call.
    public var milliseconds: Double
}
