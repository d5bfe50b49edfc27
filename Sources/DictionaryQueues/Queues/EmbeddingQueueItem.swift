package import GRDB

/// Why an entry needs (re-)embedding; the raw value is `embedding_queue.reason`.
package enum EmbeddingReason: String, Sendable, Codable {
    /// The entry has no vector for the model.
    case missing
    /// The entry's text changed since its vector was computed.
    case stale
}

/// One claimed `embedding_queue` row.
package struct EmbeddingQueueItem: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    package var id: String
    /// The dictionary entry.
    package var entryID: String
    /// The model name.
    package var model: String
    /// Why the row exists.
    package var reason: EmbeddingReason
    /// 1 (lowest) to 10 (highest); claims take higher priorities first.
    package var priority: Int
    /// Claims so far.
    package var attempts: Int

    /// An item from its columns (PostgreSQL's queue reads them itself).
    package init(id: String, entryID: String, model: String, reason: EmbeddingReason, priority: Int, attempts: Int) {
        self.id = id
        self.entryID = entryID
        self.model = model
        self.reason = reason
        self.priority = priority
        self.attempts = attempts
    }

    package init(row: Row) throws {
        id = row["id"]
        entryID = row["entry_id"]
        model = row["model"]
        let reasonText: String = row["reason"]
        guard let reason = EmbeddingReason(rawValue: reasonText) else {
            throw QueueError.corruptRow(queue: .embedding, itemID: id, column: "reason", found: reasonText)
        }
        self.reason = reason
        priority = row["priority"]
        attempts = row["attempts"]
    }
}
