/// The leased work queues sharing one engine; the raw value is what `dead_letter_queue.queue_name` and
/// `recovery_history.queue_name` store.
package enum QueueName: String, Sendable, CaseIterable, Codable {
    /// Terms to generate (`seed_queue`).
    case seed
    /// Entries whose vectors are missing or stale (`embedding_queue`).
    case embedding

    /// The SQL table holding this queue's items.
    package var table: String {
        switch self {
        case .seed: "seed_queue"
        case .embedding: "embedding_queue"
        }
    }
}
