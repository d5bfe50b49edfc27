import DictStore
import GRDB

/// One claimed (or listed) `seed_queue` row.
package struct SeedQueueItem: Sendable, Equatable, Codable {
    /// The row id (lowercase UUID).
    package var id: String
    /// The term as submitted.
    package var term: String
    /// `TermNormalizer.normalize(term)`.
    package var normalizedTerm: String
    /// Languages still to generate, canonical order.
    package var languages: [String]
    /// Languages already handled (entry stored, already present, or sent to manual review).
    package var completedLanguages: [String]
    /// 1 (lowest) to 10 (highest); claims take higher priorities first.
    package var priority: Int
    /// The row's state (`pending`, `processing`, `completed`, …).
    package var status: String
    /// Claims so far (including the current one).
    package var attempts: Int
    /// The last failure's message.
    package var errorMessage: String?
    /// The last failure's `QueueErrorType` raw value.
    package var errorType: String?
    /// Not claimable before this timestamp.
    package var retryAfter: String?
    /// The worker holding the lease, if any.
    package var leaseOwner: String?
    /// When the row was created.
    package var createdAt: String

    /// Decodes a row, reporting a corrupt JSON column as `QueueError.corruptRow`.
    init(row: Row) throws {
        id = row["id"]
        term = row["term"]
        normalizedTerm = row["normalized_term"]
        let languagesText: String = row["languages"]
        let completedText: String = row["completed_languages"]
        guard let languages = JSONText.stringArray(languagesText) else {
            throw QueueError.corruptRow(queue: .seed, itemID: id, column: "languages", found: languagesText)
        }
        guard let completed = JSONText.stringArray(completedText) else {
            throw QueueError.corruptRow(queue: .seed, itemID: id, column: "completed_languages", found: completedText)
        }
        self.languages = languages
        completedLanguages = completed
        priority = row["priority"]
        status = row["status"]
        attempts = row["attempts"]
        errorMessage = row["error_message"]
        errorType = row["error_type"]
        retryAfter = row["retry_after"]
        leaseOwner = row["lease_owner"]
        createdAt = row["created_at"]
    }
}
