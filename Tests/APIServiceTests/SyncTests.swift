import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import APIService

@Suite struct SyncTests {
    /// A simulated client: its local copy of the user's entities and the last token it pulled to.
    struct Device {
        let id: String
        var local: [String: JSONValue] = [:]
        var token = ""
        var seenSeqs: [Int64] = []

        mutating func pull(_ service: APIService, userID: String) throws {
            repeat {
                let page = try service.changes(userID: userID, since: token, limit: 3)
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

    @Test(arguments: DatabaseKind.allCases)
    func twoDevicesPushingInterleavedChangesConverge(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.api)
        defer { withExtendedLifetime(directory) {} }
        let service = APIService(database: database)
        let user = try service.createUser(email: "two@example.com")
        let seed = UInt64.random(in: 1...UInt64.max)
        print("twoDevicesPushingInterleavedChangesConverge seed: \(seed)")
        var random = SeededGenerator(seed: seed)
        var devices = [Device(id: "phone"), Device(id: "laptop")]
        let ids = (0..<6).map { "entry-\($0)" }
        for step in 0..<60 {
            let which = Int.random(in: 0...1, using: &random)
            if Bool.random(using: &random) {
                try devices[which].pull(service, userID: user.id)
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
            _ = try service.push(userID: user.id, changes: changes, deviceID: devices[which].id, idempotencyKey: "push-\(step)")
        }
        for index in devices.indices { try devices[index].pull(service, userID: user.id) }

        var server: [String: JSONValue] = [:]
        for record in try service.entities(userID: user.id) { server["\(record.entityType.rawValue)/\(record.entityID)"] = record.data }
        #expect(devices[0].local == server, "seed \(seed)")
        #expect(devices[1].local == server, "seed \(seed)")
        for device in devices {
            // Exactly once: every change number a device received is new and larger than the previous one.
            #expect(device.seenSeqs == device.seenSeqs.sorted() && Set(device.seenSeqs).count == device.seenSeqs.count, "seed \(seed)")
        }
        let status = try service.syncStatus(userID: user.id)
        #expect(status.deviceCount == 2)
        #expect(status.entityCount == server.count)
    }

    @Test func pullsDuringConcurrentPushesMissNothing() async throws {
        let (database, directory) = try DatabaseKind.file.open(.api)
        let service = APIService(database: database)
        let user = try service.createUser(email: "race@example.com")
        let seed = UInt64.random(in: 1...UInt64.max)
        print("pullsDuringConcurrentPushesMissNothing seed: \(seed)")
        let observer = try await withThrowingTaskGroup(of: Device?.self) { group in
            for pusher in 0..<2 {
                group.addTask {
                    var random = SeededGenerator(seed: seed &+ UInt64(pusher))
                    for step in 0..<40 {
                        let id = "entry-\(Int.random(in: 0..<5, using: &random))"
                        let change: SyncChange = Int.random(in: 0..<5, using: &random) == 0
                            ? .delete(.logbookEntry, id)
                            : .upsert(.logbookEntry, id, .object(["by": .number(Double(pusher)), "step": .number(Double(step))]))
                        _ = try service.push(userID: user.id, changes: [change], deviceID: "pusher-\(pusher)")
                    }
                    return nil
                }
            }
            group.addTask {
                var device = Device(id: "observer")
                for _ in 0..<30 { try device.pull(service, userID: user.id) }
                return device
            }
            var observer: Device?
            for try await result in group { if let result { observer = result } }
            return observer
        }
        guard var device = observer else { Issue.record("observer did not finish"); return }
        try device.pull(service, userID: user.id)
        var server: [String: JSONValue] = [:]
        for record in try service.entities(userID: user.id) { server["\(record.entityType.rawValue)/\(record.entityID)"] = record.data }
        #expect(device.local == server, "seed \(seed)")
        #expect(device.seenSeqs == device.seenSeqs.sorted() && Set(device.seenSeqs).count == device.seenSeqs.count, "seed \(seed)")
        withExtendedLifetime(directory) {}
    }

    @Test func unchangedChecksumIsANoOpAndTakesNoSequence() throws {
        let service = try APIService.open(dataDirectory: ":memory:")
        let user = try service.createUser(email: "same@example.com")
        let goal: JSONValue = .object(["title": .string("Scales"), "targetValue": .number(100)])
        let first = try service.push(userID: user.id, changes: [.upsert(.goal, "g1", goal)])
        #expect(first.applied == 1 && first.syncToken == "1")
        let reordered = try JSONValue.parse(#"{"targetValue": 100.0, "title": "Scales"}"#)
        let second = try service.push(userID: user.id, changes: [.upsert(.goal, "g1", reordered)])
        #expect(second.applied == 0 && second.unchanged == 1 && second.syncToken == "1")
        #expect(try service.entity(userID: user.id, type: .goal, id: "g1")?.version == 1)
    }

    @Test(arguments: DatabaseKind.allCases)
    func idempotencyKeyReplaysAndRefusesConflictingReuse(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.api)
        defer { withExtendedLifetime(directory) {} }
        let service = APIService(database: database)
        let user = try service.createUser(email: "idem@example.com")
        let changes: [SyncChange] = [.upsert(.logbookEntry, "e1", .object(["minutes": .number(30), "timestamp": .string("t1")]))]
        let original = try service.push(userID: user.id, changes: changes, deviceID: "d", idempotencyKey: "k-1")
        #expect(!original.replayed)
        // Same body (a different `timestamp` member is ignored by the request hash): the stored response.
        let retried: [SyncChange] = [.upsert(.logbookEntry, "e1", .object(["minutes": .number(30), "timestamp": .string("t2")]))]
        let replay = try service.push(userID: user.id, changes: retried, deviceID: "d", idempotencyKey: "k-1")
        #expect(replay.replayed)
        var unflagged = replay
        unflagged.replayed = false
        #expect(unflagged == original)
        #expect(try service.changes(userID: user.id, since: nil).changes.count == 1)

        let different: [SyncChange] = [.upsert(.logbookEntry, "e1", .object(["minutes": .number(45)]))]
        #expect(throws: APIError.idempotencyConflict(key: "k-1", userID: user.id)) {
            try service.push(userID: user.id, changes: different, deviceID: "d", idempotencyKey: "k-1")
        }
        // Keys are per user.
        let other = try service.createUser(email: "other@example.com")
        #expect(!(try service.push(userID: other.id, changes: different, idempotencyKey: "k-1")).replayed)

        // After expiry the key is forgotten: purged, and reusable for a new request.
        let later = Date().addingTimeInterval(service.idempotencyTTL + 60)
        #expect(try service.purgeExpiredIdempotencyKeys(now: later) == 2)
        let fresh = try service.push(userID: user.id, changes: different, deviceID: "d", idempotencyKey: "k-1", now: later)
        #expect(!fresh.replayed && fresh.applied == 1)
    }

    @Test(arguments: DatabaseKind.allCases)
    func softDeletedEntitiesVanishFromReadsButAppearInChanges(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.api)
        defer { withExtendedLifetime(directory) {} }
        let service = APIService(database: database)
        let user = try service.createUser(email: "del@example.com")
        _ = try service.push(userID: user.id, changes: [
            .upsert(.goal, "g1", .object(["title": .string("A")])),
            .upsert(.goal, "g2", .object(["title": .string("B")])),
        ])
        let before = try service.changes(userID: user.id, since: nil)
        let deletion = try service.push(userID: user.id, changes: [.delete(.goal, "g1"), .delete(.goal, "missing")])
        #expect(deletion.applied == 1 && deletion.deleted == 1 && deletion.unchanged == 1)
        #expect(try service.entity(userID: user.id, type: .goal, id: "g1") == nil)
        #expect(try service.goals(userID: user.id).map(\.entityID) == ["g2"])
        let since = try service.changes(userID: user.id, since: before.syncToken)
        #expect(since.changes.map(\.entityID) == ["g1"])
        #expect(since.changes.first?.deletedAt != nil)
        // Deleting again is a no-op; re-creating revives the entity with a new change number.
        #expect(try service.push(userID: user.id, changes: [.delete(.goal, "g1")]).applied == 0)
        _ = try service.push(userID: user.id, changes: [.upsert(.goal, "g1", .object(["title": .string("A again")]))])
        #expect(try service.entity(userID: user.id, type: .goal, id: "g1")?.version == 3)
        #expect(throws: APIError.invalidSyncToken(token: "abc")) { try service.changes(userID: user.id, since: "abc") }
    }

