/// One `ai_token_usage` row: a model's tokens on one UTC day.
public struct DailyTokenUsage: Sendable, Equatable, Codable {
    /// The UTC day, `YYYY-MM-DD`.
    public var date: String
    /// The model name.
    public var model: String
    /// Tokens booked as used.
    public var tokensUsed: Int
    /// Tokens reserved by work in flight.
    public var tokensReserved: Int
    /// Generations (terms × languages) booked.
    public var termsProcessed: Int
}
