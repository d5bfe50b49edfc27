import DictStore

/// A `SyncChange` checked before any transaction: a non-empty trimmed entity id and, for an upsert, the canonical
/// text (at most `APIService.maximumEntityBytes`) with its checksum. A bad change fails the push before anything
/// is read or written.
package struct PreparedChange: Sendable {
    package var key: SyncKey
    /// The canonical JSON text and its SHA-256; nil for a deletion.
    package var upsert: (text: String, checksum: String)?

    package init(_ change: SyncChange) throws {
        key = SyncKey(type: change.entityType, id: try APIService.requireText(change.entityID, field: "entity_id"))
        guard !change.deleted else { return }
        guard let data = change.data else {
            throw APIError.invalidInput(field: "data", reason: "missing for \(change.entityType.rawValue) \(key.id)")
        }
        let text = try data.apiCanonicalText()
        guard text.utf8.count <= APIService.maximumEntityBytes else {
            throw APIError.invalidJSON(reason: "\(change.entityType.rawValue) \(key.id) is \(text.utf8.count) bytes, at most \(APIService.maximumEntityBytes)")
        }
        upsert = (text, SHA256.hexDigest(of: Array(text.utf8)))
    }
}
