/// What a push did. Stored as the idempotent response and replayed for the same key and request.
package struct PushResult: Codable, Sendable, Equatable {
    /// The user's sync token after the push (pass it to `changes(since:)`).
    package var syncToken: String
    /// Changes that were written (inserted, updated or deleted).
    package var applied: Int
    /// Upserts whose checksum matched the stored live row, and deletions of absent or deleted rows: no-ops.
    package var unchanged: Int
    /// Of `applied`, how many were deletions.
    package var deleted: Int
    /// True when this result is a stored response replayed for a repeated idempotency key.
    package var replayed: Bool
}
