import DictStore
package import Foundation
import GRDB

extension APIService {
    /// Most changes accepted in one push.
    package static let maximumChangesPerPush = 1_000
    /// Largest canonical JSON accepted for one entity, in bytes.
    package static let maximumEntityBytes = 1 << 20

    /// Applies a device's change set in one transaction: all of it or, on any error, none of it (no rows, no
    /// sequence numbers, no idempotency record).
    ///
    /// Each upsert whose canonical checksum equals the stored live row is a no-op; any other upsert or a deletion of a
    /// live row takes the user's next sequence number, so `changes(since:)` returns it exactly once. With an
    /// `idempotencyKey`, a repeated request (same canonical body hash, `timestamp`/`requestId` members ignored)
    /// returns the stored result with `replayed` set, a different request with the same key throws
    /// `APIError.idempotencyConflict`, and an expired key is forgotten.
    package func push(
        userID: String, changes: [SyncChange], deviceID: String? = nil, idempotencyKey: String? = nil, now: Date = Date()
    ) throws -> PushResult {
        guard changes.count <= Self.maximumChangesPerPush else {
            throw APIError.invalidInput(field: "changes", reason: "\(changes.count) changes, at most \(Self.maximumChangesPerPush)")
        }
        let deviceID = try Self.optionalText(deviceID, field: "device_id")
        let key = try Self.optionalText(idempotencyKey, field: "idempotency_key")
        let requestHash = try key.map { _ in try Self.requestHash(changes: changes, deviceID: deviceID) }
        let nowText = Timestamp.format(now)
        return try database.write { db in
            try requireUser(userID, db: db)
            if let key, let requestHash {
                if let replay = try storedResponse(key: key, userID: userID, requestHash: requestHash, now: nowText, db: db) {
                    return replay
                }
            }
            let fromSeq = try currentSeq(userID: userID, db: db)
            var result = PushResult(syncToken: "", applied: 0, unchanged: 0, deleted: 0, replayed: false)
            for change in changes {
                switch try apply(change, userID: userID, deviceID: deviceID, now: nowText, db: db) {
                case .written: result.applied += 1
                case .deleted: result.applied += 1; result.deleted += 1
                case .unchanged: result.unchanged += 1
                }
            }
            let toSeq = try currentSeq(userID: userID, db: db)
            result.syncToken = String(toSeq)
            try recordPush(userID: userID, deviceID: deviceID, key: key, result: result, fromSeq: fromSeq, toSeq: toSeq, now: nowText, db: db)
            if let key, let requestHash {
                try storeResponse(key: key, userID: userID, requestHash: requestHash, result: result, now: now, db: db)
            }
            return result
        }
    }

    /// Changes after `token` (empty or nil: from the beginning), in change order, deletions included; at most
    /// `limit` (1...1000) per page. Each entity appears once, in its latest state. O(page · log n) via
    /// `idx_sync_data_user_seq`.
    package func changes(userID: String, since token: String?, limit: Int = 250) throws -> SyncPull {
        let since = try Self.parseToken(token)
        let limit = min(max(limit, 1), 1_000)
        return try database.read { db in
            try requireUser(userID, db: db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(SyncRecord.columns) FROM sync_data WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, arguments: [userID, since, limit + 1])
            let records = try rows.prefix(limit).map(SyncRecord.init(row:))
            let current = try currentSeq(userID: userID, db: db)
            let last = records.last?.seq ?? max(since, current)
            return SyncPull(changes: records, syncToken: String(last), hasMore: rows.count > limit)
        }
    }