    @Test(arguments: DatabaseKind.allCases)
    func abortedPushLeavesNoPartialChangeSet(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.api)
        defer { withExtendedLifetime(directory) {} }
        let service = APIService(database: database)
        let user = try service.createUser(email: "abort@example.com")
        _ = try service.push(userID: user.id, changes: [.upsert(.goal, "kept", .object(["v": .number(1)]))])
        let snapshot = try snapshot(service, user.id)

        // Hostile input in the third change, found only when it is reached (no key, so no up-front request hash):
        // the first two were already written inside the transaction.
        let poisoned: [SyncChange] = [
            .upsert(.goal, "a", .object(["v": .number(1)])),
            .upsert(.goal, "kept", .object(["v": .number(2)])),
            .upsert(.goal, "b", .object(["v": .number(.infinity)])),
        ]
        #expect(throws: APIError.self) { try service.push(userID: user.id, changes: poisoned) }
        #expect(try self.snapshot(service, user.id) == snapshot)
        #expect(throws: APIError.self) { try service.push(userID: user.id, changes: poisoned, idempotencyKey: "abort-1") }
        #expect(try self.snapshot(service, user.id) == snapshot)

        // A failure inside SQLite itself, mid-way: a temporary trigger on the writer connection aborts the third insert.
        try service.database.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER fail_on_boom BEFORE INSERT ON sync_data WHEN NEW.entity_id = 'boom'
                BEGIN SELECT RAISE(ABORT, 'simulated crash'); END
                """)
        }
        let crashing: [SyncChange] = [
            .upsert(.goal, "c", .object(["v": .number(1)])),
            .delete(.goal, "kept"),
            .upsert(.goal, "boom", .object(["v": .number(1)])),
        ]
        #expect(throws: DatabaseError.self) { try service.push(userID: user.id, changes: crashing, idempotencyKey: "abort-2") }
        #expect(try self.snapshot(service, user.id) == snapshot)
        // Nothing remembered the failed key: the same request succeeds once the cause is gone.
        try service.database.write { db in try db.execute(sql: "DROP TRIGGER temp.fail_on_boom") }
        let retried = try service.push(userID: user.id, changes: crashing, idempotencyKey: "abort-2")
        #expect(retried.applied == 3 && !retried.replayed)
    }

    @Test func goalProgressUpdatesTheSyncedGoal() throws {
        let service = try APIService.open(dataDirectory: ":memory:")
        let user = try service.createUser(email: "goal@example.com")
        _ = try service.push(userID: user.id, changes: [
            .upsert(.goal, "g", .object(["title": .string("Practice"), "targetValue": .number(60), "status": .string("active")])),
        ])
        let token = try service.syncStatus(userID: user.id).lastSyncToken
        _ = try service.recordGoalProgress(userID: user.id, goalID: "g", value: 25, notes: "scales", sessionID: "s1")
        _ = try service.recordGoalProgress(userID: user.id, goalID: "g", value: 40)
        #expect(try service.goalProgress(userID: user.id, goalID: "g").map(\.value) == [25, 40])
        let goal = try service.entity(userID: user.id, type: .goal, id: "g")
        #expect(goal?.data["currentValue"] == .number(65))
        #expect(goal?.data["status"] == .string("completed"))
        #expect(try service.changes(userID: user.id, since: token).changes.map(\.entityID) == ["g"])
        #expect(throws: APIError.goalNotFound(userID: user.id, goalID: "nope")) {
            try service.recordGoalProgress(userID: user.id, goalID: "nope", value: 1)
        }
        #expect(throws: APIError.self) { try service.recordGoalProgress(userID: user.id, goalID: "g", value: .nan) }
    }

    /// Everything a push can touch, for before/after comparison.
    private func snapshot(_ service: APIService, _ userID: String) throws -> [String] {
        try service.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT entity_id || '|' || checksum || '|' || seq || '|' || coalesce(deleted_at, '') FROM sync_data WHERE user_id = ?
                UNION ALL SELECT 'meta|' || last_seq || '|' || coalesce(last_sync_token, '') FROM sync_metadata WHERE user_id = ?
                UNION ALL SELECT 'key|' || key FROM idempotency_keys WHERE user_id = ?
                UNION ALL SELECT 'event|' || id FROM sync_events WHERE user_id = ?
                ORDER BY 1
                """, arguments: [userID, userID, userID, userID])
        }
    }
}
