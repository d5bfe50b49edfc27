/// Filters for `ScoresService.search`. Every filter is an equality on an indexed column
/// (`idx_scores_composer`, `idx_scores_instrument`, `idx_scores_difficulty`, `idx_scores_style_period`).
package struct ScoreQuery: Sendable, Equatable {
    /// Composer, matched after alias canonicalization ("Bach" finds "Johann Sebastian Bach").
    package var composer: String?
    package var instrument: Instrument?
    package var difficulty: Difficulty?
    package var stylePeriod: StylePeriod?
    /// The viewer: sees public scores plus their own; nil sees public scores only.
    package var viewerID: String?
    /// Page size, clamped to 1...200.
    package var limit: Int
    package var offset: Int

    /// A query; nil filters match everything.
    package init(
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
