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

extension BudgetStatus {
    /// `model`'s day under `budget`: `remaining` is what is left of a limit (never below 0), nil without one.
    init(date: String, model: String, budget: TokenBudget, used: Int, reserved: Int) {
        switch budget.limit(for: model) {
        case .tokens(let limit):
            self.init(date: date, model: model, limit: limit, used: used, reserved: reserved, remaining: max(0, limit - used - reserved))
        case .unlimited:
            self.init(date: date, model: model, limit: nil, used: used, reserved: reserved, remaining: nil)
        }
    }
}
