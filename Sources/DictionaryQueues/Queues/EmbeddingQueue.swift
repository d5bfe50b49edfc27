package import DictStore
package import DictionaryCore
package import Foundation
package import GRDB

/// The queue of entries whose vectors are missing or stale (`embedding_queue`), one open item per (entry, model).
package struct EmbeddingQueue: Sendable {
    /// The dictionary database.
    package let database: StoreDatabase
    /// The shared state machine for this queue.
    package let engine: QueueEngine

    /// Creates a value from its parts.
    package init(database: StoreDatabase, policy: RetryPolicy = RetryPolicy(), clock: any WallClock = SystemWallClock()) {
        self.database = database
        engine = QueueEngine(queue: .embedding, policy: policy, clock: clock)
    }

    /// Queues `entryID` for `model` inside the caller's transaction unless an open item exists (then a no-op
    /// returning that item). Call it in the transaction that inserts or edits the entry.
    @discardableResult
    package func enqueue(
        _ db: Database, entryID: String, model: String, reason: EmbeddingReason, priority: Int = 5
    ) throws -> EnqueueResult {
        guard (1...10).contains(priority) else { throw QueueError.invalidPriority(priority) }
        let now = Timestamp.format(engine.clock.now())
        if let id = try String.fetchOne(
            db,
            sql: """
                INSERT INTO embedding_queue (id, entry_id, model, reason, priority, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id
                """,
            arguments: [RandomRowID.make(), entryID, model, reason.rawValue, priority, now, now]
        ) {
            return EnqueueResult(itemID: id, inserted: true)
        }
        let existing = try String.fetchOne(
            db,
            sql: "SELECT id FROM embedding_queue WHERE entry_id = ? AND model = ? AND status IN ('pending', 'processing')",
            arguments: [entryID, model]
        )
        guard let existing else { throw QueueError.itemNotFound(queue: .embedding, itemID: entryID) }
        return EnqueueResult(itemID: existing, inserted: false)
    }

    /// Queues every entry that has no `term_embeddings` row for `model` and no open item. O(entries) with the
    /// `(entry_id, model, chunk)` index. Returns how many were added.
    @discardableResult
    package func enqueueMissing(model: String, priority: Int = 5) throws -> Int {
        try database.write { db in
            let now = Timestamp.format(engine.clock.now())
            try db.execute(
                sql: """
                    INSERT INTO embedding_queue (id, entry_id, model, reason, priority, status, created_at, updated_at)
                    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
                                 substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                           e.id, ?1, 'missing', ?2, 'pending', ?3, ?3
                    FROM dictionary_entries e
                    WHERE NOT EXISTS (SELECT 1 FROM term_embeddings t WHERE t.entry_id = e.id AND t.model = ?1)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [model, priority, now]
            )
            return db.changesCount
        }
    }

    /// Queues every entry whose chunk-0 vector for `model` was computed from different text than the entry has now
    /// (its `source_hash` differs from the SHA-256 of `EmbeddingText.compose`), e.g. after edits made outside
    /// `EntryRepository`. O(entries with a vector) hashes in one transaction. Returns how many were added.
    @discardableResult
    package func enqueueStale(model: String, priority: Int = 5) throws -> Int {
        try database.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.term, e.definition, t.source_hash FROM dictionary_entries e
                    JOIN term_embeddings t ON t.entry_id = e.id AND t.model = ? AND t.chunk = 0
                    """,
                arguments: [model]
            )
            var added = 0
            for row in rows {
                let id: String = row["id"]
                let chunks = try EmbeddingText.chunks(term: row["term"], definitionJSON: row["definition"], entryID: id, model: model)
                guard EmbeddingText.sourceHash(of: chunks) != (row["source_hash"] as String?) else { continue }
                if try enqueue(db, entryID: id, model: model, reason: .stale, priority: priority).inserted { added += 1 }
            }
            return added
        }
    }

    /// `model`'s items waiting to be claimed and leased to a worker now.
    package func openCounts(model: String) throws -> (pending: Int, processing: Int) {
        try database.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT status, count(*) AS n FROM embedding_queue WHERE model = ? AND status IN ('pending', 'processing')
                GROUP BY status
                """, arguments: [model]) {
                counts[row["status"]] = row["n"]
            }
            return (counts["pending"] ?? 0, counts["processing"] ?? 0)
        }
    }

    /// Claims up to `limit` items for `owner` (see `QueueEngine.claim`).
    package func claim(owner: String, limit: Int, leaseDuration: TimeInterval) throws -> [EmbeddingQueueItem] {
        try database.write { db in
            try engine.claim(db, owner: owner, limit: limit, leaseDuration: leaseDuration).map(EmbeddingQueueItem.init(row:))
        }
    }

    /// How many items are in each state (`QueueEngine.statusCounts`), in one read.
    package func statusCounts() throws -> QueueStatusCounts {
        try database.read { db in try engine.statusCounts(db) }
    }
}
