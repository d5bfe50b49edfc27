/// A fixed set of sessions handed out one operation at a time: a transaction needs its connection to itself
/// (statements of two tasks on one connection would interleave inside each other's `BEGIN … COMMIT`), so a store
/// that several tasks share runs each operation on a session of its own, waiting while all are busy. The pool
/// does not own its sessions' lifetimes: whoever opened them closes them.
package actor PostgresSessionPool {
    private var idle: [PostgresSession]
    private var waiting: [CheckedContinuation<PostgresSession, Never>] = []

    /// A pool of `sessions` (at least one).
    package init(_ sessions: [PostgresSession]) {
        precondition(!sessions.isEmpty, "a session pool needs a session")
        idle = sessions
    }

    /// Runs `body` with a session no other caller uses meanwhile, then hands the session back (also when `body`
    /// throws). Callers wait in arrival order.
    package nonisolated func withSession<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        let session = await checkOut()
        do {
            let value = try await body(session)
            await checkIn(session)
            return value
        } catch {
            await checkIn(session)
            throw error
        }
    }

    private func checkOut() async -> PostgresSession {
        if let session = idle.popLast() { return session }
        return await withCheckedContinuation { waiting.append($0) }
    }

    private func checkIn(_ session: PostgresSession) {
        if waiting.isEmpty {
            idle.append(session)
        } else {
            waiting.removeFirst().resume(returning: session)
        }
    }
}
