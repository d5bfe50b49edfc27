package import DictStore

/// The kinds of entity kept in `sync_data`.
package enum SyncEntityType: String, Codable, Sendable, CaseIterable {
    case logbookEntry = "logbook_entry"
    case goal
    case userPreferences = "user_preferences"
    case practicePlan = "practice_plan"
    case planOccurrence = "plan_occurrence"
    case planTemplate = "plan_template"
}

/// One change a device pushes: the entity's full new data, or its deletion.
package struct SyncChange: Codable, Sendable, Equatable {
    package var entityType: SyncEntityType
    package var entityID: String
    /// The new state; ignored when `deleted`.
    package var data: JSONValue?
    package var deleted: Bool

    enum CodingKeys: String, CodingKey {
        case entityType, entityID = "entityId", data, deleted
    }

    /// A change; `data` is required unless `deleted`.
    package init(entityType: SyncEntityType, entityID: String, data: JSONValue?, deleted: Bool = false) {
        self.entityType = entityType
        self.entityID = entityID
        self.data = data
        self.deleted = deleted
    }

    /// Decodes `{entityType, entityId, data?, deleted?}` (`deleted` defaults to false).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entityType = try container.decode(SyncEntityType.self, forKey: .entityType)
        entityID = try container.decode(String.self, forKey: .entityID)
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data)
        deleted = try container.decodeIfPresent(Bool.self, forKey: .deleted) ?? false
    }

    /// An upsert of `data`.
    package static func upsert(_ type: SyncEntityType, _ id: String, _ data: JSONValue) -> SyncChange {
        SyncChange(entityType: type, entityID: id, data: data)
    }

    /// A deletion.
    package static func delete(_ type: SyncEntityType, _ id: String) -> SyncChange {
        SyncChange(entityType: type, entityID: id, data: nil, deleted: true)
    }
}
