import DictPostgres
import PostgresNIO

extension PostgresAPIStore {
    package func push(_ request: PushRequest) async throws -> PushResult {
        try await write { session in
            guard try await lockUser(request.userID, session: session) else { throw APIError.userNotFound(id: request.userID) }
            if let key = request.key {
                var find = PostgresStatement()
                let findSQL = """
                    SELECT request_hash, response::text, expires_at FROM idempotency_keys
                    WHERE key = \(find.bind(key.key)) AND user_id = \(find.bind(request.userID))
                    """
                if let row = try await session.query(find.query(findSQL)).first {
                    let (hash, response, expires) = try row.decode((String, String, String).self)
                    if let replay = try request.replay(of: .init(requestHash: hash, response: response, expiresAt: expires)) { return replay }
                    var forget = PostgresStatement()
                    let forgetSQL = "DELETE FROM idempotency_keys WHERE key = \(forget.bind(key.key)) AND user_id = \(forget.bind(request.userID))"
                    try await session.query(forget.query(forgetSQL))
                }
            }
            let plan = SyncPlan(request.changes, against: try await syncState(userID: request.userID, keys: request.keys, session: session))
            try await write(plan, userID: request.userID, deviceID: request.deviceID, now: request.nowText, session: session)
            let result = plan.result
            // Events first: the device count is the number of distinct devices that ever pushed.
            var event = PostgresStatement()
            let eventSQL = """
                INSERT INTO sync_events (id, user_id, device_id, idempotency_key, changes_applied, duplicates_prevented, conflicts,
                                         from_seq, to_seq, created_at)
                VALUES (\(event.bind(APIService.newID())), \(event.bind(request.userID)), \(event.bind(request.deviceID)), \(event.bind(request.key?.key)),
                        \(event.bind(result.applied)), \(event.bind(result.unchanged)), 0, \(event.bind(plan.fromSeq)), \(event.bind(plan.toSeq)),
                        \(event.bind(request.nowText)))
                """
            try await session.query(event.query(eventSQL))
            var meta = PostgresStatement()
            let user = meta.bind(request.userID)
            let metaSQL = """
                INSERT INTO sync_metadata (user_id, last_sync_token, last_sync_time, last_device_id, last_seq, updated_at)
                VALUES (\(user), \(meta.bind(result.syncToken)), \(meta.bind(request.nowText)), \(meta.bind(request.deviceID)),
                        \(meta.bind(plan.toSeq)), \(meta.bind(request.nowText)))
                ON CONFLICT (user_id) DO UPDATE SET
                    last_sync_token = excluded.last_sync_token, last_sync_time = excluded.last_sync_time,
                    last_device_id = coalesce(excluded.last_device_id, sync_metadata.last_device_id), updated_at = excluded.updated_at,
                    device_count = greatest(1, (SELECT count(DISTINCT device_id) FROM sync_events WHERE user_id = \(user)))
                """
            try await session.query(meta.query(metaSQL))
            if let key = request.key {
                let stored = try request.storedResponse(for: result)
                var store = PostgresStatement()
                let storeSQL = """
                    INSERT INTO idempotency_keys (key, user_id, request_hash, response, created_at, expires_at)
                    VALUES (\(store.bind(key.key)), \(store.bind(request.userID)), \(store.bind(key.requestHash)), \(store.bind(stored.response))::jsonb,
                            \(store.bind(stored.createdAt)), \(store.bind(stored.expiresAt)))
                    """
                try await session.query(store.query(storeSQL))
            }
            return result
        }
    }

