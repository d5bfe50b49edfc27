/// Counts of rows a purge removed.
public struct PurgeReport: Sendable, Equatable, Codable {
    /// Completed seed items deleted.
    public var completedSeedItems = 0
    /// Completed embedding items deleted.
    public var completedEmbeddingItems = 0
    /// Dead letters deleted.
    public var deadLetters = 0
    /// `ai_token_usage` rows deleted.
    public var tokenUsageDays = 0

    /// The documented defaults.
    public init() {}
}
