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
}
