/// One `ai_token_usage` row: a model's tokens on one UTC day.
public struct DailyTokenUsage: Sendable, Equatable, Codable {
    public var date: String
    public var model: String
    public var tokensUsed: Int
    public var tokensReserved: Int
    public var termsProcessed: Int
}

/// One `ai_cost_summary` row: calls per day, provider, model and operation.
public struct CostSummary: Sendable, Equatable, Codable {
    public var date: String
    public var provider: String
    public var model: String
    public var operation: String
    public var requests: Int
    public var totalTokens: Int
    public var totalCostUSD: Double
    public var averageLatencyMilliseconds: Double
    public var successRatePercent: Double
}

/// Today's standing of one model against its budget.
public struct BudgetStatus: Sendable, Equatable, Codable {
    public var date: String
    public var model: String
    /// nil when the model is unlimited.
    public var limit: Int?
    public var used: Int
    public var reserved: Int
    /// limit − used − reserved (never negative); nil when unlimited.
    public var remaining: Int?
}
