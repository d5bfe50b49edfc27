/// Counts of rows a purge removed.
package struct PurgeReport: Sendable, Equatable, Codable {
    /// Completed seed items deleted.
    package var completedSeedItems = 0
    /// Completed embedding items deleted.
    package var completedEmbeddingItems = 0
    /// Dead letters deleted.
    package var deadLetters = 0
    /// `ai_token_usage` rows deleted.
    package var tokenUsageDays = 0

    /// The documented defaults.
    package init() {}
}
