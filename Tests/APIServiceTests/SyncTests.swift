import DictMigrations
import DictStore
import DictTesting
import Foundation
import Testing
@testable import APIService

@Suite struct SyncTests {
    /// A simulated client: its local copy of the user's entities and the last token it pulled to.
    struct Device {
        let id: String
        var local: [String: JSONValue] = [:]
        var token = ""
        var seenSeqs: [Int64] = []

        mutating func pull(_ service: APIService, userID: String) async throws {
            repeat {
                let page = try await service.changes(userID: userID, since: token, limit: 3)
                for record in page.changes {
                    let key = "\(record.entityType.rawValue)/\(record.entityID)"
                    local[key] = record.deletedAt == nil ? record.data : nil
                    seenSeqs.append(record.seq)
                }
                token = page.syncToken
                if !page.hasMore { break }
            } while true
        }
    }

    /// The user's live entities as `type/id` → data.
    static func server(_ service: APIService, _ userID: String) async throws -> [String: JSONValue] {
        var server: [String: JSONValue] = [:]
        for record in try await service.entities(userID: userID) { server["\(record.entityType.rawValue)/\(record.entityID)"] = record.data }
        return server
    }

    @Test(arguments: TestEngine.available)
    func twoDevicesPushingInterleavedChangesConverge(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "two@example.com")
            let seed = UInt64.random(in: 1...UInt64.max)
            print("twoDevicesPushingInterleavedChangesConverge(\(engine)) seed: \(seed)")
            var random = SeededGenerator(seed: seed)
            var devices = [Device(id: "phone"), Device(id: "laptop")]
            let ids = (0..<6).map { "entry-\($0)" }
            for step in 0..<60 {
                let which = Int.random(in: 0...1, using: &random)
                if Bool.random(using: &random) {
                    try await devices[which].pull(service, userID: user.id)
                    continue
                }
                var changes: [SyncChange] = []
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let id = ids.randomElement(using: &random) ?? "entry-0"
                    let key = "logbook_entry/\(id)"
                    if Int.random(in: 0..<4, using: &random) == 0 {
                        changes.append(.delete(.logbookEntry, id))
                        devices[which].local[key] = nil
                    } else {
                        let data: JSONValue = .object(["minutes": .number(Double(Int.random(in: 1...3, using: &random) * 10)),
                                                    "note": .string("step \(step % 3)")])
                        changes.append(.upsert(.logbookEntry, id, data))
                        devices[which].local[key] = data
                    }
                }
                _ = try await service.push(userID: user.id, changes: changes, deviceID: devices[which].id, idempotencyKey: "push-\(step)")
            }
            for index in devices.indices { try await devices[index].pull(service, userID: user.id) }

            let server = try await Self.server(service, user.id)
            #expect(devices[0].local == server, "seed \(seed)")
            #expect(devices[1].local == server, "seed \(seed)")
            for device in devices {
                // Exactly once: every change number a device received is new and larger than the previous one.
                #expect(device.seenSeqs == device.seenSeqs.sorted() && Set(device.seenSeqs).count == device.seenSeqs.count, "seed \(seed)")
            }
            let status = try await service.syncStatus(userID: user.id)
            #expect(status.deviceCount == 2)
            #expect(status.entityCount == server.count)
        }
    }

    /// Two pushers and a puller at once (SQLite: a WAL file; PostgreSQL: one connection each).
    @Test(arguments: TestEngine.available.filter { $0 != .memory })
    func pullsDuringConcurrentPushesMissNothing(engine: TestEngine) async throws {
        try await engine.withService(sessions: 3) { service, _ in
            let user = try await service.createUser(email: "race@example.com")
            let seed = UInt64.random(in: 1...UInt64.max)
            print("pullsDuringConcurrentPushesMissNothing(\(engine)) seed: \(seed)")
            let observer = try await withThrowingTaskGroup(of: Device?.self) { group in
                for pusher in 0..<2 {
                    group.addTask {
                        var random = SeededGenerator(seed: seed &+ UInt64(pusher))
                        for step in 0..<40 {
                            let id = "entry-\(Int.random(in: 0..<5, using: &random))"
                            let change: SyncChange = Int.random(in: 0..<5, using: &random) == 0
                                ? .delete(.logbookEntry, id)
                                : .upsert(.logbookEntry, id, .object(["by": .number(Double(pusher)), "step": .number(Double(step))]))
                            _ = try await service.push(userID: user.id, changes: [change], deviceID: "pusher-\(pusher)")
                        }
                        return nil
                    }
                }
                group.addTask {
                    var device = Device(id: "observer")
                    for _ in 0..<30 { try await device.pull(service, userID: user.id) }
                    return device
                }
                var observer: Device?
                for try await result in group { if let result { observer = result } }
                return observer
            }
            guard var device = observer else { Issue.record("observer did not finish"); return }
            try await device.pull(service, userID: user.id)
            #expect(device.local == (try await Self.server(service, user.id)), "seed \(seed)")
            #expect(device.seenSeqs == device.seenSeqs.sorted() && Set(device.seenSeqs).count == device.seenSeqs.count, "seed \(seed)")
        }
    }

    @Test(arguments: TestEngine.available)
    func unchangedChecksumIsANoOpAndTakesNoSequence(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "same@example.com")
            let goal: JSONValue = .object(["title": .string("Scales"), "targetValue": .number(100)])
            let first = try await service.push(userID: user.id, changes: [.upsert(.goal, "g1", goal)])
            #expect(first.applied == 1 && first.syncToken == "1")
            let reordered = try JSONValue.parse(#"{"targetValue": 100.0, "title": "Scales"}"#)
            let second = try await service.push(userID: user.id, changes: [.upsert(.goal, "g1", reordered)])
            #expect(second.applied == 0 && second.unchanged == 1 && second.syncToken == "1")
            #expect(try await service.entity(userID: user.id, type: .goal, id: "g1")?.version == 1)
        }
    }

    @Test("One change set naming an entity several times stores what applying the changes one by one stores", arguments: TestEngine.available)
    func repeatedEntityInOneSet(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "again@example.com")
            _ = try await service.push(userID: user.id, changes: [.upsert(.goal, "kept", .object(["v": .number(1)]))])
            let result = try await service.push(userID: user.id, changes: [
                .upsert(.goal, "new", .object(["v": .number(1)])),     // 2
                .upsert(.goal, "kept", .object(["v": .number(2)])),    // 3
                .upsert(.goal, "new", .object(["v": .number(1)])),     // unchanged: the set wrote it already
                .delete(.goal, "new"),                                 // 4
                .upsert(.goal, "kept", .object(["v": .number(3)])),    // 5
                .delete(.goal, "new"),                                 // unchanged: deleted already
                .upsert(.goal, " gone ", .object(["v": .number(1)])),  // 6, id trimmed
                .delete(.goal, "gone"),                                // 7
                .upsert(.goal, "gone", .object(["v": .number(9)])),    // 8: revived
            ])
            #expect(result == PushResult(syncToken: "8", applied: 7, unchanged: 2, deleted: 2, replayed: false))
            let pulled = try await service.changes(userID: user.id, since: "1")
            #expect(pulled.changes.map { "\($0.entityID) v\($0.version) #\($0.seq) \($0.deletedAt == nil ? "live" : "deleted")" }
                    == ["new v2 #4 deleted", "kept v3 #5 live", "gone v3 #8 live"])
            #expect(pulled.changes.map(\.data) == [.object(["v": .number(1)]), .object(["v": .number(3)]), .object(["v": .number(9)])])
            #expect(pulled.syncToken == "8" && !pulled.hasMore)
            let status = try await service.syncStatus(userID: user.id)
            #expect(status.lastSeq == 8 && status.lastSyncToken == "8" && status.entityCount == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func idempotencyKeyReplaysAndRefusesConflictingReuse(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "idem@example.com")
            let changes: [SyncChange] = [.upsert(.logbookEntry, "e1", .object(["minutes": .number(30), "timestamp": .string("t1")]))]
            let original = try await service.push(userID: user.id, changes: changes, deviceID: "d", idempotencyKey: "k-1")
            #expect(!original.replayed)
            // Same body (a different `timestamp` member is ignored by the request hash): the stored response.
            let retried: [SyncChange] = [.upsert(.logbookEntry, "e1", .object(["minutes": .number(30), "timestamp": .string("t2")]))]
            let replay = try await service.push(userID: user.id, changes: retried, deviceID: "d", idempotencyKey: "k-1")
            #expect(replay.replayed)
            var unflagged = replay
            unflagged.replayed = false
            #expect(unflagged == original)
            #expect(try await service.changes(userID: user.id, since: nil).changes.count == 1)

            let different: [SyncChange] = [.upsert(.logbookEntry, "e1", .object(["minutes": .number(45)]))]
            await #expect(throws: APIError.idempotencyConflict(key: "k-1", userID: user.id)) {
                try await service.push(userID: user.id, changes: different, deviceID: "d", idempotencyKey: "k-1")
            }
            // Keys are per user.
            let other = try await service.createUser(email: "other@example.com")
            #expect(!(try await service.push(userID: other.id, changes: different, idempotencyKey: "k-1")).replayed)

            // After expiry the key is forgotten: purged, and reusable for a new request.
            let later = Date().addingTimeInterval(service.idempotencyTTL + 60)
            #expect(try await service.purgeExpiredIdempotencyKeys(now: later) == 2)
            let fresh = try await service.push(userID: user.id, changes: different, deviceID: "d", idempotencyKey: "k-1", now: later)
            #expect(!fresh.replayed && fresh.applied == 1)
            // An expired key met by a push (not purged first) is forgotten too.
            let muchLater = later.addingTimeInterval(service.idempotencyTTL + 60)
            let afterExpiry = try await service.push(userID: user.id, changes: changes, deviceID: "d", idempotencyKey: "k-1", now: muchLater)
            #expect(!afterExpiry.replayed && afterExpiry.applied == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func softDeletedEntitiesVanishFromReadsButAppearInChanges(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "del@example.com")
            _ = try await service.push(userID: user.id, changes: [
                .upsert(.goal, "g1", .object(["title": .string("A")])),
                .upsert(.goal, "g2", .object(["title": .string("B")])),
            ])
            let before = try await service.changes(userID: user.id, since: nil)
            let deletion = try await service.push(userID: user.id, changes: [.delete(.goal, "g1"), .delete(.goal, "missing")])
            #expect(deletion.applied == 1 && deletion.deleted == 1 && deletion.unchanged == 1)
            #expect(try await service.entity(userID: user.id, type: .goal, id: "g1") == nil)
            #expect(try await service.goals(userID: user.id).map(\.entityID) == ["g2"])
            let since = try await service.changes(userID: user.id, since: before.syncToken)
            #expect(since.changes.map(\.entityID) == ["g1"])
            #expect(since.changes.first?.deletedAt != nil)
            // Deleting again is a no-op; re-creating revives the entity with a new change number.
            #expect(try await service.push(userID: user.id, changes: [.delete(.goal, "g1")]).applied == 0)
            _ = try await service.push(userID: user.id, changes: [.upsert(.goal, "g1", .object(["title": .string("A again")]))])
            #expect(try await service.entity(userID: user.id, type: .goal, id: "g1")?.version == 3)
            await #expect(throws: APIError.invalidSyncToken(token: "abc")) { try await service.changes(userID: user.id, since: "abc") }
            await #expect(throws: APIError.userNotFound(id: "nobody")) { try await service.changes(userID: "nobody", since: nil) }
            await #expect(throws: APIError.userNotFound(id: "nobody")) { try await service.push(userID: "nobody", changes: []) }
        }
    }

    @Test(arguments: TestEngine.available)
    func abortedPushLeavesNoPartialChangeSet(engine: TestEngine) async throws {
        try await engine.withService { service, database in
            let user = try await service.createUser(email: "abort@example.com")
            _ = try await service.push(userID: user.id, changes: [.upsert(.goal, "kept", .object(["v": .number(1)]))])
            let snapshot = try await Self.snapshot(database, user.id)

            // Hostile input in the third change (no key, so no up-front request hash).
            let poisoned: [SyncChange] = [
                .upsert(.goal, "a", .object(["v": .number(1)])),
                .upsert(.goal, "kept", .object(["v": .number(2)])),
                .upsert(.goal, "b", .object(["v": .number(.infinity)])),
            ]
            await #expect(throws: APIError.self) { try await service.push(userID: user.id, changes: poisoned) }
            #expect(try await Self.snapshot(database, user.id) == snapshot)
            await #expect(throws: APIError.self) { try await service.push(userID: user.id, changes: poisoned, idempotencyKey: "abort-1") }
            #expect(try await Self.snapshot(database, user.id) == snapshot)

            // A failure inside the database itself, mid-way: a trigger aborts the third row's insert after the first two
            // rows were written inside the transaction.
            if database.isPostgres {
                try await database.execute("""
                    CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.entity_id = 'boom' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END; $$
                    """)
                try await database.execute("CREATE TRIGGER fail_on_boom BEFORE INSERT ON sync_data FOR EACH ROW EXECUTE FUNCTION fail_on_boom()")
            } else {
                try await database.execute("""
                    CREATE TRIGGER fail_on_boom BEFORE INSERT ON sync_data WHEN NEW.entity_id = 'boom'
                    BEGIN SELECT RAISE(ABORT, 'simulated crash'); END
                    """)
            }
            let crashing: [SyncChange] = [
                .upsert(.goal, "c", .object(["v": .number(1)])),
                .delete(.goal, "kept"),
                .upsert(.goal, "boom", .object(["v": .number(1)])),
            ]
            await #expect(throws: (any Error).self) { try await service.push(userID: user.id, changes: crashing, idempotencyKey: "abort-2") }
            #expect(try await Self.snapshot(database, user.id) == snapshot)
            // Nothing remembered the failed key: the same request succeeds once the cause is gone.
            try await database.execute(database.isPostgres ? "DROP TRIGGER fail_on_boom ON sync_data" : "DROP TRIGGER fail_on_boom")
            let retried = try await service.push(userID: user.id, changes: crashing, idempotencyKey: "abort-2")
            #expect(retried.applied == 3 && !retried.replayed)
        }
    }

    @Test(arguments: TestEngine.available)
    func goalProgressUpdatesTheSyncedGoal(engine: TestEngine) async throws {
        try await engine.withService { service, _ in
            let user = try await service.createUser(email: "goal@example.com")
            _ = try await service.push(userID: user.id, changes: [
                .upsert(.goal, "g", .object(["title": .string("Practice"), "targetValue": .number(60), "status": .string("active")])),
            ])
            let token = try await service.syncStatus(userID: user.id).lastSyncToken
            let first = try await service.recordGoalProgress(userID: user.id, goalID: "g", value: 25, notes: "scales", sessionID: "s1")
            #expect(first.notes == "scales" && first.sessionID == "s1" && first.value == 25)
            _ = try await service.recordGoalProgress(userID: user.id, goalID: "g", value: 40, deviceID: "tablet")
            #expect(try await service.goalProgress(userID: user.id, goalID: "g").map(\.value) == [25, 40])
            let goal = try await service.entity(userID: user.id, type: .goal, id: "g")
            #expect(goal?.data["currentValue"] == .number(65))
            #expect(goal?.data["status"] == .string("completed"))
            #expect(goal?.version == 3 && goal?.seq == 3 && goal?.deviceID == "tablet")
            #expect(try await service.changes(userID: user.id, since: token).changes.map(\.entityID) == ["g"])
            #expect(try await service.syncStatus(userID: user.id).lastSeq == 3)
            await #expect(throws: APIError.goalNotFound(userID: user.id, goalID: "nope")) {
                try await service.recordGoalProgress(userID: user.id, goalID: "nope", value: 1)
            }
            await #expect(throws: APIError.goalNotFound(userID: "nobody", goalID: "g")) {
                try await service.recordGoalProgress(userID: "nobody", goalID: "g", value: 1)
            }
            await #expect(throws: APIError.self) { try await service.recordGoalProgress(userID: user.id, goalID: "g", value: .nan) }
            #expect(try await service.goalProgress(userID: user.id, goalID: "g").count == 2)
        }
    }

    /// Everything a push can touch, for before/after comparison.
    static func snapshot(_ database: TestEngineDatabase, _ userID: String) async throws -> [String] {
        try await database.strings("""
            SELECT entity_id || '|' || checksum || '|' || seq || '|' || coalesce(deleted_at, '') FROM sync_data WHERE user_id = '\(userID)'
            UNION ALL SELECT 'meta|' || last_seq || '|' || coalesce(last_sync_token, '') FROM sync_metadata WHERE user_id = '\(userID)'
            UNION ALL SELECT 'key|' || key FROM idempotency_keys WHERE user_id = '\(userID)'
            UNION ALL SELECT 'event|' || id FROM sync_events WHERE user_id = '\(userID)'
            ORDER BY 1
            """)
    }
}
