import DictStore
import GRDB

extension SQLiteAPIStore {
    package func push(_ request: PushRequest) async throws -> PushResult {
        try database.write { db in
            try requireUser(request.userID, db: db)
            if let key = request.key, let row = try Row.fetchOne(db, sql: """
                SELECT request_hash, response, expires_at FROM idempotency_keys WHERE key = ? AND user_id = ?
                """, arguments: [key.key, request.userID]) {
                let stored = PushRequest.StoredResponse(requestHash: row["request_hash"], response: row["response"], expiresAt: row["expires_at"])
                if let replay = try request.replay(of: stored) { return replay }
                try db.execute(sql: "DELETE FROM idempotency_keys WHERE key = ? AND user_id = ?", arguments: [key.key, request.userID])
            }
            let plan = SyncPlan(request.changes, against: try syncState(userID: request.userID, keys: request.keys, db: db))
            try write(plan, userID: request.userID, deviceID: request.deviceID, now: request.nowText, db: db)
            let result = plan.result
            // Events first: the device count is the number of distinct devices that ever pushed.
            try db.execute(sql: """
                INSERT INTO sync_events (id, user_id, device_id, idempotency_key, changes_applied, duplicates_prevented, conflicts,
                                         from_seq, to_seq, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                """, arguments: [APIService.newID(), request.userID, request.deviceID, request.key?.key, result.applied, result.unchanged,
                                 plan.fromSeq, plan.toSeq, request.nowText])
            try db.execute(sql: """
                INSERT INTO sync_metadata (user_id, last_sync_token, last_sync_time, last_device_id, last_seq, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    last_sync_token = excluded.last_sync_token, last_sync_time = excluded.last_sync_time,
                    last_device_id = coalesce(excluded.last_device_id, last_device_id), updated_at = excluded.updated_at,
                    device_count = max(1, (SELECT count(DISTINCT device_id) FROM sync_events WHERE user_id = excluded.user_id))
                """, arguments: [request.userID, result.syncToken, request.nowText, request.deviceID, plan.toSeq, request.nowText])
            if let key = request.key {
                let stored = try request.storedResponse(for: result)
                try db.execute(sql: """
                    INSERT INTO idempotency_keys (key, user_id, request_hash, response, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [key.key, request.userID, key.requestHash, stored.response, stored.createdAt, stored.expiresAt])
            }
            return result
        }
    }

    package func recordGoalProgress(_ progress: GoalProgress, deviceID: String?) async throws -> GoalProgress {
        try database.write { db in
            let goal = try Row.fetchOne(db, sql: """
                SELECT \(SQLiteAPIRow.syncColumns) FROM sync_data WHERE user_id = ? AND entity_type = ? AND entity_id = ? AND deleted_at IS NULL
                """, arguments: [progress.userID, SyncEntityType.goal.rawValue, progress.goalID]).map(SQLiteAPIRow.sync)
            let change = try APIService.advancedGoal(goal, by: progress)
            try db.execute(sql: """
                INSERT INTO goal_progress (id, user_id, goal_id, value, notes, session_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [progress.id, progress.userID, progress.goalID, progress.value, progress.notes, progress.sessionID, progress.recordedAt])
            let plan = SyncPlan([change], against: try syncState(userID: progress.userID, keys: [change.key], db: db))
            try write(plan, userID: progress.userID, deviceID: deviceID, now: progress.recordedAt, db: db)
            guard let row = try Row.fetchOne(db, sql: "SELECT \(SQLiteAPIRow.progressColumns) FROM goal_progress WHERE id = ?",
                                             arguments: [progress.id]) else {
                throw APIError.goalNotFound(userID: progress.userID, goalID: progress.goalID)
            }
            return SQLiteAPIRow.progress(row)
        }
    }

    /// O(page · log n) via `idx_sync_data_user_seq`.
    package func changes(userID: String, since: Int64, limit: Int) async throws -> (records: [SyncRecord], lastSeq: Int64) {
        try database.read { db in
            try requireUser(userID, db: db)
            let records = try Row.fetchAll(db, sql: """
                SELECT \(SQLiteAPIRow.syncColumns) FROM sync_data WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, arguments: [userID, since, limit + 1]).map(SQLiteAPIRow.sync)
            return (records, try lastSeq(userID: userID, db: db))
        }
    }

    package func entities(userID: String, type: SyncEntityType?) async throws -> [SyncRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteAPIRow.syncColumns) FROM sync_data
                WHERE user_id = ? AND deleted_at IS NULL AND (? IS NULL OR entity_type = ?) ORDER BY seq
                """, arguments: [userID, type?.rawValue, type?.rawValue]).map(SQLiteAPIRow.sync)
        }
    }

    package func entity(userID: String, type: SyncEntityType, id: String) async throws -> SyncRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(SQLiteAPIRow.syncColumns) FROM sync_data WHERE user_id = ? AND entity_type = ? AND entity_id = ? AND deleted_at IS NULL
                """, arguments: [userID, type.rawValue, id]).map(SQLiteAPIRow.sync)
        }
    }

    package func syncStatus(userID: String) async throws -> SyncStatus {
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

    package func purgeIdempotencyKeys(expiringBy now: String) async throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    package func goalProgress(userID: String, goalID: String) async throws -> [GoalProgress] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteAPIRow.progressColumns) FROM goal_progress WHERE user_id = ? AND goal_id = ? ORDER BY recorded_at, seq
                """, arguments: [userID, goalID]).map(SQLiteAPIRow.progress)
        }
    }

    // MARK: Inside the write transaction (BEGIN IMMEDIATE: the change numbers commit in order)

    private func syncState(userID: String, keys: [SyncKey], db: Database) throws -> SyncState {
        var rows: [SyncKey: SyncState.Row] = [:]
        for key in keys {
            if let row = try Row.fetchOne(db, sql: """
                SELECT id, checksum, deleted_at IS NULL AS live FROM sync_data WHERE user_id = ? AND entity_type = ? AND entity_id = ?
                """, arguments: [userID, key.type.rawValue, key.id]) {
                rows[key] = SyncState.Row(id: row["id"], checksum: row["checksum"], isLive: row["live"])
            }
        }
        return SyncState(lastSeq: try lastSeq(userID: userID, db: db), rows: rows)
    }

    private func write(_ plan: SyncPlan, userID: String, deviceID: String?, now: String, db: Database) throws {
        guard plan.toSeq > plan.fromSeq else { return }
        for write in plan.writes {
            if let rowID = write.rowID {
                try db.execute(sql: """
                    UPDATE sync_data SET data = coalesce(?, data), checksum = coalesce(?, checksum), version = version + ?, deleted_at = ?,
                        updated_at = ?, seq = ?, device_id = ?
                    WHERE id = ?
                    """, arguments: [write.data, write.checksum, write.writes, write.deleted ? now : nil, now, write.seq, deviceID, rowID])
            } else {
                try db.execute(sql: """
                    INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum, version, deleted_at, created_at, updated_at, seq, device_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [write.newID, userID, write.key.type.rawValue, write.key.id, write.data, write.checksum, write.writes,
                                     write.deleted ? now : nil, now, now, write.seq, deviceID])
            }
        }
        try db.execute(sql: """
            INSERT INTO sync_metadata (user_id, last_seq) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_seq = excluded.last_seq
            """, arguments: [userID, plan.toSeq])
    }

    private func lastSeq(userID: String, db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last_seq FROM sync_metadata WHERE user_id = ?", arguments: [userID]) ?? 0
    }
}
