/// One entity of a user's sync data: its type and id (unique per user in `sync_data`).
package struct SyncKey: Hashable, Sendable {
    package var type: SyncEntityType
    package var id: String
}
