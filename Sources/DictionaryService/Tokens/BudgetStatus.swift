/// Today's standing of one model against its budget.
public struct BudgetStatus: Sendable, Equatable, Codable {
    /// The UTC day, `YYYY-MM-DD`.
    public var date: String
    /// The model name.
    public var model: String
    /// nil when the model is unlimited.
    public var limit: Int?
    /// Tokens used today.
    public var used: Int
    /// Tokens reserved by work in flight today.
    public var reserved: Int
    /// limit − used − reserved (never negative); nil when unlimited.
    public var remaining: Int?
}
