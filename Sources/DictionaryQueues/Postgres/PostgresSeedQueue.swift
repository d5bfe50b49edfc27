package import DictPostgres
import DictStore
package import DictionaryCore
package import Foundation
import PostgresNIO

/// `SeedQueue` on PostgreSQL's `dictionary` schema: the same idempotent enqueue (the open-item unique index turns a
/// duplicate into a no-op), claims through `PostgresQueueEngine` (`FOR UPDATE SKIP LOCKED`), per-language progress and
/// the same bulk import. Methods without a session argument run in a transaction of their own; those with one run
/// in the caller's.
package struct PostgresSeedQueue: Sendable {
    package let session: PostgresSession
    package let engine: PostgresQueueEngine

    package init(session: PostgresSession, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.session = session
        engine = PostgresQueueEngine(queue: .seed, policy: policy, clock: clock)
    }

    /// As `SeedQueue.enqueue`.
    @discardableResult
    package func enqueue(
        term: String, languages: [String], priority: Int = 5, source: String = "manual", category: String? = nil
    ) async throws -> EnqueueResult {
        try await session.transaction { session in
            try await enqueue(session, term: term, languages: languages, priority: priority, source: source, category: category)
        }
    }

    /// `enqueue` inside the caller's transaction.
    package func enqueue(
        _ session: PostgresSession, term: String, languages: [String], priority: Int = 5, source: String = "manual",
        category: String? = nil
    ) async throws -> EnqueueResult {
        let (trimmed, normalized, codes, key) = try SeedQueue.checkedRequest(term: term, languages: languages, priority: priority)
        let now = Timestamp.format(engine.clock.now())
        var insert = PostgresStatement()
        let insertSQL = """
            INSERT INTO seed_queue (id, term, normalized_term, languages, completed_languages, languages_key, priority, status, source,
                category, created_at, updated_at)
            VALUES (\(insert.bind(RandomRowID.make())), \(insert.bind(trimmed)), \(insert.bind(normalized)), \(insert.bind(JSONText.encode(codes)))::jsonb,
                '[]'::jsonb, \(insert.bind(key)), \(insert.bind(priority)), 'pending', \(insert.bind(source)), \(insert.bind(category)),
                \(insert.bind(now)), \(insert.bind(now)))
            ON CONFLICT DO NOTHING RETURNING id
            """
        if let inserted = try await session.query(insert.query(insertSQL)).first?.decode(String.self) {
            return EnqueueResult(itemID: inserted, inserted: true)
        }
        var existing = PostgresStatement()
        let existingSQL = """
            SELECT id FROM seed_queue
            WHERE normalized_term = \(existing.bind(normalized)) AND languages_key = \(existing.bind(key)) AND status IN ('pending', 'processing')
            """
        guard let id = try await session.query(existing.query(existingSQL)).first?.decode(String.self) else {
            // Skipped without an open item to blame: only a clash of fresh UUIDs could do that, a fault worth surfacing.
            throw QueueError.itemNotFound(queue: .seed, itemID: normalized)
        }
        return EnqueueResult(itemID: id, inserted: false)
    }

    /// As `SeedQueue.bulkImport`: the same checks and report, the queued terms in one transaction.
    package func bulkImport(
        text: String, languages: [String] = SeedLanguages.supported, priority: Int = 5, limits: BulkImportLimits = BulkImportLimits()
    ) async throws -> BulkImportReport {
        let parsed = try SeedQueue.parseBulkImport(text: text, languages: languages, priority: priority, limits: limits)
        return try await session.transaction { session in
            var report = parsed.report
            for (term, key) in parsed.terms {
                var present = PostgresStatement()
                let presentSQL = """
                    SELECT lang FROM dictionary_entries WHERE normalized_term = \(present.bind(key))
                    UNION ALL SELECT '#open' FROM seed_queue WHERE normalized_term = \(present.bind(key)) AND status IN ('pending', 'processing')
                    """
                let found = Set(try await session.query(present.query(presentSQL)).map { try $0.decode(String.self) })
                let missing = parsed.targets.filter { !found.contains($0) }
                if missing.isEmpty {
                    report.duplicates.append(.init(term: term, reason: "Already exists in dictionary for all requested languages"))
                } else if found.contains("#open") {
                    report.duplicates.append(.init(term: term, reason: "Already in queue (pending or processing)"))
                } else {
                    let result = try await enqueue(session, term: term, languages: missing, priority: priority, source: "bulk_import")
                    report.queued.append(.init(term: term, itemID: result.itemID, languages: missing))
                }
            }
            return report
        }
    }

    /// As `SeedQueue.claim`.
    package func claim(owner: String, limit: Int, leaseDuration: TimeInterval) async throws -> [SeedQueueItem] {
        try await session.transaction { session in
            let ids = try await engine.claim(session, owner: owner, limit: limit, leaseDuration: leaseDuration)
            let byID = Dictionary(uniqueKeysWithValues: try await Self.items(session, ids: ids).map { ($0.id, $0) })
            return ids.compactMap { byID[$0] }
        }
    }

    /// As `SeedQueue.markLanguageDone`, in the caller's transaction (the one that stored the entry).
    @discardableResult
    package func markLanguageDone(_ session: PostgresSession, itemID: String, owner: String, language: String) async throws -> SeedQueueItem {
        var held = PostgresStatement()
        let heldSQL = """
            SELECT \(Self.columns) FROM seed_queue
            WHERE id = \(held.bind(itemID)) AND status = 'processing' AND lease_owner = \(held.bind(owner)) FOR UPDATE
            """
        guard let row = try await session.query(held.query(heldSQL)).first else {
            throw QueueError.leaseLost(queue: .seed, itemID: itemID, owner: owner)
        }
        var item = try Self.item(row)
        item.languages.removeAll { $0 == language }
        if !item.completedLanguages.contains(language) { item.completedLanguages.append(language) }
        var update = PostgresStatement()
        let updateSQL = """
            UPDATE seed_queue SET languages = \(update.bind(JSONText.encode(item.languages)))::jsonb,
                completed_languages = \(update.bind(JSONText.encode(item.completedLanguages)))::jsonb,
                updated_at = \(update.bind(Timestamp.format(engine.clock.now()))) WHERE id = \(update.bind(itemID))
            """
        try await session.query(update.query(updateSQL))
        if item.languages.isEmpty {
            try await engine.complete(session, itemID: itemID, owner: owner)
            item.status = "completed"
        }
        return item
    }

    /// As `SeedQueue.item(id:)`.
    package func item(id: String) async throws -> SeedQueueItem? {
        try await Self.items(session, ids: [id]).first
    }

    /// As `SeedQueue.items`: in claim order, at most `limit`.
    package func items(status: String? = nil, limit: Int = 50) async throws -> [SeedQueueItem] {
        var statement = PostgresStatement()
        let filter = status.map { "WHERE status = \(statement.bind($0))" } ?? ""
        let sql = """
            SELECT \(Self.columns) FROM seed_queue \(filter)
            ORDER BY CASE status WHEN 'processing' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, priority DESC, created_at, id
            LIMIT \(statement.bind(max(0, limit)))
            """
        return try await session.query(statement.query(sql)).map(Self.item)
    }

    /// As `SeedQueue.statusCounts`.
    package func statusCounts() async throws -> QueueStatusCounts {
        try await engine.statusCounts(session)
    }

    // MARK: - Rows

    /// The columns `item(_:)` decodes, in its order.
    static let columns = """
        id, term, normalized_term, languages::text, completed_languages::text, priority, status, attempts, error_message, error_type,
        retry_after, lease_owner, created_at
        """

    static func items(_ session: PostgresSession, ids: [String]) async throws -> [SeedQueueItem] {
        guard !ids.isEmpty else { return [] }
        var statement = PostgresStatement()
        let sql = "SELECT \(columns) FROM seed_queue WHERE id = ANY(\(statement.bind(ids)))"
        return try await session.query(statement.query(sql)).map(item)
    }

    /// A row of `columns` as an item.
    static func item(_ row: PostgresRow) throws -> SeedQueueItem {
        let columns = row.makeRandomAccess()
        return try SeedQueueItem(
            id: columns[0].decode(String.self), term: columns[1].decode(String.self), normalizedTerm: columns[2].decode(String.self),
            languagesJSON: columns[3].decode(String.self), completedLanguagesJSON: columns[4].decode(String.self),
            priority: columns[5].decode(Int.self), status: columns[6].decode(String.self), attempts: columns[7].decode(Int.self),
            errorMessage: columns[8].decode(String?.self), errorType: columns[9].decode(String?.self),
            retryAfter: columns[10].decode(String?.self), leaseOwner: columns[11].decode(String?.self),
            createdAt: columns[12].decode(String.self))
    }
}
