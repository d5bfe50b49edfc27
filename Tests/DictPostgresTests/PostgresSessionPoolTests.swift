import DictPostgres
import DictTesting
import PostgresNIO
import Testing

/// The pool hands each session to one caller at a time, lets callers wait while all are busy, and takes a session
/// back when its caller throws. (A session that never comes back leaves callers waiting forever, so the waits here
/// are bounded and reported instead.)
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresSessionPoolTests {
    struct Thrown: Error {}

    /// Polls `done` for up to five seconds.
    static func wait(for done: Locked<Bool>) async throws -> Bool {
        for _ in 0..<500 where !done.value { try await Task.sleep(for: .milliseconds(10)) }
        return done.value
    }

    @Test func eachSessionServesOneCallerAtATime() async throws {
        try await PostgresTestDatabase.with { database in
            var sessions: [PostgresSession] = []
            for _ in 0..<2 { sessions.append(try await database.session()) }
            let pool = PostgresSessionPool(sessions)
            let busy = Locked<[ObjectIdentifier: Int]>([:])
            let most = Locked(0)
            let callersDone = Locked(false)
            Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<12 {
                        group.addTask {
                            do {
                                try await pool.withSession { session in
                                    let key = ObjectIdentifier(session)
                                    busy.update { $0[key, default: 0] += 1 }
                                    most.update { $0 = max($0, busy.value.values.max() ?? 0) }
                                    // A statement that takes a while, so the other callers queue meanwhile.
                                    try await session.execute("SELECT pg_sleep(0.02)")
                                    busy.update { $0[key, default: 0] -= 1 }
                                    if task.isMultiple(of: 3) { throw Thrown() }
                                }
                            } catch is Thrown {}
                        }
                    }
                    try await group.waitForAll()
                }
                callersDone.update { $0 = true }
            }
            #expect(try await Self.wait(for: callersDone), "callers still waiting: a session did not come back")
            #expect(most.value == 1, "a session served two callers at once")

            // A caller holding one session gets the other.
            let distinct = Locked(false)
            let nestedDone = Locked(false)
            Task {
                let different = try await pool.withSession { outer in
                    try await pool.withSession { inner in ObjectIdentifier(outer) != ObjectIdentifier(inner) }
                }
                distinct.update { $0 = different }
                nestedDone.update { $0 = true }
            }
            #expect(try await Self.wait(for: nestedDone) && distinct.value, "the two sessions were not both free")
            for session in sessions { await session.close() }
        }
    }
}
