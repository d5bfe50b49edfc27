/// Daily token limits per model. The default is the original service's seeding budget: a 10,000-token free tier,
/// 50 % of it for seeding (5,000), minus a 10 % safety buffer = 4,500 tokens per UTC day.
package struct TokenBudget: Sendable, Equatable {
    /// A model's daily allowance.
    package enum DailyLimit: Sendable, Equatable {
        /// At most this many tokens (used + reserved) per UTC day.
        case tokens(Int)
        /// Metered but never refused (e.g. a local embedding model).
        case unlimited
    }

    /// The original's free tier.
    package static let freeTierTokens = 10_000
    /// The original's share of the free tier given to seeding.
    package static let seedingShare = 0.5
    /// The original's safety buffer, taken off the seeding share.
    package static let safetyBuffer = 0.1
    /// floor(floor(10,000 × 0.5) × 0.9) = 4,500.
    package static let defaultDailyTokens = derivedLimit(freeTier: freeTierTokens, share: seedingShare, buffer: safetyBuffer)

    /// The limit of models without their own entry.
    package var defaultLimit: DailyLimit
    /// Per-model overrides.
    package var perModel: [String: DailyLimit]

    /// Creates a value from its parts.
    package init(defaultLimit: DailyLimit = .tokens(TokenBudget.defaultDailyTokens), perModel: [String: DailyLimit] = [:]) {
        self.defaultLimit = defaultLimit
        self.perModel = perModel
    }

    /// The limit that applies to `model`.
    package func limit(for model: String) -> DailyLimit {
        perModel[model] ?? defaultLimit
    }

    /// The original's formula: floor(floor(freeTier × share) × (1 − buffer)).
    package static func derivedLimit(freeTier: Int, share: Double, buffer: Double) -> Int {
        let budget = (Double(freeTier) * share).rounded(.down)
        return Int((budget * (1 - buffer)).rounded(.down))
    }
}
