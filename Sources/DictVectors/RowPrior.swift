/// A row's static contribution to its ranking score, stored beside its vector: an additive `bias` (for example a
/// word-frequency prior) and a small `group` code (for example the sense's part of speech) whose per-query bonus
/// `PriorBoost.groupBonus[group]` is added too. Rows start with `RowPrior.zero`; `EmbeddingIndex.setPriors` sets them.
package struct RowPrior: Sendable, Hashable {
    /// Added to the cosine of this row whenever a search asks for priors.
    package var bias: Float
    /// Index into `PriorBoost.groupBonus`.
    package var group: UInt8

    package init(bias: Float, group: UInt8) {
        self.bias = bias
        self.group = group
    }

    /// No bias, group 0.
    package static let zero = RowPrior(bias: 0, group: 0)
}
