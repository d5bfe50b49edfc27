import GRDB

/// Why an entry needs (re-)embedding; the raw value is `embedding_queue.reason`.
public enum EmbeddingReason: String, Sendable, Codable {
    /// The entry has no vector for the model.
    case missing
    /// The entry's text changed since its vector was computed.
    case stale
}

/// One claimed `embedding_queue` row.
public struct EmbeddingQueueItem: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    public var id: String
    /// The dictionary entry.
    public var entryID: String
    /// The model name.
    public var model: String
    /// Why the row exists.
    public var reason: EmbeddingReason
    /// 1 (lowest) to 10 (highest); claims take higher priorities first.
    public var priority: Int
    /// Claims so far.
    public var attempts: Int

    init(row: Row) throws {
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
