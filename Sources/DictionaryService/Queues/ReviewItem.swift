import Foundation
import GRDB

/// One `manual_review_queue` row.
public struct ReviewItem: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    public var id: String
    /// The term as submitted.
    public var term: String
    /// The entry language code.
    public var lang: String
    /// The seed-queue item that produced it.
    public var seedItemID: String?
    /// The generated (or, once approved, the stored) entry content.
    public var content: GeneratedEntry
    /// The heuristic score, 0...100.
    public var qualityScore: Double
    /// Why the row exists.
    public var reason: String
    /// pending, approved or rejected.
    public var status: String
    /// Notes left by the reviewer.
    public var reviewerNotes: String?
    /// Who decided.
    public var reviewedBy: String?
    /// When it was decided.
    public var reviewedAt: String?
    /// When the row was created.
    public var createdAt: String

    init(row: Row) throws {
        id = row["id"]
        term = row["term"]
        lang = row["lang"]
        seedItemID = row["seed_item_id"]
        let text: String = row["generated_content"]
        do {
            content = try JSONDecoder().decode(GeneratedEntry.self, from: Data(text.utf8))
        } catch {
            throw QueueError.corruptRow(queue: .seed, itemID: id, column: "manual_review_queue.generated_content",
                                        found: String(text.prefix(80)))
        }
        qualityScore = row["quality_score"]
        reason = row["reason"]
        status = row["status"]
        reviewerNotes = row["reviewer_notes"]
        reviewedBy = row["reviewed_by"]
        reviewedAt = row["reviewed_at"]
        createdAt = row["created_at"]
    }
}
