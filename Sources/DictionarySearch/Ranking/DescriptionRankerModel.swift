/// The weights of `DescriptionRanker`: a linear score over `RankingFeature`s (one weight each, in their order) and
/// the logistic calibration that turns the score into the probability that the candidate is the word meant.
///
/// `trained` is written by `scripts/train-ranker.py` from `dict eval --dump-features` over the tuning sets only
/// (never the held-out ones); see docs/search.md for how it was fitted and measured.
package struct DescriptionRankerModel: Sendable, Hashable {
    /// One weight per `RankingFeature`, in `allCases` order.
    package var weights: [Double]
    /// Probability = 1 / (1 + exp(−(slope · score + intercept))).
    package var calibrationSlope: Double
    package var calibrationIntercept: Double
    /// Hybrid: the calibration of scores blended at the cross-language ratio, fitted on the cross-language tuning
    /// sets' candidates (nil: the calibration above serves every ratio).
    package var crossLanguageCalibration: RankerCalibration?

    package init(weights: [Double], calibrationSlope: Double, calibrationIntercept: Double,
                 crossLanguageCalibration: RankerCalibration? = nil) {
        precondition(weights.count == RankingFeature.allCases.count, "one weight per RankingFeature")
        self.weights = weights
        self.calibrationSlope = calibrationSlope
        self.calibrationIntercept = calibrationIntercept
        self.crossLanguageCalibration = crossLanguageCalibration
    }

    /// The candidate prior's own formula (cosine plus frequency, sense-rank and part-of-speech priors, self-match
    /// penalty through the stem feature): the ranking before any training, used to produce the training features.
    package static let prior = DescriptionRankerModel(
        weights: RankingFeature.allCases.map { feature in
            switch feature {
            case .cosine: 1
            case .zipf: 0.03
            case .senseRank: -0.02
            case .partOfSpeechMatch: 0.08
            case .specialist: 0.05
            default: 0
            }
        },
        calibrationSlope: 10, calibrationIntercept: -6)
}
