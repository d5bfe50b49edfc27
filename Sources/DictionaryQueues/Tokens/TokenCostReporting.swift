/// The token ledger's cost report on either engine (`TokenLedger`, `PostgresTokenLedger`), for `dict analytics tokens`.
package protocol TokenCostReporting: Sendable {
    /// The `ai_cost_summary` view for the last `days` UTC days, newest first.
    func costSummary(days: Int) async throws -> [CostSummary]
}

extension TokenLedger: TokenCostReporting {}
extension PostgresTokenLedger: TokenCostReporting {}
