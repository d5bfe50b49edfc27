package import DictStore
package import DictionaryCore
package import Foundation
package import GRDB

/// The queue of terms to generate (`seed_queue`): idempotent enqueue keyed by (normalized term, language set),
/// leased claims through `QueueEngine`, and per-language progress so a half-done item keeps what it finished.
package struct SeedQueue: Sendable {
    /// The longest term the queue accepts (the schema's CHECK).
    package static let maximumTermLength = 200

    /// The dictionary database.
    package let database: StoreDatabase
    /// The shared state machine for this queue.
    package let engine: QueueEngine

    /// Creates a value from its parts.
    package init(database: StoreDatabase, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        engine = QueueEngine(queue: .seed, policy: policy, clock: clock)
    }

    /// The normalized key of a term. The one place the seed queue normalizes, so queue keys always agree with the
    /// dictionary's `normalized_term`.
    package static func normalizedKey(_ term: String) -> String {
        TermNormalizer.normalize(term)
    }

    /// Adds `term` for `languages` unless the same normalized term with the same language set is already pending or
    /// processing (then returns that item with `inserted == false`). Priority 1...10, higher first.
    @discardableResult
    package func enqueue(
        term: String, languages: [String], priority: Int = 5, source: String = "manual", category: String? = nil
    ) throws -> EnqueueResult {
        try database.write { db in
            try enqueue(db, term: term, languages: languages, priority: priority, source: source, category: category)
        }
    }

    /// `enqueue` inside the caller's transaction.
    package func enqueue(
        _ db: Database, term: String, languages: [String], priority: Int = 5, source: String = "manual",
        category: String? = nil
    ) throws -> EnqueueResult {
        let (trimmed, normalized, codes, key) = try Self.checkedRequest(term: term, languages: languages, priority: priority)
        let now = Timestamp.format(engine.clock.now())
        let id = RandomRowID.make()
        // The partial unique index on open items turns a duplicate into a no-op instead of a second row.
        let inserted = try String.fetchOne(
            db,
            sql: """
                INSERT INTO seed_queue (id, term, normalized_term, languages, completed_languages, languages_key, priority,
                    status, source, category, created_at, updated_at)
                VALUES (?, ?, ?, ?, '[]', ?, ?, 'pending', ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id
                """,
            arguments: [id, trimmed, normalized, JSONText.encode(codes), key, priority, source, category, now, now]
        )
        if let inserted { return EnqueueResult(itemID: inserted, inserted: true) }
        guard let existing = try String.fetchOne(
            db,
            sql: """
                SELECT id FROM seed_queue
                WHERE normalized_term = ? AND languages_key = ? AND status IN ('pending', 'processing')
                """,
            arguments: [normalized, key]
        ) else {
            // ON CONFLICT DO NOTHING skipped the row but no open item matches: only a primary-key clash of a fresh
            // UUID could do that, which is a database fault worth surfacing.
            throw QueueError.itemNotFound(queue: .seed, itemID: id)
        }
        return EnqueueResult(itemID: existing, inserted: false)
    }

    /// The term trimmed, its key, the canonical language list and its key, or the error that refuses the request
    /// (both engines' `enqueue` check here).
    package static func checkedRequest(
        term: String, languages: [String], priority: Int
    ) throws -> (trimmed: String, normalized: String, codes: [String], languagesKey: String) {
        let trimmed = term.trimmingCharacters(in: .whitespacesAndNewlines)
        let normalized = normalizedKey(trimmed)
        guard !normalized.isEmpty else { throw QueueError.emptyTerm }
        guard trimmed.count <= maximumTermLength else {
            throw QueueError.termTooLong(length: trimmed.count, maximum: maximumTermLength)
        }
        guard (1...10).contains(priority) else { throw QueueError.invalidPriority(priority) }
        let codes = try SeedLanguages.canonical(languages)
        return (trimmed, normalized, codes, SeedLanguages.key(codes))
    }

    /// Claims up to `limit` items for `owner` (see `QueueEngine.claim`).
    package func claim(owner: String, limit: Int, leaseDuration: TimeInterval) throws -> [SeedQueueItem] {
        try database.write { db in
            try engine.claim(db, owner: owner, limit: limit, leaseDuration: leaseDuration).map(SeedQueueItem.init(row:))
        }
    }

    /// Records that `language` is done for the leased item, inside the caller's transaction (the same one that
    /// stored the entry): it leaves `languages` and joins `completed_languages`; when none remain the item is
    /// completed. Returns the updated item.
    @discardableResult
    package func markLanguageDone(_ db: Database, itemID: String, owner: String, language: String) throws -> SeedQueueItem {
        var item = try SeedQueueItem(row: engine.leasedRow(db, itemID: itemID, owner: owner))
        item.languages.removeAll { $0 == language }
        if !item.completedLanguages.contains(language) { item.completedLanguages.append(language) }
        try db.execute(
            sql: "UPDATE seed_queue SET languages = ?, completed_languages = ?, updated_at = ? WHERE id = ?",
            arguments: [JSONText.encode(item.languages), JSONText.encode(item.completedLanguages),
                        Timestamp.format(engine.clock.now()), itemID]
        )
        if item.languages.isEmpty {
            try engine.complete(db, itemID: itemID, owner: owner)
            item.status = "completed"
        }
        return item
    }

    /// The item with this id, or nil.
    package func item(id: String) throws -> SeedQueueItem? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM seed_queue WHERE id = ?", arguments: [id]).map(SeedQueueItem.init(row:))
        }
    }

    /// Items in `status` (all when nil), in claim order, at most `limit`.
    package func items(status: String? = nil, limit: Int = 50) throws -> [SeedQueueItem] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM seed_queue WHERE (?1 IS NULL OR status = ?1)
                    ORDER BY CASE status WHEN 'processing' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END,
                             priority DESC, created_at, id
                    LIMIT ?2
                    """,
                arguments: [status, limit]
            ).map(SeedQueueItem.init(row:))
        }
    }

    /// How many items are in each state (`QueueEngine.statusCounts`), in one read.
    package func statusCounts() throws -> QueueStatusCounts {
        try database.read { db in try engine.statusCounts(db) }
    }
}
