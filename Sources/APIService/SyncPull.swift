/// One page of changes since a token.
package struct SyncPull: Codable, Sendable, Equatable {
    /// Changed entities in change order, deletions included (with `deletedAt` set).
    package var changes: [SyncRecord]
    /// The token to ask with next time.
    package var syncToken: String
    /// Whether more changes follow this page.
    package var hasMore: Bool
}
