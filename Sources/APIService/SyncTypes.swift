import GRDB

/// The kinds of entity kept in `sync_data`.
public enum SyncEntityType: String, Codable, Sendable, CaseIterable {
    case logbookEntry = "logbook_entry"
    case goal
    case userPreferences = "user_preferences"
    case practicePlan = "practice_plan"
    case planOccurrence = "plan_occurrence"
    case planTemplate = "plan_template"
}

/// One change a device pushes: the entity's full new data, or its deletion.
public struct SyncChange: Codable, Sendable, Equatable {
    public var entityType: SyncEntityType
    public var entityID: String
    /// The new state; ignored when `deleted`.
    public var data: JSONValue?
    public var deleted: Bool

    enum CodingKeys: String, CodingKey {
        case entityType, entityID = "entityId", data, deleted
    }

    public init(entityType: SyncEntityType, entityID: String, data: JSONValue?, deleted: Bool = false) {
        self.entityType = entityType
        self.entityID = entityID
        self.data = data
        self.deleted = deleted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entityType = try container.decode(SyncEntityType.self, forKey: .entityType)
        entityID = try container.decode(String.self, forKey: .entityID)
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data)
        deleted = try container.decodeIfPresent(Bool.self, forKey: .deleted) ?? false
    }

    /// An upsert of `data`.
    public static func upsert(_ type: SyncEntityType, _ id: String, _ data: JSONValue) -> SyncChange {
        SyncChange(entityType: type, entityID: id, data: data)
    }

    /// A deletion.
    public static func delete(_ type: SyncEntityType, _ id: String) -> SyncChange {
        SyncChange(entityType: type, entityID: id, data: nil, deleted: true)
    }
}

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

/// What a push did. Stored as the idempotent response and replayed for the same key and request.
public struct PushResult: Codable, Sendable, Equatable {
    /// The user's sync token after the push (pass it to `changes(since:)`).
    public var syncToken: String
    /// Changes that were written (inserted, updated or deleted).
    public var applied: Int
    /// Upserts whose checksum matched the stored live row, and deletions of absent or deleted rows: no-ops.
    public var unchanged: Int
    /// Of `applied`, how many were deletions.
    public var deleted: Int
    /// True when this result is a stored response replayed for a repeated idempotency key.
    public var replayed: Bool
}

/// One page of changes since a token.
public struct SyncPull: Codable, Sendable, Equatable {
    /// Changed entities in change order, deletions included (with `deletedAt` set).
    public var changes: [SyncRecord]
    /// The token to ask with next time.
    public var syncToken: String
    /// Whether more changes follow this page.
    public var hasMore: Bool
}

/// The per-user sync state of `sync_metadata`.
public struct SyncStatus: Codable, Sendable, Equatable {
    public var userID: String
    public var lastSyncToken: String?
    public var lastSyncTime: String?
    public var lastSeq: Int64
    public var deviceCount: Int
    public var entityCount: Int
}
