import DictStore
package import DictionaryCore
package import Foundation
package import GRDB

/// The state machine shared by the seed and embedding queues: `pending → processing (leased) → completed`,
/// or back to `pending` with a `retry_after`, or out to the dead-letter queue. Every method takes the caller's
/// `Database` so a state change commits in the same transaction as the work it records (an inserted entry, a
/// written vector); callers use `StoreDatabase.write`, i.e. `BEGIN IMMEDIATE`, so claims never overlap.
package struct QueueEngine: Sendable {
    /// Which queue (table) this engine drives.
    package let queue: QueueName
    /// Attempts and backoff.
    package let policy: RetryPolicy
    /// The source of "now" for leases, retries and timestamps.
    package let clock: any WallClock

    /// Creates a value from its parts.
    package init(queue: QueueName, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.queue = queue
        self.policy = policy
        self.clock = clock
    }

    private var table: String { queue.table }

    /// Returns items whose lease expired (their worker died or hung) to `pending`, recording a `recovered` history
    /// row; an item that already used every attempt is dead-lettered instead, so a poison item that kills its
    /// worker cannot loop forever. Returns the number of items touched.
    @discardableResult
    package func reapExpiredLeases(_ db: Database) throws -> Int {
        let now = clock.now()
        let expired = try Row.fetchAll(
            db, sql: "SELECT * FROM \(table) WHERE status = 'processing' AND lease_expires_at <= ?",
            arguments: [Timestamp.format(now)]
        )
        for row in expired {
            let id: String = row["id"]
            let attempts: Int = row["attempts"]
            let owner: String? = row["lease_owner"]
            if attempts >= policy.maxAttempts {
                let failure = ClassifiedFailure(
                    message: "lease expired after \(attempts) attempts: the worker stopped mid-item",
                    type: .unknown, isRetryable: false
                )
                try moveToDeadLetters(db, row: row, failure: failure, now: now)
            } else {
                try db.execute(
                    sql: """
                        UPDATE \(table) SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                        WHERE id = ?
                        """,
                    arguments: [Timestamp.format(now), id]
                )
                try RecoveryHistory.record(
                    db, queue: queue, itemID: id, term: term(of: row), action: .recovered, errorType: nil,
                    details: ["reason": "lease_expired", "previous_owner": owner ?? NSNull(), "attempts": attempts],
                    at: now
                )
            }
        }
        return expired.count
    }

    /// Atomically leases up to `limit` claimable items to `owner` for `leaseDuration` seconds: pending items whose
    /// `retry_after` has passed, highest priority first, then oldest. Expired leases are reaped first. Each claim
    /// counts as an attempt. Returns the claimed rows in claim order.
    /// `scope` optionally narrows the candidates with an extra SQL condition (e.g. `model = ?`) and its arguments.
    package func claim(
        _ db: Database, owner: String, limit: Int, leaseDuration: TimeInterval,
        scope: (condition: String, arguments: StatementArguments)? = nil
    ) throws -> [Row] {
        guard limit > 0 else { return [] }
        try reapExpiredLeases(db)
        let now = clock.now()
        let nowText = Timestamp.format(now)
        let rows = try Row.fetchAll(
            db,
            sql: """
                UPDATE \(table)
                SET status = 'processing', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1,
                    last_attempt_at = ?, updated_at = ?
                WHERE id IN (
                    SELECT id FROM \(table)
                    WHERE status = 'pending' AND (retry_after IS NULL OR retry_after <= ?)\(scope.map { " AND (\($0.condition))" } ?? "")
                    ORDER BY priority DESC, created_at, id
                    LIMIT ?
                )
                RETURNING *
                """,
            arguments: [owner, Timestamp.format(now.addingTimeInterval(leaseDuration)), nowText, nowText, nowText]
                + (scope?.arguments ?? []) + [limit]
        )
        // RETURNING yields rows in no promised order; restore the claim order.
        return rows.sorted { lhs, rhs in
            let (lp, rp): (Int, Int) = (lhs["priority"], rhs["priority"])
            if lp != rp { return lp > rp }
            let (lc, rc): (String, String) = (lhs["created_at"], rhs["created_at"])
            if lc != rc { return lc < rc }
            return (lhs["id"] as String) < (rhs["id"] as String)
        }
    }

    /// The item's current row if `owner` still holds it, else `QueueError.leaseLost`. An expired but not yet
    /// reaped lease still counts as held: nobody else can have claimed the item without reaping it first.
    package func leasedRow(_ db: Database, itemID: String, owner: String) throws -> Row {
        // Cached statements here and in `complete`: a worker runs both once per item.
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ? AND status = 'processing' AND lease_owner = ?"),
            arguments: [itemID, owner]
        ) else { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
        return row
    }

    /// Extends `owner`'s lease on the item to `leaseDuration` seconds from now.
    package func renewLease(_ db: Database, itemID: String, owner: String, leaseDuration: TimeInterval) throws {
        let now = clock.now()
        try db.execute(
            sql: """
                UPDATE \(table) SET lease_expires_at = ?, updated_at = ?
                WHERE id = ? AND status = 'processing' AND lease_owner = ?
                """,
            arguments: [Timestamp.format(now.addingTimeInterval(leaseDuration)), Timestamp.format(now), itemID, owner]
        )
        if db.changesCount == 0 { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
    }

    /// Marks the item completed; fails with `leaseLost` unless `owner` holds it, so an item completes once.
    package func complete(_ db: Database, itemID: String, owner: String) throws {
        let now = Timestamp.format(clock.now())
        try db.cachedStatement(sql: """
            UPDATE \(table)
            SET status = 'completed', completed_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                retry_after = NULL, error_message = NULL, error_type = NULL
            WHERE id = ? AND status = 'processing' AND lease_owner = ?
            """).execute(arguments: [now, now, itemID, owner])
        if db.changesCount == 0 { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
    }

    /// Gives the item back unfinished (graceful shutdown, an exhausted budget): `pending` again, claimable from
    /// `notBefore`; `refundAttempt` undoes the claim's attempt when the item itself did not fail.
    package func release(_ db: Database, itemID: String, owner: String, notBefore: Date? = nil, refundAttempt: Bool) throws {
        try db.execute(
            sql: """
                UPDATE \(table)
                SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, retry_after = ?, updated_at = ?,
                    attempts = CASE WHEN ? AND attempts > 0 THEN attempts - 1 ELSE attempts END
                WHERE id = ? AND status = 'processing' AND lease_owner = ?
                """,
            arguments: [notBefore.map(Timestamp.format), Timestamp.format(clock.now()), refundAttempt, itemID, owner]
        )
        if db.changesCount == 0 { throw QueueError.leaseLost(queue: queue, itemID: itemID, owner: owner) }
    }

    /// Records a failed attempt: a retryable failure with attempts left goes back to `pending` with
    /// `retry_after = now + max(backoff, the error's own earliest retry)`; otherwise the item moves to the
    /// dead-letter queue in this same transaction. Either way a `recovery_history` row is written.
    @discardableResult
    package func fail(_ db: Database, itemID: String, owner: String, failure: ClassifiedFailure) throws -> FailureOutcome {
        let row = try leasedRow(db, itemID: itemID, owner: owner)
        let attempts: Int = row["attempts"]
        let now = clock.now()
        guard failure.isRetryable, policy.allowsAnotherAttempt(after: attempts) else {
            return .deadLettered(deadLetterID: try moveToDeadLetters(db, row: row, failure: failure, now: now))
        }
        let backoff = now.addingTimeInterval(policy.delay(afterAttempt: attempts))
        let retryAt = max(backoff, failure.notBefore ?? backoff)
        try db.execute(
            sql: """
                UPDATE \(table)
                SET status = 'pending', retry_after = ?, error_message = ?, error_type = ?, lease_owner = NULL,
                    lease_expires_at = NULL, updated_at = ?
                WHERE id = ?
                """,
            arguments: [Timestamp.format(retryAt), failure.message, failure.type.rawValue, Timestamp.format(now), itemID]
        )
        try RecoveryHistory.record(
            db, queue: queue, itemID: itemID, term: term(of: row), action: .retryScheduled, errorType: failure.type,
            details: ["retry_after": Timestamp.format(retryAt), "attempts": attempts, "max_attempts": policy.maxAttempts,
                      "error": failure.message],
            at: now
        )
        return .retryScheduled(at: retryAt)
    }

    /// Inserts the dead letter (payload = the whole row as JSON) and deletes the queue row, plus history.
    @discardableResult
    func moveToDeadLetters(_ db: Database, row: Row, failure: ClassifiedFailure, now: Date) throws -> String {
        let id: String = row["id"]
        let attempts: Int = row["attempts"]
        var analysis: [String: Any] = [
            "error_type": failure.type.rawValue, "is_retryable": failure.isRetryable,
            "suggested_action": failure.suggestedAction, "attempts": attempts, "max_attempts": policy.maxAttempts,
        ]
        if let notBefore = failure.notBefore { analysis["estimated_recovery_time"] = Timestamp.format(notBefore) }
        let deadLetterID = RandomRowID.make()
        let nowText = Timestamp.format(now)
        try db.execute(
            sql: """
                INSERT INTO dead_letter_queue (id, original_id, queue_name, term, languages, payload, priority,
                    failure_reason, error_type, failure_analysis, attempts, original_created_at, moved_to_dlq_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (original_id) DO UPDATE SET
                    id = excluded.id, payload = excluded.payload, languages = excluded.languages,
                    failure_reason = excluded.failure_reason, error_type = excluded.error_type,
                    failure_analysis = excluded.failure_analysis, attempts = excluded.attempts,
                    moved_to_dlq_at = excluded.moved_to_dlq_at
                """,
            arguments: [
                deadLetterID, id, queue.rawValue, term(of: row), row.hasColumn("languages") ? row["languages"] as String? : nil,
                JSONText.encode(JSONText.object(from: row)), row["priority"] as Int, failure.message,
                failure.type.rawValue, JSONText.encode(analysis), attempts, row["created_at"] as String, nowText,
            ]
        )
        try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [id])
        try RecoveryHistory.record(
            db, queue: queue, itemID: id, term: term(of: row), action: .movedToDLQ, errorType: failure.type,
            details: ["dead_letter_id": deadLetterID, "attempts": attempts, "error": failure.message], at: now
        )
        return deadLetterID
    }

    /// Re-creates the dead letter's item exactly as it was (same id, payload columns) but `pending` with zero
    /// attempts and no error, deletes the dead letter and records `recovered`. Fails with `alreadyQueued` when an
    /// equivalent item is open (the queue's unique index), leaving the dead letter in place.
    package func requeue(_ db: Database, deadLetter row: Row) throws -> String {
        let deadLetterID: String = row["id"]
        let payloadText: String = row["payload"]
        guard let payload = JSONText.decode(payloadText) as? [String: Any] else {
            throw QueueError.corruptPayload(deadLetterID: deadLetterID, reason: "not a JSON object")
        }
        guard let itemID = payload["id"] as? String else {
            throw QueueError.corruptPayload(deadLetterID: deadLetterID, reason: "no string id")
        }
        let now = clock.now()
        let nowText = Timestamp.format(now)
        let reset: [String: DatabaseValue] = [
            "status": "pending".databaseValue, "attempts": 0.databaseValue, "lease_owner": .null,
            "lease_expires_at": .null, "retry_after": .null, "error_message": .null, "error_type": .null,
            "completed_at": .null, "updated_at": nowText.databaseValue,
        ]
        let columns = try db.columns(in: table).map(\.name)
        var names: [String] = []
        var values: [DatabaseValue] = []
        for column in columns {
            if let value = reset[column] {
                names.append(column)
                values.append(value)
            } else if let raw = payload[column] {
                guard let value = JSONText.databaseValue(raw) else {
                    throw QueueError.corruptPayload(deadLetterID: deadLetterID, reason: "column \(column) is not a scalar")
                }
                names.append(column)
                values.append(value)
            }
        }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT DO NOTHING",
            arguments: StatementArguments(values)
        )
        if db.changesCount == 0 { throw QueueError.alreadyQueued(queue: queue, deadLetterID: deadLetterID) }
        try db.execute(sql: "DELETE FROM dead_letter_queue WHERE id = ?", arguments: [deadLetterID])
        try RecoveryHistory.record(
            db, queue: queue, itemID: itemID, term: payload["term"] as? String, action: .recovered, errorType: nil,
            details: ["reason": "dlq_retry", "dead_letter_id": deadLetterID], at: now
        )
        return itemID
    }

    /// Deletes completed items whose `completed_at` is before `cutoff`; returns how many.
    @discardableResult
    package func purgeCompleted(_ db: Database, before cutoff: Date) throws -> Int {
        try db.execute(
            sql: "DELETE FROM \(table) WHERE status = 'completed' AND completed_at < ?",
            arguments: [Timestamp.format(cutoff)]
        )
        return db.changesCount
    }

    /// Counts of items per status, plus how many pending items are waiting for their `retry_after`.
    package func statusCounts(_ db: Database) throws -> QueueStatusCounts {
        let now = Timestamp.format(clock.now())
        var counts = QueueStatusCounts()
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM \(table) GROUP BY status") {
            let n: Int = row["n"]
            switch row["status"] as String {
            case "pending": counts.pending = n
            case "processing": counts.processing = n
            case "completed": counts.completed = n
            default: counts.failed += n
            }
        }
        counts.waitingForRetry = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM \(table) WHERE status = 'pending' AND retry_after > ?", arguments: [now]
        ) ?? 0
        return counts
    }

    private func term(of row: Row) -> String? {
        row.hasColumn("term") ? row["term"] : nil
    }
}
