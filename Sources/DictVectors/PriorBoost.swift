/// How one search uses the rows' priors: the ranking score of a row becomes
/// `cosine + bias + groupBonus[group]` (a group beyond the table gets no bonus). Top-k then keeps the best-scoring
/// row of each entry, exactly as it does for plain cosine.
package struct PriorBoost: Sendable, Hashable {
    /// Per-group bonus for this query (at most 256 groups).
    package var groupBonus: [Float]

    package init(groupBonus: [Float] = []) {
        self.groupBonus = Array(groupBonus.prefix(256))
    }

    /// The bonus table widened to all 256 group codes, so the hot loop indexes without a bounds branch.
    func table() -> [Float] {
        var table = [Float](repeating: 0, count: 256)
        for (group, bonus) in groupBonus.enumerated() where bonus.isFinite { table[group] = bonus }
        return table
    }
}
