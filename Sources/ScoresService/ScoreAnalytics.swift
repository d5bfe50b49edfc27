import GRDB

/// The usage counters of one score.
package struct ScoreAnalytics: Codable, Sendable, Equatable {
    package var scoreID: String
    package var viewCount: Int64
    package var downloadCount: Int64
    package var renderCount: Int64
    package var lastViewedAt: String?

    init(row: Row) {
        scoreID = row["score_id"]
        viewCount = row["view_count"]
        downloadCount = row["download_count"]
        renderCount = row["render_count"]
        lastViewedAt = row["last_viewed_at"]
    }
}
