/// Where `FeedbackService` stores what it validated: SQLite's `SQLiteFeedbackStore` or PostgreSQL's
/// `PostgresFeedbackStore`.
package protocol FeedbackStore: Sendable {
    /// In one transaction: inserts `feedback` (validated, its text trimmed or nil) as row `id` of `user_feedback`, and
    /// when `queueEnhancement`, an `enhancement_queue` request for the entry with reason `user_feedback` and priority
    /// 8 unless one is already open (the partial unique index allows one per entry).
    /// - Throws: `FeedbackService.FeedbackError.entryNotFound` when the entry does not exist (nothing stored).
    func insert(_ feedback: FeedbackService.Feedback, id: String, createdAt: String, queueEnhancement: Bool) async throws
}
