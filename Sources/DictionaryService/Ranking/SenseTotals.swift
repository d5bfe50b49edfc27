/// How many sense vectors an entry has for one model and the sum of their tagged-corpus frequencies: the ranker's
/// share-of-senses features. The vector backend keeps them in memory, because summing them in SQL reads every
/// sense row of every candidate (a third of a semantic query's records read on WordNet, where common words have
/// dozens of senses).
public struct SenseTotals: Sendable, Hashable {
    public var count: Int
    public var frequency: Int

    public init(count: Int, frequency: Int) {
        self.count = count
        self.frequency = frequency
    }

    /// Counts one more sense with `senseFrequency`.
    mutating func add(senseFrequency: Int) {
        count += 1
        frequency += senseFrequency
    }
}
