package import DictionaryCore
import Foundation
import GRDB

/// One `manual_review_queue` row.
package struct ReviewItem: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    package var id: String
    /// The term as submitted.
    package var term: String
    /// The entry language code.
    package var lang: String
    /// The seed-queue item that produced it.
    package var seedItemID: String?
    /// The generated (or, once approved, the stored) entry content.
    package var content: GeneratedEntry
    /// The heuristic score, 0...100.
    package var qualityScore: Double
    /// Why the row exists.
    package var reason: String
    /// pending, approved or rejected.
    package var status: String
    /// Notes left by the reviewer.
    package var reviewerNotes: String?
    /// Who decided.
    package var reviewedBy: String?
    /// When it was decided.
    package var reviewedAt: String?
    /// When the row was created.
    package var createdAt: String

    init(row: Row) throws {
        try self.init(
            id: row["id"], term: row["term"], lang: row["lang"], seedItemID: row["seed_item_id"], contentJSON: row["generated_content"],
            qualityScore: row["quality_score"], reason: row["reason"], status: row["status"], reviewerNotes: row["reviewer_notes"],
            reviewedBy: row["reviewed_by"], reviewedAt: row["reviewed_at"], createdAt: row["created_at"])
    }

    /// An item from its column values (`contentJSON`: the stored generated entry), for either engine's rows.
    init(
        id: String, term: String, lang: String, seedItemID: String?, contentJSON: String, qualityScore: Double, reason: String,
        status: String, reviewerNotes: String?, reviewedBy: String?, reviewedAt: String?, createdAt: String
    ) throws {
        self.id = id
        self.term = term
        self.lang = lang
        self.seedItemID = seedItemID
        do {
            content = try JSONDecoder().decode(GeneratedEntry.self, from: Data(contentJSON.utf8))
        } catch {
            throw QueueError.corruptRow(queue: .seed, itemID: id, column: "manual_review_queue.generated_content",
                                        found: String(contentJSON.prefix(80)))
        }
        self.qualityScore = qualityScore
        self.reason = reason
        self.status = status
        self.reviewerNotes = reviewerNotes
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.createdAt = createdAt
    }
}
