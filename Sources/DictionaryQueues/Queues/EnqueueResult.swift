/// The outcome of an idempotent enqueue.
package struct EnqueueResult: Sendable, Equatable, Codable {
    /// The id of the open item now covering the request (new or pre-existing).
    package var itemID: String
    /// False when an equivalent item was already pending or processing, so nothing was added.
    package var inserted: Bool

    /// Creates a value from its parts.
    package init(itemID: String, inserted: Bool) {
        self.itemID = itemID
        self.inserted = inserted
    }
}
