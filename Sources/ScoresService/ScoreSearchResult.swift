/// One page of search results.
package struct ScoreSearchResult: Codable, Sendable, Equatable {
    package var scores: [Score]
    /// Whether more results follow this page.
    package var hasMore: Bool
}
