package import DictStore

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
}