    package func recordGoalProgress(_ progress: GoalProgress, deviceID: String?) async throws -> GoalProgress {
        try await write { session in
            // Without the user there is no goal either: the lookup below reports it.
            _ = try await lockUser(progress.userID, session: session)
            var find = PostgresStatement()
            let findSQL = """
                SELECT \(PostgresAPIRow.syncColumns) FROM sync_data WHERE user_id = \(find.bind(progress.userID))
                AND entity_type = \(find.bind(SyncEntityType.goal.rawValue)) AND entity_id = \(find.bind(progress.goalID)) AND deleted_at IS NULL
                """
            let goal = try await session.query(find.query(findSQL)).first.map(PostgresAPIRow.sync)
            let change = try APIService.advancedGoal(goal, by: progress)
            var insert = PostgresStatement()
            let insertSQL = """
                INSERT INTO goal_progress (id, user_id, goal_id, value, notes, session_id, recorded_at)
                VALUES (\(insert.bind(progress.id)), \(insert.bind(progress.userID)), \(insert.bind(progress.goalID)), \(insert.bind(progress.value)),
                        \(insert.bind(progress.notes)), \(insert.bind(progress.sessionID)), \(insert.bind(progress.recordedAt)))
                RETURNING \(PostgresAPIRow.progressColumns)
                """
            guard let row = try await session.query(insert.query(insertSQL)).first else {
                throw APIError.goalNotFound(userID: progress.userID, goalID: progress.goalID)
            }
            let plan = SyncPlan([change], against: try await syncState(userID: progress.userID, keys: [change.key], session: session))
            try await write(plan, userID: progress.userID, deviceID: deviceID, now: progress.recordedAt, session: session)
            return try PostgresAPIRow.progress(row)
        }
    }

