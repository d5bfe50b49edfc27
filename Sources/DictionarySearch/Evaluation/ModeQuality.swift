/// How one search mode did on a query set: accuracy at 1, 10 and 100 (the share of answerable queries whose
/// expected term is among the first k results), the median rank of the first expected term, the share of
/// unanswerable queries (an empty `expected`, such as "zzzqqq") answered with nothing, and the latency.
package struct ModeQuality: Sendable, Hashable, Encodable {
    /// Results asked for per query: ranks beyond it count as misses.
    package static let depth = 100

    package var mode: String
    /// Queries with at least one expected term.
    package var answerable: Int
    package var hitsAt1: Int
    package var hitsAt10: Int
    package var hitsAt100: Int
    /// The 1-based rank of the first expected term per answerable query; `depth + 1` when it was not found.
    package var ranks: [Int]
    /// Queries with no expected term, and how many of them returned no result at all.
    package var unanswerable: Int
    package var answeredEmpty: Int
    /// Milliseconds per query, in query order.
    package var milliseconds: [Double]

    package init(mode: String) {
        self.mode = mode
        answerable = 0; hitsAt1 = 0; hitsAt10 = 0; hitsAt100 = 0; ranks = []
        unanswerable = 0; answeredEmpty = 0; milliseconds = []
    }

    /// Records one answerable query whose first expected term came at `rank` (nil: not in the results).
    package mutating func record(rank: Int?, milliseconds elapsed: Double) {
        answerable += 1
        if let rank {
            if rank <= 1 { hitsAt1 += 1 }
            if rank <= 10 { hitsAt10 += 1 }
            if rank <= Self.depth { hitsAt100 += 1 }
        }
        ranks.append(min(rank ?? Self.depth + 1, Self.depth + 1))
        milliseconds.append(elapsed)
    }

    /// Records one unanswerable query and whether it returned nothing.
    package mutating func record(emptyResult: Bool, milliseconds elapsed: Double) {
        unanswerable += 1
        if emptyResult { answeredEmpty += 1 }
        milliseconds.append(elapsed)
    }

    package var accuracyAt1: Double { share(hitsAt1, of: answerable) }
    package var accuracyAt10: Double { share(hitsAt10, of: answerable) }
    package var accuracyAt100: Double { share(hitsAt100, of: answerable) }
    /// The share of unanswerable queries answered with no result (nil when the set has none).
    package var emptyRate: Double? { unanswerable == 0 ? nil : share(answeredEmpty, of: unanswerable) }
    /// Median rank of the first expected term (`depth + 1` stands for "not in the first `depth`"); nil without
    /// answerable queries.
    package var medianRank: Double? { Self.percentile(ranks.map(Double.init), 0.5) }
    package var p50Milliseconds: Double? { Self.percentile(milliseconds, 0.5) }
    package var p99Milliseconds: Double? { Self.percentile(milliseconds, 0.99) }

    /// The `q`-quantile by linear interpolation between closest ranks (nil for no values).
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    private func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

    enum CodingKeys: String, CodingKey {
        case mode, answerable, unanswerable
        case accuracyAt1 = "acc_at_1", accuracyAt10 = "acc_at_10", accuracyAt100 = "acc_at_100"
        case medianRank = "median_rank", emptyRate = "empty_rate"
        case p50Milliseconds = "p50_ms", p99Milliseconds = "p99_ms"
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(answerable, forKey: .answerable)
        try c.encode(unanswerable, forKey: .unanswerable)
        try c.encode(accuracyAt1, forKey: .accuracyAt1)
        try c.encode(accuracyAt10, forKey: .accuracyAt10)
        try c.encode(accuracyAt100, forKey: .accuracyAt100)
        try c.encodeIfPresent(medianRank, forKey: .medianRank)
        try c.encodeIfPresent(emptyRate, forKey: .emptyRate)
        try c.encodeIfPresent(p50Milliseconds, forKey: .p50Milliseconds)
        try c.encodeIfPresent(p99Milliseconds, forKey: .p99Milliseconds)
    }
}
