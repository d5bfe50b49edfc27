package import DictPostgres
import DictStore
package import DictionaryCore
import Foundation
import PostgresNIO

/// `ManualReviewQueue` on PostgreSQL's `dictionary` schema: the same rows, order and decisions (approval, which
/// parses and stores the edited entry, lives in DictionaryGeneration).
package struct PostgresManualReviewQueue: Sendable {
    package let session: PostgresSession
    package let clock: any WallClock

    package init(session: PostgresSession, clock: any WallClock = SystemWallClock()) {
        self.session = session
        self.clock = clock
    }

    /// As `ManualReviewQueue.add`, in the caller's transaction.
    @discardableResult
    package func add(_ session: PostgresSession, entry: GeneratedEntry, lang: String, seedItemID: String?, threshold: Double) async throws -> String {
        let id = RandomRowID.make()
        let score = min(100, max(0, entry.qualityScore))
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO manual_review_queue (id, term, lang, seed_item_id, generated_content, quality_score, reason, status, created_at)
            VALUES (\(statement.bind(id)), \(statement.bind(entry.term)), \(statement.bind(lang)), \(statement.bind(seedItemID)),
                \(statement.bind(try ManualReviewQueue.encode(entry)))::jsonb, \(statement.bind(score)),
                \(statement.bind(ManualReviewQueue.reason(score: score, threshold: threshold))), 'pending',
                \(statement.bind(Timestamp.format(clock.now()))))
            """
        try await session.query(statement.query(sql))
        return id
    }

    /// As `ManualReviewQueue.list`: newest first.
    package func list(status: String? = "pending", limit: Int = 20, offset: Int = 0) async throws -> [ReviewItem] {
        var statement = PostgresStatement()
        let filter = status.map { "WHERE status = \(statement.bind($0))" } ?? ""
        let sql = """
            SELECT \(Self.columns) FROM manual_review_queue \(filter)
            ORDER BY created_at DESC, id LIMIT \(statement.bind(max(0, limit))) OFFSET \(statement.bind(max(0, offset)))
            """
        return try await session.query(statement.query(sql)).map(Self.item)
    }

    /// As `ManualReviewQueue.count`.
    package func count(status: String? = "pending") async throws -> Int {
        var statement = PostgresStatement()
        let filter = status.map { "WHERE status = \(statement.bind($0))" } ?? ""
        let sql = "SELECT count(*) FROM manual_review_queue \(filter)"
        return try await session.query(statement.query(sql)).first?.decode(Int.self) ?? 0
    }

    /// As `ManualReviewQueue.reject`.
    package func reject(id: String, reviewer: String = "admin", notes: String? = nil) async throws {
        try await session.transaction { session in
            _ = try await pendingItem(session, id: id)
            try await decide(session, id: id, status: "rejected", reviewer: reviewer, notes: notes, content: nil)
        }
    }

    /// As `ManualReviewQueue.pendingItem`: the item, locked for the caller's transaction, if it still waits.
    package func pendingItem(_ session: PostgresSession, id: String) async throws -> ReviewItem {
        var statement = PostgresStatement()
        let sql = "SELECT \(Self.columns) FROM manual_review_queue WHERE id = \(statement.bind(id)) FOR UPDATE"
        guard let row = try await session.query(statement.query(sql)).first else { throw QueueError.reviewNotFound(id: id) }
        let item = try Self.item(row)
        guard item.status == "pending" || item.status == "reviewing" else {
            throw QueueError.reviewAlreadyDecided(id: id, status: item.status)
        }
        return item
    }

    /// As `ManualReviewQueue.decide`.
    package func decide(_ session: PostgresSession, id: String, status: String, reviewer: String, notes: String?, content: GeneratedEntry?) async throws {
        var statement = PostgresStatement()
        let sql = """
            UPDATE manual_review_queue SET status = \(statement.bind(status)), reviewer_notes = \(statement.bind(notes ?? "")),
                reviewed_by = \(statement.bind(reviewer)), reviewed_at = \(statement.bind(Timestamp.format(clock.now()))),
                generated_content = coalesce(\(statement.bind(try content.map(ManualReviewQueue.encode)))::jsonb, generated_content)
            WHERE id = \(statement.bind(id))
            """
        try await session.query(statement.query(sql))
    }

    static let columns = """
        id, term, lang, seed_item_id, generated_content::text, quality_score, reason, status, reviewer_notes, reviewed_by, reviewed_at, created_at
        """

    static func item(_ row: PostgresRow) throws -> ReviewItem {
        let c = row.makeRandomAccess()
        return try ReviewItem(
            id: c[0].decode(String.self), term: c[1].decode(String.self), lang: c[2].decode(String.self), seedItemID: c[3].decode(String?.self),
            contentJSON: c[4].decode(String.self), qualityScore: c[5].decode(Double.self), reason: c[6].decode(String.self),
            status: c[7].decode(String.self), reviewerNotes: c[8].decode(String?.self), reviewedBy: c[9].decode(String?.self),
            reviewedAt: c[10].decode(String?.self), createdAt: c[11].decode(String.self))
    }
}
