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
        try self.init(
            id: row["id"], term: row["term"], normalizedTerm: row["normalized_term"], languagesJSON: row["languages"],
            completedLanguagesJSON: row["completed_languages"], priority: row["priority"], status: row["status"],
            attempts: row["attempts"], errorMessage: row["error_message"], errorType: row["error_type"],
            retryAfter: row["retry_after"], leaseOwner: row["lease_owner"], createdAt: row["created_at"])
    }

    /// An item from its columns, the language lists as JSON text; a corrupt list is `QueueError.corruptRow`.
    init(
        id: String, term: String, normalizedTerm: String, languagesJSON: String, completedLanguagesJSON: String, priority: Int,
        status: String, attempts: Int, errorMessage: String?, errorType: String?, retryAfter: String?, leaseOwner: String?,
        createdAt: String
    ) throws {
        guard let languages = JSONText.stringArray(languagesJSON) else {
            throw QueueError.corruptRow(queue: .seed, itemID: id, column: "languages", found: languagesJSON)
        }
        guard let completed = JSONText.stringArray(completedLanguagesJSON) else {
            throw QueueError.corruptRow(queue: .seed, itemID: id, column: "completed_languages", found: completedLanguagesJSON)
        }
        self.id = id
        self.term = term
        self.normalizedTerm = normalizedTerm
        self.languages = languages
        completedLanguages = completed
        self.priority = priority
        self.status = status
        self.attempts = attempts
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.retryAfter = retryAfter
        self.leaseOwner = leaseOwner
        self.createdAt = createdAt
    }
}
