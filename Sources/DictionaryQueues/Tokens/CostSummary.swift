/// One `ai_cost_summary` row: calls per day, provider, model and operation.
package struct CostSummary: Sendable, Equatable, Codable {
    /// The UTC day, `YYYY-MM-DD`.
    package var date: String
    /// Who serves the model.
    package var provider: String
    /// The model name.
    package var model: String
    /// What the call was for.
    package var operation: String
    /// Number of calls.
    package var requests: Int
    /// Sum of total tokens.
    package var totalTokens: Int
    /// Sum of `cost_usd`.
    package var totalCostUSD: Double
    /// Mean latency.
    package var averageLatencyMilliseconds: Double
    /// Share of successful calls, in percent.
    package var successRatePercent: Double
}