    /// The user's live (not deleted) entities, optionally of one type, in change order.
    package func entities(userID: String, type: SyncEntityType? = nil) throws -> [SyncRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SyncRecord.columns) FROM sync_data
                WHERE user_id = ? AND deleted_at IS NULL AND (? IS NULL OR entity_type = ?) ORDER BY seq
                """, arguments: [userID, type?.rawValue, type?.rawValue]).map(SyncRecord.init(row:))
        }
    }

    /// One live entity, nil when absent or deleted.
    package func entity(userID: String, type: SyncEntityType, id: String) throws -> SyncRecord? {
        try database.read { db in try fetchLiveEntity(userID: userID, type: type, id: id, db: db) }
    }

    /// The user's `sync_metadata` plus the number of live entities.
    package func syncStatus(userID: String) throws -> SyncStatus {
        try database.read { db in
            try requireUser(userID, db: db)
            let row = try Row.fetchOne(db, sql: """
                SELECT m.last_sync_token, m.last_sync_time, coalesce(m.last_seq, 0) AS last_seq, coalesce(m.device_count, 0) AS device_count,
                       (SELECT count(*) FROM sync_data WHERE user_id = ? AND deleted_at IS NULL) AS entity_count
                FROM (SELECT 1) LEFT JOIN sync_metadata AS m ON m.user_id = ?
                """, arguments: [userID, userID])
            return SyncStatus(userID: userID, lastSyncToken: row?["last_sync_token"], lastSyncTime: row?["last_sync_time"],
                              lastSeq: row?["last_seq"] ?? 0, deviceCount: row?["device_count"] ?? 0, entityCount: row?["entity_count"] ?? 0)
        }
    }

    /// Deletes idempotency keys that expired at or before `now`; returns how many.
    @discardableResult
    package func purgeExpiredIdempotencyKeys(now: Date = Date()) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE expires_at <= ?", arguments: [Timestamp.format(now)])
            return db.changesCount
        }
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

    // MARK: - Inside the push transaction

    enum ChangeOutcome { case written, deleted, unchanged }

    /// Applies one change; shared by `push` and goal progress. Must run inside a write transaction.
    func apply(_ change: SyncChange, userID: String, deviceID: String?, now: String, db: Database) throws -> ChangeOutcome {
        let entityID = try Self.requireText(change.entityID, field: "entity_id")
        let existing = try Row.fetchOne(db, sql: """
            SELECT id, checksum, deleted_at FROM sync_data WHERE user_id = ? AND entity_type = ? AND entity_id = ?
            """, arguments: [userID, change.entityType.rawValue, entityID])
        let isLive = existing.map { ($0["deleted_at"] as String?) == nil } ?? false
        if change.deleted {
            guard let existing, isLive else { return .unchanged }
            let seq = try nextSeq(userID: userID, db: db)
            try db.execute(sql: """
                UPDATE sync_data SET deleted_at = ?, updated_at = ?, version = version + 1, seq = ?, device_id = ? WHERE id = ?
                """, arguments: [now, now, seq, deviceID, existing["id"]])
            return .deleted
        }
        guard let data = change.data else {
            throw APIError.invalidInput(field: "data", reason: "missing for \(change.entityType.rawValue) \(entityID)")
        }
        let text = try data.apiCanonicalText()
        guard text.utf8.count <= Self.maximumEntityBytes else {
            throw APIError.invalidJSON(reason: "\(change.entityType.rawValue) \(entityID) is \(text.utf8.count) bytes, at most \(Self.maximumEntityBytes)")
        }
        let checksum = SHA256.hexDigest(of: Array(text.utf8))
        if let existing, isLive, (existing["checksum"] as String) == checksum { return .unchanged }
        let seq = try nextSeq(userID: userID, db: db)
        if let existing {
            try db.execute(sql: """
                UPDATE sync_data SET data = ?, checksum = ?, version = version + 1, deleted_at = NULL, updated_at = ?, seq = ?, device_id = ?
                WHERE id = ?
                """, arguments: [text, checksum, now, seq, deviceID, existing["id"]])
        } else {
            try db.execute(sql: """
                INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum, version, created_at, updated_at, seq, device_id)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                """, arguments: [Self.newID(), userID, change.entityType.rawValue, entityID, text, checksum, now, now, seq, deviceID])
        }
        return .written
    }

    func fetchLiveEntity(userID: String, type: SyncEntityType, id: String, db: Database) throws -> SyncRecord? {
        try Row.fetchOne(db, sql: """
            SELECT \(SyncRecord.columns) FROM sync_data WHERE user_id = ? AND entity_type = ? AND entity_id = ? AND deleted_at IS NULL
            """, arguments: [userID, type.rawValue, id]).map(SyncRecord.init(row:))
    }

    /// The user's next change number. Taken under the write lock, so numbers commit in order and a reader's
    /// snapshot never misses a lower number that commits later.
    private func nextSeq(userID: String, db: Database) throws -> Int64 {
        let seq = try Int64.fetchOne(db, sql: """
            INSERT INTO sync_metadata (user_id, last_seq) VALUES (?, 1)
            ON CONFLICT (user_id) DO UPDATE SET last_seq = last_seq + 1
            RETURNING last_seq
            """, arguments: [userID])
        guard let seq else { throw APIError.userNotFound(id: userID) }
        return seq
    }

    private func currentSeq(userID: String, db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last_seq FROM sync_metadata WHERE user_id = ?", arguments: [userID]) ?? 0
    }

    private func recordPush(
        userID: String, deviceID: String?, key: String?, result: PushResult, fromSeq: Int64, toSeq: Int64, now: String, db: Database
    ) throws {
        // Events first: the device count is the number of distinct devices that ever pushed.
        try db.execute(sql: """
            INSERT INTO sync_events (id, user_id, device_id, idempotency_key, changes_applied, duplicates_prevented, conflicts,
                                     from_seq, to_seq, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
            """, arguments: [Self.newID(), userID, deviceID, key, result.applied, result.unchanged, fromSeq, toSeq, now])
        try db.execute(sql: """
            INSERT INTO sync_metadata (user_id, last_sync_token, last_sync_time, last_device_id, last_seq, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
                last_sync_token = excluded.last_sync_token, last_sync_time = excluded.last_sync_time,
                last_device_id = coalesce(excluded.last_device_id, last_device_id), updated_at = excluded.updated_at,
                device_count = max(1, (SELECT count(DISTINCT device_id) FROM sync_events WHERE user_id = excluded.user_id))
            """, arguments: [userID, result.syncToken, now, deviceID, toSeq, now])
    }

    private func storedResponse(key: String, userID: String, requestHash: String, now: String, db: Database) throws -> PushResult? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT request_hash, response, expires_at FROM idempotency_keys WHERE key = ? AND user_id = ?
            """, arguments: [key, userID]) else { return nil }
        guard (row["expires_at"] as String) > now else {
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE key = ? AND user_id = ?", arguments: [key, userID])
            return nil
        }
        guard (row["request_hash"] as String) == requestHash else {
            throw APIError.idempotencyConflict(key: key, userID: userID)
        }
        let text: String = row["response"]
        guard var result = try? JSONDecoder().decode(PushResult.self, from: Data(text.utf8)) else {
            throw APIError.corruptRow(table: "idempotency_keys", column: "response", value: String(text.prefix(80)))
        }
        result.replayed = true
        return result
    }

    private func storeResponse(key: String, userID: String, requestHash: String, result: PushResult, now: Date, db: Database) throws {
        let response = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO idempotency_keys (key, user_id, request_hash, response, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [key, userID, requestHash, response, Timestamp.format(now),
                             Timestamp.format(now.addingTimeInterval(idempotencyTTL))])
    }
}
