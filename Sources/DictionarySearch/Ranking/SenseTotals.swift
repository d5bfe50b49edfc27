/// How many sense vectors an entry has for one model and the sum of their tagged-corpus frequencies: the ranker's
/// share-of-senses features. The vector backend keeps them in memory, because summing them in SQL reads every
/// sense row of every candidate (a third of a semantic query's records read on WordNet, where common words have
/// dozens of senses).
package struct SenseTotals: Sendable, Hashable {
    package var count: Int
    package var frequency: Int

    package init(count: Int, frequency: Int) {
        self.count = count
        self.frequency = frequency
    }

    /// Counts one more sense with `senseFrequency`.
    mutating func add(senseFrequency: Int) {
        count += 1
        frequency += senseFrequency
    }
}
