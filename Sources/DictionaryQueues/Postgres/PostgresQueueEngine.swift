package import DictPostgres
import DictStore
package import DictionaryCore
package import Foundation
import PostgresNIO

/// `QueueEngine`'s state machine on PostgreSQL: `pending → processing (leased) → completed`, back to `pending` with
/// a `retry_after`, or out to the dead-letter queue, with the same columns, history rows and rules. Every method runs
/// in the caller's transaction (a session `PostgresSession.transaction` handed out), so a state change commits with
/// the work it records. Where SQLite serializes claims with `BEGIN IMMEDIATE`, here a claim locks the rows it takes
/// with `FOR UPDATE SKIP LOCKED`: concurrent workers on any host take disjoint items without waiting for each other,
/// and an item is leased to one worker at a time.
package struct PostgresQueueEngine: Sendable {
    package let queue: QueueName
    package let policy: RetryPolicy
    package let clock: any WallClock

    package init(queue: QueueName, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.queue = queue
        self.policy = policy
        self.clock = clock
    }

    private var table: String { queue.table }

    /// As `QueueEngine.reapExpiredLeases`: expired leases go back to `pending` (history `recovered`), or to the
    /// dead-letter queue once every attempt is used. Rows another transaction holds are left to it.
    @discardableResult
    package func reapExpiredLeases(_ session: PostgresSession) async throws -> Int {
        let now = clock.now()
        var statement = PostgresStatement()
        let sql = """
            SELECT id, attempts, lease_owner FROM \(table)
            WHERE status = 'processing' AND lease_expires_at <= \(statement.bind(Timestamp.format(now))) FOR UPDATE SKIP LOCKED
            """
        let expired = try await session.query(statement.query(sql)).map { try $0.decode((String, Int, String?).self) }
        for (id, attempts, owner) in expired {
            if attempts >= policy.maxAttempts {
                let failure = ClassifiedFailure(
                    message: "lease expired after \(attempts) attempts: the worker stopped mid-item", type: .unknown, isRetryable: false)
                try await moveToDeadLetters(session, itemID: id, failure: failure, now: now)
            } else {
                var reset = PostgresStatement()
                let resetSQL = """
                    UPDATE \(table) SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL,
                        updated_at = \(reset.bind(Timestamp.format(now))) WHERE id = \(reset.bind(id)) RETURNING \(termColumn)
                    """
                let term = try await session.query(reset.query(resetSQL)).first?.decode(String?.self)
                try await recordHistory(session, itemID: id, term: term, action: .recovered, errorType: nil,
                                        details: ["reason": "lease_expired", "previous_owner": owner ?? NSNull(), "attempts": attempts], at: now)
            }
        }
        return expired.count
    }

    /// As `QueueEngine.claim`: leases up to `limit` claimable items (pending, past their `retry_after`, narrowed to
    /// `model` when given) to `owner`, highest priority first, then oldest; each claim is an attempt. Returns the
    /// claimed rows' ids in claim order.
    package func claim(_ session: PostgresSession, owner: String, limit: Int, leaseDuration: TimeInterval, model: String? = nil) async throws -> [String] {
        guard limit > 0 else { return [] }
        try await reapExpiredLeases(session)
        let now = clock.now(), nowText = Timestamp.format(now)
        var statement = PostgresStatement()
        let (ownerBind, expiresBind, nowBind) = (statement.bind(owner), statement.bind(Timestamp.format(now.addingTimeInterval(leaseDuration))),
                                                 statement.bind(nowText))
        let scope = model.map { " AND model = \(statement.bind($0))" } ?? ""
        let sql = """
            WITH claimable AS (
                SELECT id, priority, created_at FROM \(table)
                WHERE status = 'pending' AND (retry_after IS NULL OR retry_after <= \(nowBind))\(scope)
                ORDER BY priority DESC, created_at, id LIMIT \(statement.bind(limit)) FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE \(table) q SET status = 'processing', lease_owner = \(ownerBind), lease_expires_at = \(expiresBind),
                    attempts = q.attempts + 1, last_attempt_at = \(nowBind), updated_at = \(nowBind)
                FROM claimable c WHERE q.id = c.id RETURNING q.id, c.priority, c.created_at
            )
            SELECT id FROM claimed ORDER BY priority DESC, created_at, id
            """
        return try await session.query(statement.query(sql)).map { try $0.decode(String.self) }
    }

    /// As `QueueEngine.complete`: fails with `leaseLost` unless `owner` holds the item, so an item completes once.
    package func complete(_ session: PostgresSession, itemID: String, owner: String) async throws {
        let now = Timestamp.format(clock.now())
        var statement = PostgresStatement()
        let sql = """
            UPDATE \(table) SET status = 'completed', completed_at = \(statement.bind(now)), updated_at = \(statement.bind(now)),
                lease_owner = NULL, lease_expires_at = NULL, retry_after = NULL, error_message = NULL, error_type = NULL
            WHERE id = \(statement.bind(itemID)) AND status = 'processing' AND lease_owner = \(statement.bind(owner)) RETURNING 1
            """
        if try await session.query(statement.query(sql)).isEmpty { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
    }

    /// `complete` for many items in one statement: all of them, or none (`leaseLost` naming one `owner` no longer
    /// holds) when the caller's transaction rolls back.
    package func complete(_ session: PostgresSession, itemIDs: [String], owner: String) async throws {
        guard !itemIDs.isEmpty else { return }
        let now = Timestamp.format(clock.now())
        var statement = PostgresStatement()
        let sql = """
            UPDATE \(table) SET status = 'completed', completed_at = \(statement.bind(now)), updated_at = \(statement.bind(now)),
                lease_owner = NULL, lease_expires_at = NULL, retry_after = NULL, error_message = NULL, error_type = NULL
            WHERE id = ANY(\(statement.bind(itemIDs))) AND status = 'processing' AND lease_owner = \(statement.bind(owner)) RETURNING id
            """
        let completed = Set(try await session.query(statement.query(sql)).map { try $0.decode(String.self) })
        if let lost = itemIDs.first(where: { !completed.contains($0) }) { throw QueueError.leaseLost(queue: queue, itemID: lost, owner: owner) }
    }

    /// As `QueueEngine.release`: `pending` again, claimable from `notBefore`; `refundAttempt` undoes the claim's attempt.
    package func release(_ session: PostgresSession, itemID: String, owner: String, notBefore: Date? = nil, refundAttempt: Bool) async throws {
        var statement = PostgresStatement()
        let sql = """
            UPDATE \(table) SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL,
                retry_after = \(statement.bind(notBefore.map(Timestamp.format))), updated_at = \(statement.bind(Timestamp.format(clock.now()))),
                attempts = CASE WHEN \(statement.bind(refundAttempt)) AND attempts > 0 THEN attempts - 1 ELSE attempts END
            WHERE id = \(statement.bind(itemID)) AND status = 'processing' AND lease_owner = \(statement.bind(owner)) RETURNING 1
            """
        if try await session.query(statement.query(sql)).isEmpty { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
    }

    /// As `QueueEngine.fail`: a retryable failure with attempts left goes back to `pending` after its backoff;
    /// otherwise the item moves to the dead-letter queue. Either way a history row is written.
    @discardableResult
    package func fail(_ session: PostgresSession, itemID: String, owner: String, failure: ClassifiedFailure) async throws -> FailureOutcome {
        var held = PostgresStatement()
        let heldSQL = """
            SELECT attempts, \(termColumn) FROM \(table)
            WHERE id = \(held.bind(itemID)) AND status = 'processing' AND lease_owner = \(held.bind(owner)) FOR UPDATE
            """
        guard let (attempts, term) = try await session.query(held.query(heldSQL)).first?.decode((Int, String?).self) else {
            throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner)
        }
        let now = clock.now()
        guard failure.isRetryable, policy.allowsAnotherAttempt(after: attempts) else {
            return .deadLettered(deadLetterID: try await moveToDeadLetters(session, itemID: itemID, failure: failure, now: now))
        }
        let backoff = now.addingTimeInterval(policy.delay(afterAttempt: attempts))
        let retryAt = max(backoff, failure.notBefore ?? backoff)
        var statement = PostgresStatement()
        let sql = """
            UPDATE \(table) SET status = 'pending', retry_after = \(statement.bind(Timestamp.format(retryAt))),
                error_message = \(statement.bind(failure.message)), error_type = \(statement.bind(failure.type.rawValue)),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = \(statement.bind(Timestamp.format(now)))
            WHERE id = \(statement.bind(itemID))
            """
        try await session.query(statement.query(sql))
        try await recordHistory(session, itemID: itemID, term: term, action: .retryScheduled, errorType: failure.type, details: [
            "retry_after": Timestamp.format(retryAt), "attempts": attempts, "max_attempts": policy.maxAttempts, "error": failure.message,
        ], at: now)
        return .retryScheduled(at: retryAt)
    }

    /// As `QueueEngine.leasedRow`, for the column callers need: the attempts of the item `owner` holds, its row locked
    /// for the rest of the transaction; `leaseLost` otherwise.
    package func leasedAttempts(_ session: PostgresSession, itemID: String, owner: String) async throws -> Int {
        var statement = PostgresStatement()
        let sql = """
            SELECT attempts FROM \(table)
            WHERE id = \(statement.bind(itemID)) AND status = 'processing' AND lease_owner = \(statement.bind(owner)) FOR UPDATE
            """
        guard let attempts = try await session.query(statement.query(sql)).first?.decode(Int.self) else {
            throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner)
        }
        return attempts
    }

    /// As `QueueEngine.renewLease`.
    package func renewLease(_ session: PostgresSession, itemID: String, owner: String, leaseDuration: TimeInterval) async throws {
        let now = clock.now()
        var statement = PostgresStatement()
        let sql = """
            UPDATE \(table) SET lease_expires_at = \(statement.bind(Timestamp.format(now.addingTimeInterval(leaseDuration)))),
                updated_at = \(statement.bind(Timestamp.format(now)))
            WHERE id = \(statement.bind(itemID)) AND status = 'processing' AND lease_owner = \(statement.bind(owner)) RETURNING 1
            """
        if try await session.query(statement.query(sql)).isEmpty { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
    }

    /// As `QueueEngine.requeue`: the dead letter's item re-created from its payload (the whole row), `pending` with
    /// zero attempts and no error; the dead letter deleted and `recovered` recorded. `alreadyQueued` when an equivalent
    /// item is open, leaving the dead letter in place.
    package func requeue(_ session: PostgresSession, deadLetterID: String) async throws -> String {
        var check = PostgresStatement()
        let checkSQL = """
            SELECT jsonb_typeof(payload), payload ->> 'id', payload ->> \(check.bind("term"))
            FROM dead_letter_queue WHERE id = \(check.bind(deadLetterID)) FOR UPDATE
            """
        guard let (kind, itemID, term) = try await session.query(check.query(checkSQL)).first?.decode((String, String?, String?).self) else {
            throw QueueError.deadLetterNotFound(id: deadLetterID)
        }
        guard kind == "object" else { throw QueueError.corruptPayload(deadLetterID: deadLetterID, reason: "not a JSON object") }
        guard let itemID else { throw QueueError.corruptPayload(deadLetterID: deadLetterID, reason: "no string id") }
        let now = clock.now()
        var insert = PostgresStatement()
        // The row type of the queue's table turns the payload back into its columns; the reset keys override it.
        let insertSQL = """
            INSERT INTO \(table)
            SELECT (jsonb_populate_record(NULL::\(table), payload || jsonb_build_object(
                'status', 'pending', 'attempts', 0, 'lease_owner', NULL, 'lease_expires_at', NULL, 'retry_after', NULL,
                'error_message', NULL, 'error_type', NULL, 'completed_at', NULL, 'updated_at', \(insert.bind(Timestamp.format(now)))::text))).*
            FROM dead_letter_queue WHERE id = \(insert.bind(deadLetterID))
            ON CONFLICT DO NOTHING RETURNING 1
            """
        if try await session.query(insert.query(insertSQL)).isEmpty { throw QueueError.alreadyQueued(queue: queue, deadLetterID: deadLetterID) }
        var delete = PostgresStatement()
        let deleteSQL = "DELETE FROM dead_letter_queue WHERE id = \(delete.bind(deadLetterID))"
        try await session.query(delete.query(deleteSQL))
        try await recordHistory(session, itemID: itemID, term: term, action: .recovered, errorType: nil,
                                details: ["reason": "dlq_retry", "dead_letter_id": deadLetterID], at: now)
        return itemID
    }

    /// As `QueueEngine.purgeCompleted`.
    package func purgeCompleted(_ session: PostgresSession, before cutoff: Date) async throws -> Int {
        var statement = PostgresStatement()
        let sql = "DELETE FROM \(table) WHERE status = 'completed' AND completed_at < \(statement.bind(Timestamp.format(cutoff))) RETURNING 1"
        return try await session.query(statement.query(sql)).count
    }

    /// As `QueueEngine.statusCounts`.
    package func statusCounts(_ session: PostgresSession) async throws -> QueueStatusCounts {
        var statement = PostgresStatement()
        let sql = """
            SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'processing'),
                count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status NOT IN ('pending', 'processing', 'completed')),
                count(*) FILTER (WHERE status = 'pending' AND retry_after > \(statement.bind(Timestamp.format(clock.now()))))
            FROM \(table)
            """
        let (pending, processing, completed, failed, waiting) = try await session.query(statement.query(sql)).first?
            .decode((Int, Int, Int, Int, Int).self) ?? (0, 0, 0, 0, 0)
        var counts = QueueStatusCounts()
        counts.pending = pending; counts.processing = processing; counts.completed = completed; counts.failed = failed
        counts.waitingForRetry = waiting
        return counts
    }

    // MARK: - Internals

    /// The queue's term column, or NULL for queues without one (the embedding queue).
    private var termColumn: String { queue == .seed ? "term" : "NULL::text" }

    /// As `QueueEngine.moveToDeadLetters`: the dead letter's payload is the whole row as JSON.
    @discardableResult
    func moveToDeadLetters(_ session: PostgresSession, itemID: String, failure: ClassifiedFailure, now: Date) async throws -> String {
        var read = PostgresStatement()
        let readSQL = "SELECT attempts, priority, created_at, \(termColumn), \(queue == .seed ? "languages::text" : "NULL::text"), row_to_json(q)::text FROM \(table) q WHERE id = \(read.bind(itemID))"
        guard let (attempts, priority, createdAt, term, languages, payload) = try await session.query(read.query(readSQL)).first?
            .decode((Int, Int, String, String?, String?, String).self) else {
            throw QueueError.itemNotFound(queue: queue, itemID: itemID)
        }
        var analysis: [String: Any] = [
            "error_type": failure.type.rawValue, "is_retryable": failure.isRetryable, "suggested_action": failure.suggestedAction,
            "attempts": attempts, "max_attempts": policy.maxAttempts,
        ]
        if let notBefore = failure.notBefore { analysis["estimated_recovery_time"] = Timestamp.format(notBefore) }
        let deadLetterID = RandomRowID.make()
        var insert = PostgresStatement()
        let insertSQL = """
            INSERT INTO dead_letter_queue (id, original_id, queue_name, term, languages, payload, priority, failure_reason, error_type,
                failure_analysis, attempts, original_created_at, moved_to_dlq_at)
            VALUES (\(insert.bind(deadLetterID)), \(insert.bind(itemID)), \(insert.bind(queue.rawValue)), \(insert.bind(term)),
                \(insert.bind(languages))::jsonb, \(insert.bind(payload))::jsonb, \(insert.bind(priority)), \(insert.bind(failure.message)),
                \(insert.bind(failure.type.rawValue)), \(insert.bind(JSONText.encode(analysis)))::jsonb, \(insert.bind(attempts)),
                \(insert.bind(createdAt)), \(insert.bind(Timestamp.format(now))))
            ON CONFLICT (original_id) DO UPDATE SET id = excluded.id, payload = excluded.payload, languages = excluded.languages,
                failure_reason = excluded.failure_reason, error_type = excluded.error_type, failure_analysis = excluded.failure_analysis,
                attempts = excluded.attempts, moved_to_dlq_at = excluded.moved_to_dlq_at
            """
        try await session.query(insert.query(insertSQL))
        var delete = PostgresStatement()
        let deleteSQL = "DELETE FROM \(table) WHERE id = \(delete.bind(itemID))"
        try await session.query(delete.query(deleteSQL))
        try await recordHistory(session, itemID: itemID, term: term, action: .movedToDLQ, errorType: failure.type,
                                details: ["dead_letter_id": deadLetterID, "attempts": attempts, "error": failure.message], at: now)
        return deadLetterID
    }

    /// As `RecoveryHistory.record`.
    private func recordHistory(
        _ session: PostgresSession, itemID: String, term: String?, action: RecoveryAction, errorType: QueueErrorType?,
        details: [String: Any], at now: Date
    ) async throws {
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO recovery_history (id, queue_name, item_id, term, action, error_type, details, created_at)
            VALUES (\(statement.bind(RandomRowID.make())), \(statement.bind(queue.rawValue)), \(statement.bind(itemID)), \(statement.bind(term)),
                \(statement.bind(action.rawValue)), \(statement.bind(errorType?.rawValue)), \(statement.bind(JSONText.encode(details)))::jsonb,
                \(statement.bind(Timestamp.format(now))))
            """
        try await session.query(statement.query(sql))
    }
}
