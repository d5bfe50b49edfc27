/// What a caller gives to add a score; the service fills id, slug, normalized id and timestamps.
package struct NewScore: Sendable, Equatable {
    package var title: String
    package var composer: String?
    package var opus: String?
    package var instrument: Instrument
    package var difficulty: Difficulty?
    package var difficultyLevel: Int?
    package var stylePeriod: StylePeriod?
    package var source: ScoreSource
    package var tags: [String]
    package var visibility: ScoreVisibility
    package var userID: String?

    /// A score to add; only the title and instrument are required.
    package init(
        title: String, composer: String? = nil, opus: String? = nil, instrument: Instrument,
        difficulty: Difficulty? = nil, difficultyLevel: Int? = nil, stylePeriod: StylePeriod? = nil,
        source: ScoreSource = .manual, tags: [String] = [], visibility: ScoreVisibility = .public, userID: String? = nil
    ) {
        self.title = title
        self.composer = composer
        self.opus = opus
        self.instrument = instrument
        self.difficulty = difficulty
        self.difficultyLevel = difficultyLevel
        self.stylePeriod = stylePeriod
        self.source = source
        self.tags = tags
        self.visibility = visibility
        self.userID = userID
    }
}
