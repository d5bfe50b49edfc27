import GRDB

/// One row of `scores`: the canonical metadata of a work.
package struct Score: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var title: String
    package var composer: String?
    package var opus: String?
    package var instrument: Instrument
    package var difficulty: Difficulty?
    package var difficultyLevel: Int?
    package var stylePeriod: StylePeriod?
    package var source: ScoreSource
    package var slug: String?
    package var tags: [String]
    package var visibility: ScoreVisibility
    package var userID: String?
    package var normalizedID: String?
    package var createdAt: String
    package var updatedAt: String

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
