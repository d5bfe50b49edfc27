/// Read-your-writes across a primary and its replicas (issue 17), engine-neutral: a write's answer carries a
/// bookmark (the primary's position after it committed), and a read that sends it back waits, bounded, until its
/// replica has replayed that far, or is answered from the primary. `PostgresReadConsistency` is the conformer.
package protocol ReadConsistency: Sendable {
    /// The primary's position now: it covers every write committed before the call.
    func bookmark() async throws -> String

    /// Whether `bookmark` is a position this engine understands (a malformed one is the client's error).
    func isValid(bookmark: String) -> Bool

    /// Waits at most `timeout` until the replica has replayed `bookmark`; false when it has not.
    func replicaCaughtUp(to bookmark: String, timeout: Duration) async throws -> Bool

    /// Runs `body` with the reads it makes sent to the primary.
    func readingPrimary<T: Sendable>(_ body: () async throws -> T) async throws -> T
}
