import GRDB

/// One row of `scores`: the canonical metadata of a work.
public struct Score: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var composer: String?
    public var opus: String?
    public var instrument: Instrument
    public var difficulty: Difficulty?
    public var difficultyLevel: Int?
    public var stylePeriod: StylePeriod?
    public var source: ScoreSource
    public var slug: String?
    public var tags: [String]
    public var visibility: ScoreVisibility
    public var userID: String?
    public var normalizedID: String?
    public var createdAt: String
    public var updatedAt: String

    static let columns = """
        id, title, composer, opus, instrument, difficulty, difficulty_level, style_period, source, slug, tags,
        visibility, user_id, normalized_id, created_at, updated_at
        """

    init(row: Row) throws {
        id = row["id"]
        title = row["title"]
        composer = row["composer"]
        opus = row["opus"]
        instrument = try row.scoresEnum(Instrument.self, "instrument", table: "scores")
        difficulty = try row.scoresOptionalEnum(Difficulty.self, "difficulty", table: "scores")
        difficultyLevel = row["difficulty_level"]
        stylePeriod = try row.scoresOptionalEnum(StylePeriod.self, "style_period", table: "scores")
        source = try row.scoresEnum(ScoreSource.self, "source", table: "scores")
        slug = row["slug"]
        tags = try row.scoresStringArray("tags", table: "scores")
        visibility = try row.scoresEnum(ScoreVisibility.self, "visibility", table: "scores")
        userID = row["user_id"]
        normalizedID = row["normalized_id"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
