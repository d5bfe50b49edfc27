package import DictStore
import GRDB

/// A stored entity as devices receive it (deleted ones only from `changes(since:)`).
package struct SyncRecord: Codable, Sendable, Equatable {
    package var entityType: SyncEntityType
    package var entityID: String
    package var data: JSONValue
    package var checksum: String
    package var version: Int
    /// The change number; a pull's token is the highest one it returned.
    package var seq: Int64
    package var deletedAt: String?
    package var deviceID: String?
    package var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case entityType, entityID = "entityId", data, checksum, version, seq, deletedAt, deviceID = "deviceId", updatedAt
    }

    static let columns = "entity_type, entity_id, data, checksum, version, seq, deleted_at, device_id, updated_at"

    init(row: Row) throws {
        entityType = try row.apiEnum(SyncEntityType.self, "entity_type", table: "sync_data")
        entityID = row["entity_id"]
        data = try row.apiJSON("data", table: "sync_data")
        checksum = row["checksum"]
        version = row["version"]
        seq = row["seq"]
        deletedAt = row["deleted_at"]
        deviceID = row["device_id"]
        updatedAt = row["updated_at"]
    }
}
