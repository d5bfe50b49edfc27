/// One `ai_token_usage` row: a model's tokens on one UTC day.
package struct DailyTokenUsage: Sendable, Equatable, Codable {
    /// The UTC day, `YYYY-MM-DD`.
    package var date: String
    /// The model name.
    package var model: String
    /// Tokens booked as used.
    package var tokensUsed: Int
    /// Tokens reserved by work in flight.
    package var tokensReserved: Int
    /// Generations (terms × languages) booked.
    package var termsProcessed: Int
}
