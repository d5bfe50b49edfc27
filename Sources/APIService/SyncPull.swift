/// One page of changes since a token.
public struct SyncPull: Codable, Sendable, Equatable {
    /// Changed entities in change order, deletions included (with `deletedAt` set).
    public var changes: [SyncRecord]
    /// The token to ask with next time.
    public var syncToken: String
    /// Whether more changes follow this page.
    public var hasMore: Bool
}
