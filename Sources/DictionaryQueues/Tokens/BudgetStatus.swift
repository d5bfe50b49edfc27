/// Today's standing of one model against its budget.
package struct BudgetStatus: Sendable, Equatable, Codable {
    /// The UTC day, `YYYY-MM-DD`.
    package var date: String
    /// The model name.
    package var model: String
    /// nil when the model is unlimited.
    package var limit: Int?
    /// Tokens used today.
    package var used: Int
    /// Tokens reserved by work in flight today.
    package var reserved: Int
    /// limit − used − reserved (never negative); nil when unlimited.
    package var remaining: Int?
}
