/// One `ai_cost_summary` row: calls per day, provider, model and operation.
public struct CostSummary: Sendable, Equatable, Codable {
    /// The UTC day, `YYYY-MM-DD`.
    public var date: String
    /// Who serves the model.
    public var provider: String
    /// The model name.
    public var model: String
    /// What the call was for.
    public var operation: String
    /// Number of calls.
    public var requests: Int
    /// Sum of total tokens.
    public var totalTokens: Int
    /// Sum of `cost_usd`.
    public var totalCostUSD: Double
    /// Mean latency.
    public var averageLatencyMilliseconds: Double
    /// Share of successful calls, in percent.
    public var successRatePercent: Double
}
