/// What a caller gives to add a score; the service fills id, slug, normalized id and timestamps.
public struct NewScore: Sendable, Equatable {
    public var title: String
    public var composer: String?
    public var opus: String?
    public var instrument: Instrument
    public var difficulty: Difficulty?
    public var difficultyLevel: Int?
    public var stylePeriod: StylePeriod?
    public var source: ScoreSource
    public var tags: [String]
    public var visibility: ScoreVisibility
    public var userID: String?

    /// A score to add; only the title and instrument are required.
    public init(
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
