/// What a change set is planned against, read inside its transaction under the user's sync lock: the last change
/// number handed out to the user and the stored rows of the entities the set names.
package struct SyncState: Sendable {
    /// A stored `sync_data` row as planning needs it.
    package struct Row: Sendable {
        package var id: String
        package var checksum: String
        /// `deleted_at IS NULL`.
        package var isLive: Bool

        package init(id: String, checksum: String, isLive: Bool) {
            self.id = id
            self.checksum = checksum
            self.isLive = isLive
        }
    }

    package var lastSeq: Int64
    package var rows: [SyncKey: Row]

    package init(lastSeq: Int64, rows: [SyncKey: Row]) {
        self.lastSeq = lastSeq
        self.rows = rows
    }
}
