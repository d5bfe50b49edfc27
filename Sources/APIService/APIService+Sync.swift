import DictStore
package import Foundation

extension APIService {
    /// Most changes accepted in one push.
    package static let maximumChangesPerPush = 1_000
    /// Largest canonical JSON accepted for one entity, in bytes.
    package static let maximumEntityBytes = 1 << 20

    /// Applies a device's change set in one transaction: all of it or, on any error, none of it (no rows, no
    /// sequence numbers, no idempotency record).
    ///
    /// Each upsert whose canonical checksum equals the stored live row is a no-op; any other upsert or a deletion of a
    /// live row takes the user's next sequence number, so `changes(since:)` returns it exactly once (`SyncPlan`).
    /// With an `idempotencyKey`, a repeated request (same canonical body hash, `timestamp`/`requestId` members
    /// ignored) returns the stored result with `replayed` set, a different request with the same key throws
    /// `APIError.idempotencyConflict`, and an expired key is forgotten (`PushRequest`). Concurrent pushes of one
    /// user run one after the other.
    package func push(
        userID: String, changes: [SyncChange], deviceID: String? = nil, idempotencyKey: String? = nil, now: Date = Date()
    ) async throws -> PushResult {
        guard changes.count <= Self.maximumChangesPerPush else {
            throw APIError.invalidInput(field: "changes", reason: "\(changes.count) changes, at most \(Self.maximumChangesPerPush)")
        }
        let deviceID = try Self.optionalText(deviceID, field: "device_id")
        let key = try Self.optionalText(idempotencyKey, field: "idempotency_key")
        let requestHash = try key.map { _ in try Self.requestHash(changes: changes, deviceID: deviceID) }
        let prepared = try changes.map(PreparedChange.init)
        return try await store.push(PushRequest(
            userID: userID, changes: prepared, deviceID: deviceID, key: key.flatMap { key in requestHash.map { (key, $0) } },
            now: now, ttl: idempotencyTTL))
    }

    /// Changes after `token` (empty or nil: from the beginning), in change order, deletions included; at most
    /// `limit` (1...1000) per page. Each entity appears once, in its latest state. O(page · log n) via
    /// `idx_sync_data_user_seq`.
    package func changes(userID: String, since token: String?, limit: Int = 250) async throws -> SyncPull {
        let since = try Self.parseToken(token)
        let limit = min(max(limit, 1), 1_000)
        let (rows, current) = try await store.changes(userID: userID, since: since, limit: limit)
        let records = Array(rows.prefix(limit))
        let last = records.last?.seq ?? max(since, current)
        return SyncPull(changes: records, syncToken: String(last), hasMore: rows.count > limit)
    }

    /// The user's live (not deleted) entities, optionally of one type, in change order.
    package func entities(userID: String, type: SyncEntityType? = nil) async throws -> [SyncRecord] {
        try await store.entities(userID: userID, type: type)
    }

    /// One live entity, nil when absent or deleted.
    package func entity(userID: String, type: SyncEntityType, id: String) async throws -> SyncRecord? {
        try await store.entity(userID: userID, type: type, id: id)
    }

    /// The user's `sync_metadata` plus the number of live entities.
    package func syncStatus(userID: String) async throws -> SyncStatus {
        try await store.syncStatus(userID: userID)
    }

    /// Deletes idempotency keys that expired at or before `now`; returns how many.
    @discardableResult
    package func purgeExpiredIdempotencyKeys(now: Date = Date()) async throws -> Int {
        try await store.purgeIdempotencyKeys(expiringBy: Timestamp.format(now))
    }

    /// SHA-256 of the canonical request body, with `timestamp` and `requestId` members dropped at any depth.
    static func requestHash(changes: [SyncChange], deviceID: String?) throws -> String {
        let body = JSONValue.array(changes.map { change in
            var members: [String: JSONValue] = [
                "entityType": .string(change.entityType.rawValue), "entityId": .string(change.entityID), "deleted": .bool(change.deleted),
            ]
            if let data = change.data, !change.deleted { members["data"] = data }
            return .object(members)
        })
        var members: [String: JSONValue] = ["changes": body]
        if let deviceID { members["deviceId"] = .string(deviceID) }
        return try JSONValue.object(members).removingKeys(["timestamp", "requestId"]).apiChecksum()
    }

    static func parseToken(_ token: String?) throws -> Int64 {
        guard let token, !token.isEmpty else { return 0 }
        guard let value = Int64(token), value >= 0 else { throw APIError.invalidSyncToken(token: token) }
        return value
    }
}
