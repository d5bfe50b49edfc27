/// Filters for `ScoresService.search`. Every filter is an equality on an indexed column
/// (`idx_scores_composer`, `idx_scores_instrument`, `idx_scores_difficulty`, `idx_scores_style_period`).
public struct ScoreQuery: Sendable, Equatable {
    /// Composer, matched after alias canonicalization ("Bach" finds "Johann Sebastian Bach").
    public var composer: String?
    public var instrument: Instrument?
    public var difficulty: Difficulty?
    public var stylePeriod: StylePeriod?
    /// The viewer: sees public scores plus their own; nil sees public scores only.
    public var viewerID: String?
    /// Page size, clamped to 1...200.
    public var limit: Int
    public var offset: Int

    /// A query; nil filters match everything.
    public init(
        composer: String? = nil, instrument: Instrument? = nil, difficulty: Difficulty? = nil,
        stylePeriod: StylePeriod? = nil, viewerID: String? = nil, limit: Int = 20, offset: Int = 0
    ) {
        self.composer = composer
        self.instrument = instrument
        self.difficulty = difficulty
        self.stylePeriod = stylePeriod
        self.viewerID = viewerID
        self.limit = limit
        self.offset = offset
    }
}
