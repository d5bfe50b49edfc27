/// How long finished work is kept (the original: completed seed items 7 days, dead letters and token usage 30).
package struct RetentionPolicy: Sendable, Equatable, Codable {
    /// Days completed queue items are kept.
    package var completedItemDays: Int = 7
    /// Days dead letters are kept.
    package var deadLetterDays: Int = 30
    /// Days `ai_token_usage` rows are kept.
    package var tokenUsageDays: Int = 30

    /// Creates a value from its parts.
    package init(completedItemDays: Int = 7, deadLetterDays: Int = 30, tokenUsageDays: Int = 30) {
        self.completedItemDays = completedItemDays
        self.deadLetterDays = deadLetterDays
        self.tokenUsageDays = tokenUsageDays
    }
}
