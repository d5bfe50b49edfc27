import DictStore
import DictTesting
import Foundation
import Testing
@testable import APIService

/// PostgreSQL has no single writer: pushes of one user arrive on several connections at once, and the user's row
/// lock must make them take change numbers one after the other and see each other's idempotency records.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresSyncConcurrencyTests {
    @Test("Concurrent pushes to one user on four connections: change numbers dense and unique, each keyed push applied once")
    func concurrentPushesTakeDenseSequencesAndApplyEachKeyOnce() async throws {
        let keys = 40
        try await TestEngine.postgres.withService(sessions: 4) { service, database in
            let user = try await service.createUser(email: "crowd@example.com")
            // Every keyed request is sent by two connections at about the same time (pushers 0 and 1 send the even
            // keys, 2 and 3 the odd ones, in the same order): one applies it, the other must replay its result.
            let results = try await withThrowingTaskGroup(of: [(Int, PushResult)].self) { group in
                for pusher in 0..<4 {
                    group.addTask {
                        var results: [(Int, PushResult)] = []
                        for key in stride(from: pusher / 2, to: keys, by: 2) {
                            let changes: [SyncChange] = [
                                .upsert(.logbookEntry, "entry-\(key)", .object(["key": .number(Double(key))])),
                                .upsert(.goal, "shared", .object(["last": .number(Double(key))])),
                            ]
                            results.append((key, try await service.push(userID: user.id, changes: changes, deviceID: "device-\(pusher / 2)",
                                                                       idempotencyKey: "key-\(key)")))
                        }
                        return results
                    }
                }
                var all: [(Int, PushResult)] = []
                for try await results in group { all += results }
                return all
            }

            let applied = results.filter { !$0.1.replayed }
            let replayed = results.filter { $0.1.replayed }
            #expect(applied.count == keys && replayed.count == keys)
            #expect(Set(applied.map(\.0)).count == keys, "a key was applied twice")
            for (key, replay) in replayed {
                var unflagged = replay
                unflagged.replayed = false
                #expect(applied.first { $0.0 == key }?.1 == unflagged, "key-\(key) replayed another result")
            }
            // Each applied push wrote both changes (the shared goal's data differs per key), so the tokens are
            // 2, 4, …, 2 × keys, each handed out once.
            #expect(applied.allSatisfy { $0.1.applied == 2 && $0.1.unchanged == 0 })
            #expect(applied.map { Int($0.1.syncToken) ?? -1 }.sorted() == Array(stride(from: 2, through: 2 * keys, by: 2)))

            // The recorded pushes chain without gaps or overlaps from 0 to the last change number.
            let events = try await database.strings("SELECT from_seq || ' ' || to_seq FROM sync_events WHERE user_id = '\(user.id)' ORDER BY from_seq")
            #expect(events == (0..<keys).map { "\(2 * $0) \(2 * $0 + 2)" })
            let status = try await service.syncStatus(userID: user.id)
            #expect(status.lastSeq == Int64(2 * keys) && status.entityCount == keys + 1 && status.deviceCount == 2)

            // A pull sees every entity once, in change order; the shared goal holds the last applied key's value.
            let pull = try await service.changes(userID: user.id, since: nil, limit: 1_000)
            #expect(pull.changes.count == keys + 1 && pull.syncToken == String(2 * keys))
            #expect(pull.changes.map(\.seq) == pull.changes.map(\.seq).sorted() && Set(pull.changes.map(\.seq)).count == pull.changes.count)
            let last = applied.max { Int($0.1.syncToken) ?? 0 < Int($1.1.syncToken) ?? 0 }?.0
            #expect(try await service.entity(userID: user.id, type: .goal, id: "shared")?.data["last"] == .number(Double(last ?? -1)))
            #expect(try await service.entity(userID: user.id, type: .goal, id: "shared")?.version == keys)
        }
    }

    @Test("Concurrent goal progress on one goal adds every value once (each a new total, so each a new version)")
    func concurrentGoalProgressAddsEveryValue() async throws {
        try await TestEngine.postgres.withService(sessions: 4) { service, _ in
            let user = try await service.createUser(email: "goals@example.com")
            _ = try await service.push(userID: user.id, changes: [.upsert(.goal, "g", .object(["targetValue": .number(1_000)]))])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        for step in 0..<10 { _ = try await service.recordGoalProgress(userID: user.id, goalID: "g", value: Double(worker * 10 + step + 1)) }
                    }
                }
                try await group.waitForAll()
            }
            let goal = try await service.entity(userID: user.id, type: .goal, id: "g")
            #expect(goal?.data["currentValue"] == .number(Double((1...40).reduce(0, +))))
            #expect(goal?.version == 41 && goal?.seq == 41)
            #expect(try await service.goalProgress(userID: user.id, goalID: "g").count == 40)
        }
    }

    @Test("Creating one e-mail on several connections at once: one user, the others refused as taken")
    func concurrentUserCreationKeepsEmailsUnique() async throws {
        try await TestEngine.postgres.withService(sessions: 4) { service, _ in
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for attempt in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await service.createUser(email: attempt % 2 == 0 ? "same@example.com" : "SAME@example.com")
                            return "created"
                        } catch APIError.emailTaken {
                            return "taken"
                        }
                    }
                }
                var outcomes: [String] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1 && outcomes.filter { $0 == "taken" }.count == 7)
        }
    }
}
