package import DictionaryQueues
/// A claimed batch of embedding queue items between `EmbeddingQueueProcessor.prepare` and `finish`: the items
/// with their texts, the tokens reserved for them, and what preparing already decided (entries gone, items that
/// failed before embedding). Sendable so it can be embedded on another thread while the caller prepares the next.
package struct EmbeddingBatch: Sendable {
    /// The items to embed, each with its texts (one vector per text).
    package var work: [(item: EmbeddingQueueItem, texts: [String])]
    /// Tokens metered for all texts.
    package var tokens: Int
    /// The ledger reservation covering `tokens`, settled or released by `finish`.
    package var reservation: TokenReservation?
    /// The report so far: items claimed, entries gone, failures while reading, budget refusal.
    package var report: EmbeddingRunReport

    /// Every text of the batch, in item order.
    package var texts: [String] { work.flatMap(\.texts) }
}
