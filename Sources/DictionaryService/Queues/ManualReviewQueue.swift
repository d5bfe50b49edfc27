import DictStore
import Foundation
import GRDB

/// Generated entries scoring below the quality threshold wait here for a human: approve (optionally with edits)
/// stores the entry and queues it for embedding; reject only records the decision.
public struct ManualReviewQueue: Sendable {
    /// The dictionary database.
    public let database: StoreDatabase
    /// The source of "now".
    public let clock: any WallClock

    /// Creates a value from its parts.
    public init(database: StoreDatabase, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Adds a review item inside the caller's transaction; returns its id.
    @discardableResult
    public func add(
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
                        "Quality score \(Self.format(score)) below threshold \(Self.format(threshold))",
                        Timestamp.format(clock.now())]
        )
        return id
    }

    /// Review items in `status` (all when nil), newest first.
    public func list(status: String? = "pending", limit: Int = 20, offset: Int = 0) throws -> [ReviewItem] {
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
    public func count(status: String? = "pending") throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM manual_review_queue WHERE (?1 IS NULL OR status = ?1)", arguments: [status]) ?? 0
        }
    }

    /// Approves a pending item: `modifications` (a JSON object) is shallow-merged over the generated content and the
    /// result re-validated; the entry is stored through `sink`, queued for embedding under `embeddingModel` when
    /// given, and the item marked approved, all in one transaction. Returns the stored entry.
    @discardableResult
    public func approve(
        id: String, reviewer: String = "admin", notes: String? = nil, modifications: String? = nil,
        sink: any GeneratedEntrySink, embeddingModel: String?
    ) throws -> StoredEntry {
        var changes: [String: Any] = [:]
        if let modifications, !modifications.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let object = JSONText.decode(modifications) as? [String: Any] else {
                throw QueueError.invalidModifications(reason: "not a JSON object")
            }
            changes = object
        }
        return try database.write { db in
            let item = try pendingItem(db, id: id)
            var content = JSONText.decode(try Self.encode(item.content)) as? [String: Any] ?? [:]
            for (key, value) in changes { content[key] = value }
            var entry: GeneratedEntry
            do {
                entry = try GeneratedEntryParser.parse(JSONText.encode(content), term: item.term)
            } catch {
                throw QueueError.invalidModifications(reason: FailureClassifier.describe(error))
            }
            entry.qualityScore = EntryQualityScorer.score(entry)
            let stored = try sink.store(entry, lang: item.lang, in: db)
            if let embeddingModel {
                try EmbeddingQueue(database: database, clock: clock)
                    .enqueue(db, entryID: stored.id, model: embeddingModel, reason: stored.inserted ? .missing : .stale)
            }
            try decide(db, id: id, status: "approved", reviewer: reviewer, notes: notes, content: entry)
            return stored
        }
    }

    /// Rejects a pending item.
    public func reject(id: String, reviewer: String = "admin", notes: String? = nil) throws {
        try database.write { db in
            _ = try pendingItem(db, id: id)
            try decide(db, id: id, status: "rejected", reviewer: reviewer, notes: notes, content: nil)
        }
    }

    private func pendingItem(_ db: Database, id: String) throws -> ReviewItem {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM manual_review_queue WHERE id = ?", arguments: [id]) else {
            throw QueueError.reviewNotFound(id: id)
        }
        let item = try ReviewItem(row: row)
        guard item.status == "pending" || item.status == "reviewing" else {
            throw QueueError.reviewAlreadyDecided(id: id, status: item.status)
        }
        return item
    }

    private func decide(_ db: Database, id: String, status: String, reviewer: String, notes: String?, content: GeneratedEntry?) throws {
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

    static func encode(_ entry: GeneratedEntry) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    static func format(_ score: Double) -> String {
        score.rounded() == score ? String(Int(score)) : String(format: "%.1f", score)
    }
}
