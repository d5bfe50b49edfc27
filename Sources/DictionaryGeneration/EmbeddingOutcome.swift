/// What `EmbeddingQueueProcessor.embed` produced for a batch: its vectors or the embedder's error, and how long
/// the call took (recorded in the ledger's model calls).
package struct EmbeddingOutcome: Sendable {
    /// One vector per text of the batch, in order, or why there are none.
    package var vectors: Result<[[Float]], any Error>
    /// Wall-clock milliseconds of the embedder call.
    package var milliseconds: Double
}
