import GRDB

/// The usage counters of one score.
public struct ScoreAnalytics: Codable, Sendable, Equatable {
    public var scoreID: String
    public var viewCount: Int64
    public var downloadCount: Int64
    public var renderCount: Int64
    public var lastViewedAt: String?

    init(row: Row) {
        scoreID = row["score_id"]
        viewCount = row["view_count"]
        downloadCount = row["download_count"]
        renderCount = row["render_count"]
        lastViewedAt = row["last_viewed_at"]
    }
}
