/// The usage counters of one score.
package struct ScoreAnalytics: Codable, Sendable, Equatable {
    package var scoreID: String
    package var viewCount: Int64
    package var downloadCount: Int64
    package var renderCount: Int64
    package var lastViewedAt: String?
}
