import GRDB

/// A stored entity as devices receive it (deleted ones only from `changes(since:)`).
public struct SyncRecord: Codable, Sendable, Equatable {
    public var entityType: SyncEntityType
    public var entityID: String
    public var data: JSONValue
    public var checksum: String
    public var version: Int
    /// The change number; a pull's token is the highest one it returned.
    public var seq: Int64
    public var deletedAt: String?
    public var deviceID: String?
    public var updatedAt: String

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
