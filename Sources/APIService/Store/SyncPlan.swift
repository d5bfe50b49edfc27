/// The rows a change set writes, planned in Swift against a `SyncState` so both engines follow one set of rules.
///
/// The changes are taken in order, as if applied one by one: an upsert whose checksum equals the live row's
/// (stored, or written earlier in the set) is a no-op, as is deleting an absent or deleted entity; every other
/// change takes the user's next change number. Each touched entity is then written once, in its final state with
/// its last number and its version raised by the number of writes, so the stored rows equal those of a
/// change-by-change application. The new numbers are all above every stored one, so no write collides with
/// `idx_sync_data_user_seq`.
package struct SyncPlan: Sendable {
    /// One entity's final state.
    package struct Write: Sendable {
        package var key: SyncKey
        /// The stored row's id; nil for a new row (inserted with `newID`).
        package var rowID: String?
        package var newID: String
        /// The last upsert's canonical text and checksum; nil when the set only deleted the entity (its stored data
        /// stays).
        package var data: String?
        package var checksum: String?
        /// `deleted_at` is set to the push's time when true, cleared when false.
        package var deleted: Bool
        /// How many changes wrote the entity: a new row's version, or what a stored row's version grows by.
        package var writes: Int
        package var seq: Int64
    }

    /// In `seq` order.
    package var writes: [Write] = []
    package var applied = 0
    package var unchanged = 0
    package var deleted = 0
    /// The last change number before and after the set.
    package var fromSeq: Int64
    package var toSeq: Int64

    /// Plans `changes` against `state`. O(changes).
    package init(_ changes: [PreparedChange], against state: SyncState) {
        struct Entity {
            var rowID: String?
            var checksum: String?
            var isLive: Bool
            var data: String?
            var wrote: Bool
            var writes = 0
            var seq: Int64 = 0
        }
        fromSeq = state.lastSeq
        toSeq = state.lastSeq
        var entities: [SyncKey: Entity] = [:]
        var order: [SyncKey] = []
        for change in changes {
            var entity = entities[change.key] ?? state.rows[change.key].map {
                Entity(rowID: $0.id, checksum: $0.checksum, isLive: $0.isLive, data: nil, wrote: false)
            } ?? Entity(rowID: nil, checksum: nil, isLive: false, data: nil, wrote: false)
            if let upsert = change.upsert {
                if entity.isLive && entity.checksum == upsert.checksum {
                    unchanged += 1
                    continue
                }
                entity.data = upsert.text
                entity.checksum = upsert.checksum
                entity.isLive = true
                entity.wrote = true
                applied += 1
            } else {
                guard entity.isLive else {
                    unchanged += 1
                    continue
                }
                entity.isLive = false
                applied += 1
                deleted += 1
            }
            toSeq += 1
            entity.writes += 1
            entity.seq = toSeq
            if entities[change.key] == nil { order.append(change.key) }
            entities[change.key] = entity
        }
        writes = order.compactMap { key in
            guard let entity = entities[key], entity.writes > 0 else { return nil }
            return Write(key: key, rowID: entity.rowID, newID: APIService.newID(), data: entity.wrote ? entity.data : nil,
                         checksum: entity.wrote ? entity.checksum : nil, deleted: !entity.isLive, writes: entity.writes, seq: entity.seq)
        }.sorted { $0.seq < $1.seq }
    }

    /// What the push reports (its token is the last change number after it).
    package var result: PushResult {
        PushResult(syncToken: String(toSeq), applied: applied, unchanged: unchanged, deleted: deleted, replayed: false)
    }
}
