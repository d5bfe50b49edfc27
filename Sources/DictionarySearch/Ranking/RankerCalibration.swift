import Foundation

/// A logistic calibration of ranker scores blended at one semantic ratio: probability = 1 / (1 + exp(−(slope · score
/// + intercept))). Scores blended at another ratio than the one a ranker was trained at (0.5) have another scale:
/// at cross-language search's 0.85 the meaning features count 1.7 times, and the 0.5 calibration called runners-up
/// near-certain (candidates it gave 0.8–0.95 were the word meant 5 % of the time on the cross-language tuning sets).
package struct RankerCalibration: Sendable, Hashable {
    /// The semantic ratio whose scores this calibrates.
    package var semanticRatio: Double
    package var slope: Double
    package var intercept: Double

    package init(semanticRatio: Double, slope: Double, intercept: Double) {
        self.semanticRatio = semanticRatio; self.slope = slope; self.intercept = intercept
    }

    /// The calibrated probability (0…1) of a score.
    package func probability(ofScore score: Double) -> Double { 1 / (1 + exp(-(slope * score + intercept))) }
}