    /// O(page · log n) via `idx_sync_data_user_seq`. One snapshot: the last change number and the page agree.
    package func changes(userID: String, since: Int64, limit: Int) async throws -> (records: [SyncRecord], lastSeq: Int64) {
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresAPIRow.syncColumns) FROM sync_data WHERE user_id = \(statement.bind(userID)) AND seq > \(statement.bind(since))
            ORDER BY seq LIMIT \(statement.bind(limit + 1))
            """
        return try await snapshot { session in
            try await requireUser(userID, session: session)
            let records = try await session.query(statement.query(sql)).map(PostgresAPIRow.sync)
            return (records, try await lastSeq(userID: userID, session: session))
        }
    }

    package func entities(userID: String, type: SyncEntityType?) async throws -> [SyncRecord] {
        var statement = PostgresStatement()
        let wanted = statement.bind(type?.rawValue)
        let sql = """
            SELECT \(PostgresAPIRow.syncColumns) FROM sync_data
            WHERE user_id = \(statement.bind(userID)) AND deleted_at IS NULL AND (\(wanted)::text IS NULL OR entity_type = \(wanted)::text) ORDER BY seq
            """
        return try await read(statement.query(sql)).map(PostgresAPIRow.sync)
    }

    package func entity(userID: String, type: SyncEntityType, id: String) async throws -> SyncRecord? {
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresAPIRow.syncColumns) FROM sync_data WHERE user_id = \(statement.bind(userID))
            AND entity_type = \(statement.bind(type.rawValue)) AND entity_id = \(statement.bind(id)) AND deleted_at IS NULL
            """
        return try await read(statement.query(sql)).first.map(PostgresAPIRow.sync)
    }

    package func syncStatus(userID: String) async throws -> SyncStatus {
        var statement = PostgresStatement()
        let user = statement.bind(userID)
        let sql = """
            SELECT m.last_sync_token, m.last_sync_time, coalesce(m.last_seq, 0), coalesce(m.device_count, 0),
                   (SELECT count(*) FROM sync_data WHERE user_id = \(user) AND deleted_at IS NULL)
            FROM (SELECT 1) AS one LEFT JOIN sync_metadata AS m ON m.user_id = \(user)
            """
        return try await snapshot { session in
            try await requireUser(userID, session: session)
            guard let row = try await session.query(statement.query(sql)).first else { throw APIError.userNotFound(id: userID) }
            let (token, time, seq, devices, entities) = try row.decode((String?, String?, Int64, Int, Int).self)
            return SyncStatus(userID: userID, lastSyncToken: token, lastSyncTime: time, lastSeq: seq, deviceCount: devices, entityCount: entities)
        }
    }

    package func purgeIdempotencyKeys(expiringBy now: String) async throws -> Int {
        var statement = PostgresStatement()
        let sql = "DELETE FROM idempotency_keys WHERE expires_at <= \(statement.bind(now)) RETURNING 1"
        return try await write { session in try await session.query(statement.query(sql)).count }
    }

    package func goalProgress(userID: String, goalID: String) async throws -> [GoalProgress] {
        var statement = PostgresStatement()
        let sql = """
            SELECT \(PostgresAPIRow.progressColumns) FROM goal_progress WHERE user_id = \(statement.bind(userID)) AND goal_id = \(statement.bind(goalID))
            ORDER BY recorded_at, seq
            """
        return try await read(statement.query(sql)).map(PostgresAPIRow.progress)
    }

    // MARK: Inside a sync write

    /// Takes the user's row lock until the transaction ends (false without the user). `FOR NO KEY UPDATE`
    /// conflicts with itself, so the user's sync writes queue here; after it, each statement (READ COMMITTED) sees
    /// every earlier push of the user, its idempotency record included, and the change numbers commit in order.
    private func lockUser(_ userID: String, session: PostgresSession) async throws -> Bool {
        var statement = PostgresStatement()
        let sql = "SELECT 1 FROM users WHERE id = \(statement.bind(userID)) FOR NO KEY UPDATE"
        return try await !session.query(statement.query(sql)).isEmpty
    }

    private func syncState(userID: String, keys: [SyncKey], session: PostgresSession) async throws -> SyncState {
        var statement = PostgresStatement()
        let sql = """
            SELECT entity_type, entity_id, id, checksum, deleted_at IS NULL FROM sync_data
            WHERE user_id = \(statement.bind(userID))
            AND (entity_type, entity_id) IN (SELECT * FROM unnest(\(statement.bind(keys.map(\.type.rawValue)))::text[], \(statement.bind(keys.map(\.id)))::text[]))
            """
        var rows: [SyncKey: SyncState.Row] = [:]
        for row in try await session.query(statement.query(sql)) {
            let (type, entityID, id, checksum, live) = try row.decode((String, String, String, String, Bool).self)
            let key = SyncKey(type: try APIColumn.enumValue(type, SyncEntityType.self, column: "entity_type", table: "sync_data"), id: entityID)
            rows[key] = SyncState.Row(id: id, checksum: checksum, isLive: live)
        }
        return SyncState(lastSeq: try await lastSeq(userID: userID, session: session), rows: rows)
    }

    private func write(_ plan: SyncPlan, userID: String, deviceID: String?, now: String, session: PostgresSession) async throws {
        guard plan.toSeq > plan.fromSeq else { return }
        for write in plan.writes {
            var statement = PostgresStatement()
            let sql: String
            if let rowID = write.rowID {
                sql = """
                    UPDATE sync_data SET data = coalesce(\(statement.bind(write.data))::jsonb, data), checksum = coalesce(\(statement.bind(write.checksum))::text, checksum),
                        version = version + \(statement.bind(write.writes)), deleted_at = \(statement.bind(write.deleted ? now : nil))::text,
                        updated_at = \(statement.bind(now)), seq = \(statement.bind(write.seq)), device_id = \(statement.bind(deviceID))::text
                    WHERE id = \(statement.bind(rowID))
                    """
            } else {
                sql = """
                    INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum, version, deleted_at, created_at, updated_at, seq, device_id)
                    VALUES (\(statement.bind(write.newID)), \(statement.bind(userID)), \(statement.bind(write.key.type.rawValue)), \(statement.bind(write.key.id)),
                            \(statement.bind(write.data))::jsonb, \(statement.bind(write.checksum))::text, \(statement.bind(write.writes)),
                            \(statement.bind(write.deleted ? now : nil))::text, \(statement.bind(now)), \(statement.bind(now)), \(statement.bind(write.seq)),
                            \(statement.bind(deviceID))::text)
                    """
            }
            try await session.query(statement.query(sql))
        }
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO sync_metadata (user_id, last_seq) VALUES (\(statement.bind(userID)), \(statement.bind(plan.toSeq)))
            ON CONFLICT (user_id) DO UPDATE SET last_seq = excluded.last_seq
            """
        try await session.query(statement.query(sql))
    }

    private func lastSeq(userID: String, session: PostgresSession) async throws -> Int64 {
        var statement = PostgresStatement()
        let sql = "SELECT last_seq FROM sync_metadata WHERE user_id = \(statement.bind(userID))"
        return try await session.query(statement.query(sql)).first?.decode(Int64.self) ?? 0
    }
}
