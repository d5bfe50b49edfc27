/// The per-user sync state of `sync_metadata`.
package struct SyncStatus: Codable, Sendable, Equatable {
    package var userID: String
    package var lastSyncToken: String?
    package var lastSyncTime: String?
    package var lastSeq: Int64
    package var deviceCount: Int
    package var entityCount: Int
}
