/// A row's static contribution to its ranking score, stored beside its vector: an additive `bias` (for example a
/// word-frequency prior) and a small `group` code (for example the sense's part of speech) whose per-query bonus
/// `PriorBoost.groupBonus[group]` is added too. Rows start with `RowPrior.zero`; `EmbeddingIndex.setPriors` sets them.
public struct RowPrior: Sendable, Hashable {
    /// Added to the cosine of this row whenever a search asks for priors.
    public var bias: Float
    /// Index into `PriorBoost.groupBonus`.
    public var group: UInt8

    public init(bias: Float, group: UInt8) {
        self.bias = bias
        self.group = group
    }

    /// No bias, group 0.
    public static let zero = RowPrior(bias: 0, group: 0)
}
