/// The per-user sync state of `sync_metadata`.
public struct SyncStatus: Codable, Sendable, Equatable {
    public var userID: String
    public var lastSyncToken: String?
    public var lastSyncTime: String?
    public var lastSeq: Int64
    public var deviceCount: Int
    public var entityCount: Int
}
