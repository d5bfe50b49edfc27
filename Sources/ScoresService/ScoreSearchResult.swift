/// One page of search results.
public struct ScoreSearchResult: Codable, Sendable, Equatable {
    public var scores: [Score]
    /// Whether more results follow this page.
    public var hasMore: Bool
}
