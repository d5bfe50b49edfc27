package import DictStore
package import DictionaryCore
import Foundation
package import GRDB

/// Generated entries scoring below the quality threshold wait here for a human: approve (DictionaryGeneration's
/// `approve`, which re-parses and stores the entry) or reject, which only records the decision.
package struct ManualReviewQueue: Sendable {
    /// The dictionary database.
    package let database: StoreDatabase
    /// The source of "now".
    package let clock: any WallClock

    /// Creates a value from its parts.
    package init(database: StoreDatabase, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Adds a review item inside the caller's transaction; returns its id.
    @discardableResult
    package func add(
        _ db: Database, entry: GeneratedEntry, lang: String, seedItemID: String?, threshold: Double
    ) throws -> String {
        let id = RandomRowID.make()
        let score = min(100, max(0, entry.qualityScore))
        try db.execute(
            sql: """
                INSERT INTO manual_review_queue (id, term, lang, seed_item_id, generated_content, quality_score, reason,
                    status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)
                """,
            arguments: [id, entry.term, lang, seedItemID, try Self.encode(entry), score,
                        Self.reason(score: score, threshold: threshold),
                        Timestamp.format(clock.now())]
        )
        return id
    }

    /// Review items in `status` (all when nil), newest first.
    package func list(status: String? = "pending", limit: Int = 20, offset: Int = 0) throws -> [ReviewItem] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM manual_review_queue WHERE (?1 IS NULL OR status = ?1)
                    ORDER BY created_at DESC, id LIMIT ?2 OFFSET ?3
                    """,
                arguments: [status, max(0, limit), max(0, offset)]
            ).map(ReviewItem.init(row:))
        }
    }

    /// Number of review items in `status` (all when nil).
    package func count(status: String? = "pending") throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM manual_review_queue WHERE (?1 IS NULL OR status = ?1)", arguments: [status]) ?? 0
        }
    }

    /// Rejects a pending item.
    package func reject(id: String, reviewer: String = "admin", notes: String? = nil) throws {
        try database.write { db in
            _ = try pendingItem(db, id: id)
            try decide(db, id: id, status: "rejected", reviewer: reviewer, notes: notes, content: nil)
        }
    }

    /// The item `id` if it still waits for a decision.
    /// - Throws: `QueueError.reviewNotFound` or `.reviewAlreadyDecided`.
    package func pendingItem(_ db: Database, id: String) throws -> ReviewItem {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM manual_review_queue WHERE id = ?", arguments: [id]) else {
            throw QueueError.reviewNotFound(id: id)
        }
        let item = try ReviewItem(row: row)
        guard item.status == "pending" || item.status == "reviewing" else {
            throw QueueError.reviewAlreadyDecided(id: id, status: item.status)
        }
        return item
    }

    /// Records the decision on item `id`, with the approved content when it changed.
    package func decide(_ db: Database, id: String, status: String, reviewer: String, notes: String?, content: GeneratedEntry?) throws {
        try db.execute(
            sql: """
                UPDATE manual_review_queue
                SET status = ?, reviewer_notes = ?, reviewed_by = ?, reviewed_at = ?,
                    generated_content = coalesce(?, generated_content)
                WHERE id = ?
                """,
            arguments: [status, notes ?? "", reviewer, Timestamp.format(clock.now()), try content.map(Self.encode), id]
        )
    }

    /// The stored JSON of a generated entry (sorted keys, so equal content gives equal text).
    package static func encode(_ entry: GeneratedEntry) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    /// The review reason both engines store.
    package static func reason(score: Double, threshold: Double) -> String {
        "Quality score \(format(score)) below threshold \(format(threshold))"
    }

    static func format(_ score: Double) -> String {
        score.rounded() == score ? String(Int(score)) : String(format: "%.1f", score)
    }
}
